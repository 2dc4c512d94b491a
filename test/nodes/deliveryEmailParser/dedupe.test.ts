import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { runWorkflow } from '../harness/runWorkflow';
import { PARSER, parserWorkflow } from './workflow';

const corpus = join(__dirname, '..', '..', 'fixtures', 'delivery-emails');
const eml = (name: string) => readFileSync(join(corpus, `${name}.eml`)).toString('latin1');

describe('Delivery Email Parser › re-delivered emails', () => {
	it('creates the order once; the re-delivery, in the same or a later execution, goes to review as a duplicate', async () => {
		const workflow = parserWorkflow({ inputFormat: 'rawField', field: 'eml' }, 'dedupeTest');
		const first = await runWorkflow(workflow, { input: [{ eml: eml('swiftparcel-alternative-qp') }, { eml: eml('swiftparcel-redelivered') }] });
		const [orders, review] = first.run.data.resultData.runData[PARSER][0].data!.main;

		expect(orders?.map((item) => [item.json.orderNumber, item.pairedItem])).toEqual([['SP-100234', { item: 0 }]]);
		expect(review?.map((item) => [item.json.reason, item.pairedItem])).toEqual([
			['duplicate: order SP-100234 from this email was already processed', { item: 1 }],
		]);

		const later = await runWorkflow(workflow, { input: [{ eml: eml('swiftparcel-alternative-qp') }] });
		const [laterOrders, laterReview] = later.run.data.resultData.runData[PARSER][0].data!.main;
		expect(laterOrders ?? []).toEqual([]);
		expect(laterReview?.[0].json.reason).toBe('duplicate: order SP-100234 from this email was already processed');
	});

	it('does not deduplicate when the option is off', async () => {
		const workflow = parserWorkflow({ inputFormat: 'rawField', field: 'eml', options: { deduplicate: false } }, 'dedupeOff');
		const result = await runWorkflow(workflow, { input: [{ eml: eml('swiftparcel-alternative-qp') }, { eml: eml('swiftparcel-redelivered') }] });
		expect(result.run.data.resultData.runData[PARSER][0].data!.main[0]).toHaveLength(2);
	});
});
