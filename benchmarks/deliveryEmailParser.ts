/**
 * Delivery Email Parser speed: the node (n8n-core engine, MIME parse, HTML reading, extraction,
 * normalization) against bare `mailparser.simpleParser` on the same corpus, in the same run.
 * Rounds alternate so machine noise hits both alike; the median of each is compared.
 */
import { simpleParser } from 'mailparser';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../scripts/lib/paths';
import { runWorkflow } from '../test/nodes/harness/runWorkflow';
import { singleNodeWorkflow } from '../test/support/workflows';

const ROUNDS = 7;
/** The corpus is repeated so one round takes long enough to time well. */
const COPIES = 10;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export interface ParserBenchmark {
	emails: number;
	bareMs: number;
	nodeMs: number;
}

/** `rounds` and `copies` default to the full size; `--quick` uses fewer. */
export async function deliveryEmailParserBenchmark(rounds = ROUNDS, copies = COPIES): Promise<ParserBenchmark> {
	const corpus = join(ROOT, 'test', 'fixtures', 'delivery-emails');
	const emails = readdirSync(corpus)
		.filter((file) => file.endsWith('.eml'))
		.map((file) => readFileSync(join(corpus, file)));
	const batch = Array.from({ length: copies }, () => emails).flat();
	// latin1 keeps every byte, so the node parses exactly the bytes the bare parser gets.
	const workflow = singleNodeWorkflow({
		id: 'benchEmailParser',
		name: 'Delivery Email Parser benchmark',
		nodeName: 'Parse',
		type: 'n8n-nodes-shop-sync.deliveryEmailParser',
		parameters: { inputFormat: 'rawField', field: 'eml', options: { deduplicate: false } },
	});
	const input = batch.map((eml) => ({ eml: eml.toString('latin1') }));

	const bare: number[] = [];
	const node: number[] = [];
	await runWorkflow(workflow, { input: input.slice(0, 5) }); // warm-up: load the package once
	for (let round = 0; round < rounds; round++) {
		let started = performance.now();
		for (const eml of batch) await simpleParser(eml);
		bare.push(performance.now() - started);

		started = performance.now();
		const result = await runWorkflow(workflow, { input });
		node.push(performance.now() - started);
		const outputs = result.run.data.resultData.runData.Parse[0].data!.main;
		const handled = (outputs[0]?.length ?? 0) + (outputs[1]?.length ?? 0);
		if (handled !== batch.length) throw new Error(`the node returned ${handled} items for ${batch.length} emails`);
	}
	return { emails: batch.length, bareMs: median(bare), nodeMs: median(node) };
}
