/**
 * The fixture corpus (test/fixtures/delivery-emails): each .eml goes through the real engine as a
 * binary .eml file, and the output must equal the hand-written expectation exactly. The one value an
 * expectation cannot know, `ingestedAt` (when the node read the email), is written "<ingestedAt>"
 * there and checked here to be the time of the run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { runWorkflow } from '../harness/runWorkflow';
import { PARSER, parserWorkflow } from './workflow';

const CORPUS = join(__dirname, '..', '..', 'fixtures', 'delivery-emails');
const names = readdirSync(CORPUS)
	.filter((file) => file.endsWith('.eml'))
	.map((file) => file.replace(/\.eml$/, ''))
	.sort();

describe('Delivery Email Parser › fixture corpus', () => {
	it('has at least 30 emails', () => {
		expect(names.length).toBeGreaterThanOrEqual(30);
	});

	it.each(names)('%s', async (name) => {
		const expected = JSON.parse(readFileSync(join(CORPUS, `${name}.expected.json`), 'utf8')) as { output: 'order' | 'review'; value: unknown };
		const eml = readFileSync(join(CORPUS, `${name}.eml`));
		const startedAt = Date.now();
		const result = await runWorkflow(parserWorkflow({ inputFormat: 'rawBinary', binaryProperty: 'data', options: { deduplicate: false } }, `corpus-${name}`.slice(0, 21)), {
			input: [{}],
			binary: { data: { data: eml.toString('base64'), mimeType: 'message/rfc822', fileName: `${name}.eml` } },
		});

		expect(result.error(PARSER)).toBeUndefined();
		const [orders, review] = result.run.data.resultData.runData[PARSER][0].data!.main;
		const produced = expected.output === 'order' ? orders : review;
		const other = expected.output === 'order' ? review : orders;
		expect(other ?? []).toEqual([]);
		const finishedAt = Date.now();
		const values = (produced ?? []).map((item) => structuredClone(item.json) as Record<string, Record<string, unknown>>);
		for (const value of values) {
			const order = expected.output === 'order' ? value : value.partial;
			const ingestedAt = Date.parse(String(order.ingestedAt));
			expect(order.ingestedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			expect(ingestedAt).toBeGreaterThanOrEqual(startedAt);
			expect(ingestedAt).toBeLessThanOrEqual(finishedAt);
			order.ingestedAt = '<ingestedAt>' as never;
		}
		expect(values).toEqual([expected.value]);
	});
});
