/**
 * The CEGID node in the real n8n 2.41.0, installed from the package tarball: Shopify customer
 * webhooks posted to published workflows create, keep and close one CEGID customer in the
 * simulator, and the editor's credential Test proves user and database ID.
 */
import axios from 'axios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { simulatorCredentials } from '../../scripts/lib/devCredentials';
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../../simulators/registry';
import type { CegidState } from '../../simulators/cegid/state';
import { SIM_DATABASE, SIM_PASSWORD, SIM_USER } from '../../simulators/cegid/state';

jest.setTimeout(20 * 60_000); // the first run installs n8n

const GID = 'gid://shopify/Customer/7064055069303700842';
/** A customers/create webhook body; n8n's JSON parsing already rounded the numeric id. */
const shopifyCustomer = {
	id: 7064055069303700000,
	admin_graphql_api_id: GID,
	email: 'siobhan@example.ie',
	first_name: 'Siobhán',
	last_name: `O'Brien <&> "Ltd"`,
	phone: '085 123 4567',
	email_marketing_consent: { state: 'subscribed' },
	sms_marketing_consent: { state: 'not_subscribed' },
	default_address: { address1: '1 Grafton Street', address2: '', city: 'Dublin', zip: 'D02 XY45', country_code: 'IE' },
};

describe('CEGID node in n8n 2.41.0', () => {
	let userFolder: string;
	let simulators: RunningSimulators = {};
	let n8n: N8nInstance | undefined;
	const cegidState = () => simulators.cegid.state as CegidState;

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-e2e-cegid-'));
		simulators = await startSimulators();
		n8n = await N8nInstance.launch({
			userFolder,
			workflowDirs: [join(__dirname, 'workflows'), join(__dirname, 'cegid-workflows')],
			credentials: [
				...simulatorCredentials(simulatorUrls(simulators)),
				{
					id: 'shopSyncCegidSoap',
					name: 'CEGID (SOAP)',
					type: 'cegidApi',
					data: { deployment: 'onPremises', hostUrl: `${simulators.cegid.url}/Y2`, databaseId: SIM_DATABASE, authentication: 'basic', username: SIM_USER, password: SIM_PASSWORD, apiFlavour: 'soap' },
				},
			],
			log: (line) => process.stdout.write(`[e2e] ${line}\n`),
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopSimulators(simulators);
		rmSync(userFolder, { recursive: true, force: true });
	});

	it('lists the CEGID node under the package prefix', async () => {
		expect(await n8n!.packageNodeTypes()).toEqual(expect.arrayContaining(['n8n-nodes-shop-sync.cegid']));
	});

	it('upserts the same Shopify customer three times into exactly one CEGID record, written once', async () => {
		const post = async () => await axios.post(`${n8n!.baseUrl}/webhook/e2e-cegid-upsert`, shopifyCustomer, { validateStatus: () => true });
		const first = await post();
		expect(first.status).toBe(200);
		expect(first.data).toMatchObject({ action: 'created', customer: { externalReference: GID, lastName: `O'Brien <&> "Ltd"`, countryId: 'IRL', mobilePhone: '+353851234567' } });
		const records = () => Object.values(cegidState().customers).filter((customer) => customer.externalReference === GID);
		expect(records()).toHaveLength(1);
		const stored = JSON.stringify(records()[0]);

		for (let run = 0; run < 2; run++) {
			const again = await post();
			expect(again.data).toMatchObject({ action: 'unchanged', matchedBy: 'externalReference', customerId: first.data.customerId });
		}
		expect(records()).toHaveLength(1);
		expect(JSON.stringify(records()[0])).toBe(stored);
		const writes = simulators.cegid.requests.filter((request) => request.method !== 'GET');
		expect(writes.map((request) => request.method)).toEqual(['POST']);
		expect(simulators.cegid.requests.every((request) => request.headers.authorization === 'Basic ***')).toBe(true);
	});

	it('does the same over SOAP: the escaped name round-trips, the second run writes nothing', async () => {
		const customer = { ...shopifyCustomer, admin_graphql_api_id: 'gid://shopify/Customer/8008', email: 'obrien.soap@example.ie' };
		const post = async () => await axios.post(`${n8n!.baseUrl}/webhook/e2e-cegid-soap-upsert`, customer, { validateStatus: () => true });
		const first = await post();
		expect(first.data).toMatchObject({ action: 'created', customer: { lastName: `O'Brien <&> "Ltd"`, externalReference: 'gid://shopify/Customer/8008' } });
		const stored = cegidState().customers[first.data.customerId as string];
		expect(stored.lastName).toBe(`O'Brien <&> "Ltd"`);
		const before = simulators.cegid.requests.length;
		expect((await post()).data).toMatchObject({ action: 'unchanged', customerId: first.data.customerId });
		const actions = simulators.cegid.requests.slice(before).map((request) => String(request.headers.soapaction).replace(/^.*\//, '').replace('"', ''));
		expect(actions).toEqual(['GetCustomerIdByReference', 'GetCustomerDetail']);
	});

	it('turns a Shopify delete into a closed CEGID customer, keeping the record', async () => {
		const response = await axios.post(`${n8n!.baseUrl}/webhook/e2e-cegid-close`, { id: 1001, admin_graphql_api_id: 'gid://shopify/Customer/1001' });
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({ customerId: 'C000002', action: 'closed', customer: { closed: true } });
		expect(cegidState().customers.C000002).toMatchObject({ closed: true, lastName: 'Weber' });
	});

	it('records a CEGID refusal as a failed execution with CEGID\'s message and hint, and no secret', async () => {
		cegidState().rules.uniqueness = ['email'];
		const response = await axios.post(
			`${n8n!.baseUrl}/webhook/e2e-cegid-upsert`,
			// Verified, so the merge rule lets it update the existing customer and CEGID gets to refuse it.
			{ admin_graphql_api_id: 'gid://shopify/Customer/3003', email: 'jonas.weber@example.de', verified_email: true, last_name: 'Weber', default_address: { country_code: 'XK' } },
			{ validateStatus: () => true },
		);
		expect(response.status).toBe(500);
		const failed = (await n8n!.executions('e2eCegidUpsert')).filter((execution) => execution.status === 'error');
		expect(failed).toHaveLength(1);
		const { data } = await n8n!.execution(failed[0].id);
		const error = data.resultData.runData['Upsert CEGID Customer'][0].error;
		expect(error?.message).toContain('CEGID: HTTP 400');
		expect(error?.message).toContain('does not exist');
		expect(error?.description).toContain('Country Code Overrides');
		expect(JSON.stringify(data)).not.toContain(SIM_PASSWORD);
	});

	it("tests a CEGID credential the way the editor's Test button does, in both flavours", async () => {
		const test = async (apiFlavour: string, password: string) =>
			await n8n!.rest<{ data: { status: string; message: string } }>('POST', '/rest/credentials/test', {
				credentials: {
					id: '',
					name: 'CEGID check',
					type: 'cegidApi',
					data: { deployment: 'cloud', tenant: '90000000', databaseId: SIM_DATABASE, authentication: 'basic', username: SIM_USER, password, apiFlavour, baseUrl: `${simulators.cegid.url}/Y2` },
				},
			});
		for (const flavour of ['rest', 'soap']) {
			const good = await test(flavour, SIM_PASSWORD);
			expect(good.data.data).toMatchObject({ status: 'OK' });
			const bad = await test(flavour, 'Wrong-Password-123');
			expect(bad.data.data.status).toBe('Error');
			expect(bad.data.data.message).toContain(`${SIM_DATABASE}\\${SIM_USER}`);
			expect(bad.data.data.message).not.toContain('Wrong-Password-123');
		}
	});
});
