/**
 * One real n8n (the version scripts/lib/n8nHost.ts installs, this package installed from its
 * tarball) with the shipped workflows imported and published, talking over HTTP to every vendor
 * simulator. The simulators run in this process, so a scenario can switch their faults and read
 * what they received; Gmail is reached through the Google-intercepting proxy, as in the e2e tests.
 * The scenarios share this instance, so the secrets audit at the end sees all of their traffic.
 */
import axios, { type AxiosInstance } from 'axios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { simulatorCredentials, type CredentialImport } from '../scripts/lib/devCredentials';
import { setUpCrmTables } from '../scripts/lib/manualRun';
import { N8nInstance } from '../scripts/lib/n8nInstance';
import { ROOT } from '../scripts/lib/paths';
import { FAILED_EVENTS_TABLE, query, replayFailedEvents, type ReplayOutcome } from '../scripts/replay';
import type { BigQueryState } from '../simulators/bigquery/state';
import { SIMULATOR_PROJECT_ID } from '../simulators/bigquery/testServiceAccount';
import { SIM_DATABASE, SIM_PASSWORD, SIM_USER, type CegidState } from '../simulators/cegid/state';
import type { SimulatorServer } from '../simulators/frame/server';
import { type GoogleProxy, startGoogleProxy } from '../simulators/gmail/proxy';
import type { GmailState } from '../simulators/gmail/state';
import type { ManyChatState } from '../simulators/manychat/state';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../simulators/registry';
import type { ShopifyState, StoreState } from '../simulators/shopify/state';
import { until } from '../test/support/until';
import { publicEntryPoints } from './entryPoints';

export const WORKFLOWS = {
	customerSync: 'shopSyncCustomerSync',
	orderIntake: 'shopSyncOrderIntake',
	emailIntake: 'shopSyncEmailIntake',
	errorHandler: 'shopSyncErrorHandler',
} as const;

/**
 * Every shipped workflow a visitor can reach by URL (a form or a webhook), for the `anonymous`
 * scenario: the order form, store onboarding with its invitation form, the ManyChat catalog.
 */
export const PUBLIC_WORKFLOWS = [...new Set(publicEntryPoints().filter((entry) => entry.kind === 'form' || entry.kind === 'webhook').map((entry) => entry.workflowId))];

/** Webhook → CEGID node upsert with a SOAP credential (the CEGID e2e test's probe). */
const CEGID_SOAP_PROBE = 'e2eCegidSoapUpsert';

export class ReliabilityEnvironment {
	private constructor(
		readonly folder: string,
		readonly simulators: RunningSimulators,
		readonly proxy: GoogleProxy,
		readonly n8n: N8nInstance,
		readonly credentials: CredentialImport[],
		readonly log: (line: string) => void,
	) {}

	static async launch(log: (line: string) => void): Promise<ReliabilityEnvironment> {
		const folder = mkdtempSync(join(tmpdir(), 'shop-sync-reliability-'));
		let simulators: RunningSimulators = {};
		let proxy: GoogleProxy | undefined;
		try {
			simulators = await startSimulators();
			// Every request is kept, so the secrets audit reads all of them.
			for (const server of Object.values(simulators)) server.maxLoggedRequests = 5_000_000;
			// ManyChat allows 100 flows per subscriber per hour; the full run announces 1,000+ orders
			// to the same two managers within the hour, so the cap is lifted (README: Limits).
			(simulators.manychat as unknown as SimulatorServer<ManyChatState>).state.flowsPerSubscriberPerHour = Number.MAX_SAFE_INTEGER;
			// Shopify retries a failed delivery 8 times over 4 hours; the simulator's default squeezes
			// 5 attempts into ~8 s. Here 8 attempts over ~4 min: long enough to ride out the seconds in
			// which a loaded n8n on SQLite answers 503 to everything (its database ping timed out), as
			// Shopify's schedule would, short enough for a run to finish.
			Object.assign((simulators.shopify as unknown as SimulatorServer<ShopifyState>).state.webhooks, { maxAttempts: 8, retryBaseMs: 2000 });
			const urls = simulatorUrls(simulators);
			proxy = await startGoogleProxy({ target: urls.gmail, caDir: join(folder, 'google-test-ca') });
			const credentials: CredentialImport[] = [
				...simulatorCredentials(urls),
				// For the SOAP half of the injection round-trip (the CEGID e2e probe workflow).
				{ id: 'shopSyncCegidSoap', name: 'CEGID (SOAP)', type: 'cegidApi', data: { deployment: 'onPremises', hostUrl: `${urls.cegid}/Y2`, databaseId: SIM_DATABASE, authentication: 'basic', username: SIM_USER, password: SIM_PASSWORD, apiFlavour: 'soap' } },
			];
			const n8n = await N8nInstance.launch({
				userFolder: join(folder, 'n8n'),
				workflowDirs: [join(ROOT, 'workflows'), join(ROOT, 'test', 'e2e', 'cegid-workflows')],
				publish: [...new Set([...Object.values(WORKFLOWS), ...PUBLIC_WORKFLOWS]), CEGID_SOAP_PROBE],
				credentials,
				// No pruning: the audits read every execution's data at the end.
				env: { ...proxy.env, EXECUTIONS_DATA_PRUNE: 'false' },
				log: (line) => log(`[n8n] ${line}`),
			});
			const environment = new ReliabilityEnvironment(folder, simulators, proxy, n8n, credentials, log);
			await setUpCrmTables(n8n);
			await until('every store has its customer and order subscriptions', () => environment.stores().every((store) => store.subscriptions.length === 4), 300_000);
			await until('the Gmail Trigger has polled once', () => environment.gmail.requests.some((request) => request.path === '/gmail/v1/users/me/messages' && request.status === 200), 300_000, 500);
			return environment;
		} catch (error) {
			await proxy?.stop();
			await stopSimulators(simulators);
			throw error;
		}
	}

	async stop(keepFolder = false): Promise<void> {
		await this.n8n.stop();
		await this.proxy.stop();
		await stopSimulators(this.simulators);
		if (!keepFolder) rmSync(this.folder, { recursive: true, force: true });
	}

	get shopify() {
		return this.simulators.shopify as unknown as SimulatorServer<ShopifyState>;
	}

	get cegid() {
		return this.simulators.cegid as unknown as SimulatorServer<CegidState>;
	}

	get bigquery() {
		return this.simulators.bigquery as unknown as SimulatorServer<BigQueryState>;
	}

	get manychat() {
		return this.simulators.manychat as unknown as SimulatorServer<ManyChatState>;
	}

	get gmail() {
		return this.simulators.gmail as unknown as SimulatorServer<GmailState>;
	}

	stores(): StoreState[] {
		return this.shopify.state.stores;
	}

	store(key: string): StoreState {
		const found = this.stores().find((store) => store.key === key);
		if (!found) throw new Error(`no store ${key}`);
		return found;
	}

	orderRows(): Array<Record<string, unknown>> {
		return this.bigquery.state.tables[`${SIMULATOR_PROJECT_ID}.crm.orders`]?.rows ?? [];
	}

	/** The Shopify admin as a merchant uses it (changes there send webhooks). */
	async admin<T = Record<string, unknown>>(method: 'POST' | 'PUT' | 'DELETE', storeKey: string, path: string, body?: unknown): Promise<T> {
		const response = await axios.request<T>({ method, url: `${this.shopify.url}/__sim/shops/${storeKey}${path}`, data: body, validateStatus: () => true });
		if (response.status >= 300) throw new Error(`${method} admin ${storeKey}${path} answered HTTP ${response.status}: ${JSON.stringify(response.data)}`);
		return response.data;
	}

	/** Executions not finished yet, over every workflow (an instance too busy to answer counts as busy). */
	async unfinished(): Promise<number> {
		const filter = encodeURIComponent(JSON.stringify({ status: ['running', 'new', 'waiting'] }));
		const response = await this.n8n.rest<{ data: { count: number } }>('GET', `/rest/executions?filter=${filter}&limit=1`);
		return response.status === 200 ? response.data.data.count : Number.MAX_SAFE_INTEGER;
	}

	/** Executions of a workflow with ids above `afterId`, oldest first (public API, cursor pages). */
	async executionsSince(workflowId: string, afterId: number): Promise<Array<{ id: string; status: string }>> {
		const found: Array<{ id: string; status: string }> = [];
		let cursor: string | undefined;
		for (;;) {
			const response = await this.publicApi().get<{ data: Array<{ id: string | number; status: string }>; nextCursor?: string | null }>(`/executions?${query({ workflowId, limit: '250', includeData: 'false', ...(cursor ? { cursor } : {}) })}`);
			if (response.status !== 200) throw new Error(`GET /api/v1/executions answered HTTP ${response.status}: ${JSON.stringify(response.data)}`);
			const page = response.data.data.map((execution) => ({ id: String(execution.id), status: execution.status }));
			found.push(...page.filter((execution) => Number(execution.id) > afterId));
			cursor = response.data.nextCursor ?? undefined;
			// Newest first: once a page reaches back past afterId, the rest is older still.
			if (!cursor || page.some((execution) => Number(execution.id) <= afterId)) break;
		}
		return found.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/** Highest execution id so far (0 when none). */
	async lastExecutionId(): Promise<number> {
		const response = await this.publicApi().get<{ data: Array<{ id: string | number }> }>('/executions?limit=1&includeData=false');
		if (response.status !== 200) throw new Error(`GET /api/v1/executions answered HTTP ${response.status}`);
		return Number(response.data.data[0]?.id ?? 0);
	}

	/**
	 * Waits until Shopify has nothing left to deliver or retry and n8n has no unfinished execution,
	 * three polls in a row (an execution may start a moment after its delivery is answered).
	 */
	async settle(timeoutMs = 1_800_000): Promise<void> {
		let quiet = 0;
		await until(
			'webhook deliveries and executions settle',
			async () => {
				await axios.get(`${this.shopify.url}/__sim/webhooks/idle`, { timeout: timeoutMs });
				quiet = (await this.unfinished()) === 0 ? quiet + 1 : 0;
				return quiet >= 3;
			},
			timeoutMs,
			500,
		);
	}

	/** Keeps at most `window` executions unfinished: waits before the next batch of events. */
	async belowWindow(window: number): Promise<void> {
		await until(`fewer than ${window} executions are unfinished`, async () => (await this.unfinished()) < window, 1_800_000, 200);
	}

	private api?: AxiosInstance;

	publicApi(): AxiosInstance {
		return (this.api ??= axios.create({ baseURL: `${this.n8n.baseUrl}/api/v1`, headers: { 'X-N8N-API-KEY': this.n8n.apiKey! }, validateStatus: () => true, timeout: 60_000 }));
	}

	async dataTableRows<Row>(name: string): Promise<Row[]> {
		const api = this.publicApi();
		const tables = await api.get<{ data: Array<{ id: string; name: string }> }>(`/data-tables?${query({ filter: JSON.stringify({ name }) })}`);
		const table = tables.status === 200 ? tables.data.data.find((entry) => entry.name === name) : undefined;
		if (!table) return [];
		const rows: Row[] = [];
		let cursor: string | undefined;
		do {
			const page = await api.get<{ data: Row[]; nextCursor?: string | null }>(`/data-tables/${table.id}/rows?${query({ limit: '250', ...(cursor ? { cursor } : {}) })}`);
			if (page.status !== 200) throw new Error(`reading data table ${name} answered HTTP ${page.status}`);
			rows.push(...page.data.data);
			cursor = page.data.nextCursor ?? undefined;
		} while (cursor);
		return rows;
	}

	async failedEvents(): Promise<Array<{ id: number; executionId: string; workflowId: string; failedNode: string; errorMessage: string; status: string }>> {
		return await this.dataTableRows(FAILED_EVENTS_TABLE);
	}

	/** `npm run replay`, in this process (its exported function, same API calls). */
	async replay(): Promise<ReplayOutcome[]> {
		return await replayFailedEvents({ baseUrl: this.n8n.baseUrl, apiKey: this.n8n.apiKey!, log: (line) => this.log(`[replay] ${line}`) });
	}

	/** Whether n8n answers its health check now. */
	async healthy(): Promise<boolean> {
		try {
			return (await axios.get(`${this.n8n.baseUrl}/healthz`, { timeout: 5000, validateStatus: () => true })).status === 200;
		} catch {
			return false;
		}
	}
}
