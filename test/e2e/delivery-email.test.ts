/**
 * The Delivery Email Parser in the real n8n 2.41.0, installed from the tarball with its runtime
 * dependencies (mailparser, node-html-parser, libphonenumber-js): an order email posted to a
 * published workflow becomes an order, and its re-delivery after an n8n restart is still known.
 */
import axios from 'axios';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nInstance } from '../../scripts/lib/n8nInstance';

jest.setTimeout(20 * 60_000);

const NODE = 'Parse Delivery Email';
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'delivery-emails', `${name}.eml`));
const eml = fixture('bystraya-cp1251-8bit');

describe('Delivery Email Parser in n8n 2.41.0', () => {
	let userFolder: string;
	let n8n: N8nInstance | undefined;
	const launch = async () =>
		await N8nInstance.launch({ userFolder, workflowDirs: [join(__dirname, 'email-workflows')], log: (line) => process.stdout.write(`[e2e] ${line}\n`) });

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-e2e-email-'));
		n8n = await launch();
	});
	afterAll(async () => {
		await n8n?.stop();
		rmSync(userFolder, { recursive: true, force: true });
	});

	/** Posts the email and returns the parser's two outputs from the finished execution. */
	async function deliver(message = eml) {
		const before = (await n8n!.executions('e2eEmailParser')).length;
		// latin1 keeps the 8-bit windows-1251 bytes as they are; the node turns them back into bytes.
		const response = await axios.post(`${n8n!.baseUrl}/webhook/e2e-delivery-email`, { eml: message.toString('latin1') });
		expect(response.status).toBe(200);
		for (let attempt = 0; attempt < 100; attempt++) {
			const executions = await n8n!.executions('e2eEmailParser');
			const done = executions.length > before && executions[0].status !== 'running' && executions[0].status !== 'new';
			if (done) {
				const { data, status } = await n8n!.execution(executions[0].id);
				expect(status).toBe('success');
				const [orders, review] = data.resultData.runData[NODE][0].data!.main;
				return { orders: orders ?? [], review: review ?? [] };
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		throw new Error('the execution did not finish');
	}

	it('turns a windows-1251 order email into an order', async () => {
		const { orders, review } = await deliver();
		expect(review).toEqual([]);
		expect(orders[0].json).toMatchObject({ service: 'bystraya', currency: 'RUB', source: 'email' });
		expect(JSON.stringify(orders[0].json)).toMatch(/[А-Яа-я]/); // Cyrillic decoded, not mojibake
	});

	it('sends an email with a forged "pass" header below the receiving server\'s own to review, naming why', async () => {
		const { orders, review } = await deliver(fixture('spoof-forged-second-header'));
		expect(orders).toEqual([]);
		expect(review[0].json).toMatchObject({
			reason: 'not authenticated for swiftparcel.example: dkim=pass (header.i=@attacker.example), dmarc=fail (header.from=swiftparcel.example)',
			service: 'swiftparcel',
			partial: { orderNumber: 'SP-100261' },
		});
	});

	it('still knows the email after n8n restarts, and sends the re-delivery to review', async () => {
		await n8n!.stop();
		n8n = await launch();
		const { orders, review } = await deliver();
		expect(orders).toEqual([]);
		expect(review[0].json.reason).toMatch(/^duplicate: order .+ from this email was already processed$/);
	});
});
