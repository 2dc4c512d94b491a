/**
 * Hostile and malformed emails: each one, alone, through the real engine. None may crash the
 * workflow or hang: each ends as an order, a review item with a reason, or an item error, within
 * its time bound.
 */
import { hostileHeaders, hostileInputs } from '../../fixtures/hostileEmails';
import { runWorkflow } from '../harness/runWorkflow';
import { PARSER, parserWorkflow } from './workflow';

/**
 * A bound that catches runaway (super-linear) work, not a speed target: the largest input here
 * (20,000 item rows, 1.3 MB of HTML) is linear work of about 5 s of CPU on a loaded 2-core machine
 * (5.35 s seen in a full CI run); speed itself is measured by `npm run bench -- email`.
 */
const PER_EMAIL_BOUND_MS = 15_000;

const redosTemplate = JSON.stringify([
	{
		id: 'redos',
		name: 'ReDoS bait',
		senderDomain: 'redos.example',
		match: { bodyContains: ['REDOS-MARKER'] },
		currency: 'EUR',
		defaultCountry: 'FR',
		fields: { orderNumber: { regex: '(a+)+$', group: 1 }, total: { label: 'Total' } },
		items: { columns: { title: 'Product', quantity: 'Qty' } },
	},
]);

describe('Delivery Email Parser with hostile input', () => {
	const inputs = hostileInputs();
	inputs.push({ name: 'catastrophic template regex', mime: `${hostileHeaders('Content-Type: text/html\r\n')}\r\n<p>REDOS-MARKER</p><p>${'a'.repeat(40)}!</p>` });

	it('has at least 200 hostile inputs', () => {
		expect(inputs.length).toBeGreaterThanOrEqual(200);
	});

	it.each(inputs.map((input, index) => [index, input.name] as const))('#%i %s: ends as an order, a review or an item error, in time', async (index) => {
		// CPU time of this process, not wall time: what the parser spends, whatever else the machine runs.
		const started = process.cpuUsage();
		const result = await runWorkflow(
			parserWorkflow({ inputFormat: 'rawField', field: 'mime', customTemplates: redosTemplate, options: { regexTimeoutMs: 50 } }, `hostile${index}`),
			{ input: [{ mime: inputs[index].mime }], nodeSettings: { [PARSER]: { onError: 'continueRegularOutput' } } },
		);
		const cpu = process.cpuUsage(started);
		const elapsed = (cpu.user + cpu.system) / 1000;

		expect(result.run.status).toBe('success');
		const outputs = result.run.data.resultData.runData[PARSER][0].data!.main;
		const produced = [...(outputs[0] ?? []), ...(outputs[1] ?? [])];
		expect(produced).toHaveLength(1);
		expect(produced[0].pairedItem).toEqual({ item: 0 });
		const json = produced[0].json;
		if (outputs[1]?.length) expect(typeof (json.reason ?? json.error)).toBe('string');
		expect(elapsed).toBeLessThan(PER_EMAIL_BOUND_MS);
	});

	it('stops a runaway template regex at its time limit and sends the email to review', async () => {
		const mime = inputs.at(-1)!.mime;
		const result = await runWorkflow(parserWorkflow({ inputFormat: 'rawField', field: 'mime', customTemplates: redosTemplate, options: { regexTimeoutMs: 50 } }), {
			input: [{ mime }],
		});
		const review = result.run.data.resultData.runData[PARSER][0].data!.main[1]!;
		expect(review[0].json.reason).toBe('could not read the email: the regular expression /(a+)+$/ ran longer than 50 ms');
	});
});
