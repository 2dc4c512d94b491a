/**
 * The BigQuery simulator over HTTP, as BigQuery documents it: the JWT-bearer token grant,
 * datasets and tables, insertAll (limits, per-row errors, skipInvalidRows, insertId dedupe) and
 * queries (typed parameters, SQL BigQuery runs, paging, the streaming-buffer rule for DML).
 */
import axios, { type AxiosInstance } from 'axios';
import { createSign, generateKeyPairSync } from 'node:crypto';

import { bigQuerySimulator } from '../../../simulators/bigquery';
import { translate } from '../../../simulators/bigquery/translate';
import { SIMULATOR_CLIENT_EMAIL, SIMULATOR_PRIVATE_KEY, SIMULATOR_PROJECT_ID } from '../../../simulators/bigquery/testServiceAccount';
import { SimulatorServer } from '../../../simulators/frame/server';

const P = SIMULATOR_PROJECT_ID;
const base = `/bigquery/v2/projects/${P}`;

function assertion(claims: Record<string, unknown>, key = SIMULATOR_PRIVATE_KEY): string {
	const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
	return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key, 'base64url')}`;
}

describe('BigQuery simulator', () => {
	const server = new SimulatorServer(bigQuerySimulator);
	let http: AxiosInstance;
	let tokenUrl: string;

	const grant = async (claims: Record<string, unknown> = {}, key?: string) => {
		const now = Math.floor(Date.now() / 1000);
		const body = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: assertion({ iss: SIMULATOR_CLIENT_EMAIL, scope: 'https://www.googleapis.com/auth/bigquery', aud: tokenUrl, iat: now, exp: now + 3600, ...claims }, key) });
		return await http.post('/token', body.toString(), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
	};

	const table = {
		tableReference: { tableId: 't' },
		schema: {
			fields: [
				{ name: 'id', type: 'STRING', mode: 'REQUIRED' },
				{ name: 'amount', type: 'NUMERIC' },
				{ name: 'ts', type: 'TIMESTAMP' },
				{ name: 'tags', type: 'STRING', mode: 'REPEATED' },
				{ name: 'lines', type: 'RECORD', mode: 'REPEATED', fields: [{ name: 'sku', type: 'STRING' }, { name: 'qty', type: 'INT64' }] },
			],
		},
		timePartitioning: { type: 'DAY', field: 'ts' },
		clustering: { fields: ['id'] },
	};

	beforeAll(async () => {
		await server.start();
		tokenUrl = `${server.url}/token`;
	});
	afterAll(async () => await server.stop());
	beforeEach(async () => {
		server.reset();
		http = axios.create({ baseURL: server.url, validateStatus: () => true });
		const token = (await grant()).data.access_token as string;
		http = axios.create({ baseURL: server.url, validateStatus: () => true, headers: { authorization: `Bearer ${token}` } });
		await http.post(`${base}/datasets`, { datasetReference: { datasetId: 'd' }, location: 'EU' });
		expect((await http.post(`${base}/datasets/d/tables`, table)).status).toBe(200);
	});

	describe('token grant', () => {
		it('issues an hour-long bearer token for a correctly signed assertion', async () => {
			const response = await grant();
			expect(response.status).toBe(200);
			expect(response.data).toEqual({ access_token: expect.stringMatching(/^ya29\./), expires_in: 3599, token_type: 'Bearer' });
		});

		it('refuses a foreign key, a wrong audience, an over-long lifetime and a missing scope', async () => {
			const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
			expect((await grant({}, stranger)).data).toEqual({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
			expect((await grant({ aud: 'https://evil.example/token' })).data.error_description).toMatch(/audience/);
			const now = Math.floor(Date.now() / 1000);
			expect((await grant({ iat: now, exp: now + 7200 })).data.error_description).toMatch(/short-lived/);
			expect((await grant({ scope: 'https://www.googleapis.com/auth/drive' })).data.error).toBe('invalid_scope');
		});

		it('refuses API calls without a valid token or for another project', async () => {
			expect((await axios.get(`${server.url}${base}/datasets/d`, { validateStatus: () => true })).status).toBe(401);
			expect((await http.get('/bigquery/v2/projects/other/datasets/d')).data.error).toMatchObject({ code: 403, message: expect.stringMatching(/^Access Denied: Project other/) });
		});
	});

	describe('datasets and tables', () => {
		it('answers 404 and 409 as BigQuery does, and returns the table definition', async () => {
			expect((await http.get(`${base}/datasets/nope`)).data.error).toMatchObject({ code: 404, message: `Not found: Dataset ${P}:nope`, errors: [{ reason: 'notFound' }] });
			expect((await http.post(`${base}/datasets`, { datasetReference: { datasetId: 'd' } })).data.error).toMatchObject({ code: 409, errors: [{ reason: 'duplicate' }] });
			expect((await http.get(`${base}/datasets/d/tables/t`)).data).toMatchObject({ type: 'TABLE', timePartitioning: { type: 'DAY', field: 'ts' }, clustering: { fields: ['id'] } });
		});

		it('refuses partitioning and clustering on fields that cannot carry them, and a view that does not compile', async () => {
			const bad = await http.post(`${base}/datasets/d/tables`, { ...table, tableReference: { tableId: 'u' }, timePartitioning: { type: 'DAY', field: 'id' } });
			expect(bad.data.error.message).toMatch(/TIMESTAMP, DATE or DATETIME/);
			const repeated = await http.post(`${base}/datasets/d/tables`, { ...table, tableReference: { tableId: 'u' }, clustering: { fields: ['tags'] } });
			expect(repeated.data.error.message).toMatch(/not supported for clustering/);
			const view = await http.post(`${base}/datasets/d/tables`, { tableReference: { tableId: 'v' }, view: { query: 'SELECT nope FROM `shop-sync-sim.d.t`', useLegacySql: false } });
			expect(view.data.error).toMatchObject({ code: 400, errors: [{ reason: 'invalidQuery' }] });
			expect((await http.get(`${base}/datasets/d/tables/v`)).status).toBe(404);
		});
	});

	describe('tabledata.insertAll', () => {
		const insert = async (body: object) => await http.post(`${base}/datasets/d/tables/t/insertAll`, body);
		const rows = () => server.state.tables[`${P}.d.t`].rows;

		it('reports each bad row with its location; without skipInvalidRows nothing is written and the others are "stopped"', async () => {
			const response = await insert({
				rows: [
					{ insertId: 'a', json: { id: 'a', amount: '1.5' } },
					{ insertId: 'b', json: { id: 'b', amount: 'lots' } },
					{ insertId: 'c', json: { amount: '2' } },
					{ insertId: 'd', json: { id: 'd', colour: 'red', lines: [{ sku: 'x', qty: 'two' }] } },
				],
			});
			expect(response.data.insertErrors).toEqual([
				{ index: 0, errors: [{ reason: 'stopped', location: '', debugInfo: '', message: '' }] },
				{ index: 1, errors: [{ reason: 'invalid', location: 'amount', debugInfo: '', message: 'Invalid NUMERIC value: lots' }] },
				{ index: 2, errors: [{ reason: 'invalid', location: 'id', debugInfo: '', message: 'Missing required field: id.' }] },
				{
					index: 3,
					errors: [
						{ reason: 'invalid', location: 'colour', debugInfo: '', message: 'no such field: colour.' },
						{ reason: 'invalid', location: 'lines[0].qty', debugInfo: '', message: 'Cannot convert value to integer (bad value): two' },
					],
				},
			]);
			expect(rows()).toEqual([]);
		});

		it('with skipInvalidRows writes the good rows; ignoreUnknownValues drops unknown fields', async () => {
			const response = await insert({ skipInvalidRows: true, ignoreUnknownValues: true, rows: [{ json: { id: 'a', colour: 'red', ts: 1767225600.5 } }, { json: { id: 'b', amount: '1.0000000001' } }] });
			expect(response.data.insertErrors).toEqual([{ index: 1, errors: [expect.objectContaining({ location: 'amount' })] }]);
			expect(rows()).toEqual([{ id: 'a', amount: null, ts: '2026-01-01T00:00:00.500Z', tags: [], lines: [] }]);
		});

		it('drops a row whose insertId it saw within the dedupe window, and keeps it after the window', async () => {
			await insert({ rows: [{ insertId: 'same', json: { id: '1' } }] });
			await insert({ rows: [{ insertId: 'same', json: { id: '1' } }, { insertId: 'other', json: { id: '2' } }] });
			expect(rows().map((row) => row.id)).toEqual(['1', '2']);
			server.state.tables[`${P}.d.t`].insertIds.same = Date.now() - 61_000;
			await insert({ rows: [{ insertId: 'same', json: { id: '1' } }] });
			expect(rows().map((row) => row.id)).toEqual(['1', '2', '1']);
		});

		it('enforces the request limits: 10 MB and 50,000 rows', async () => {
			const big = await insert({ rows: [{ json: { id: 'x'.repeat(10 * 1024 * 1024) } }] });
			expect(big.status).toBe(413);
			const many = await insert({ rows: Array.from({ length: 50_001 }, () => ({ json: { id: '1' } })) });
			expect(many.data.error.message).toMatch(/too many rows present in the request, limit: 50000/);
		});
	});

	describe('queries', () => {
		const query = async (body: object) => await http.post(`${base}/queries`, { useLegacySql: false, formatOptions: { useInt64Timestamp: true }, ...body });
		const values = (data: { rows?: Array<{ f: Array<{ v: unknown }> }> }) => (data.rows ?? []).map((row) => row.f.map((cell) => cell.v));

		beforeEach(async () => {
			await http.post(`${base}/datasets/d/tables/t/insertAll`, {
				rows: [
					{ json: { id: 'a', amount: '10.10', ts: '2026-01-01T00:00:00Z', tags: ['x', 'y'], lines: [{ sku: 's1', qty: 2 }] } },
					{ json: { id: 'a', amount: '11.00', ts: '2026-01-02T00:00:00Z', tags: [], lines: [] } },
					{ json: { id: 'b', amount: '0.20', ts: '2026-01-03T00:00:00.123456Z', tags: ['z'], lines: [{ sku: 's2', qty: 1 }, { sku: 's3', qty: 4 }] } },
				],
			});
		});

		it('returns BigQuery types and values: NUMERIC without trailing zeros, TIMESTAMP in microseconds, REPEATED and RECORD', async () => {
			const response = await query({ query: 'SELECT id, amount, ts, tags, lines FROM `shop-sync-sim.d.t` WHERE id = @id ORDER BY ts', queryParameters: [{ name: 'id', parameterType: { type: 'STRING' }, parameterValue: { value: 'b' } }] });
			expect(response.data.schema.fields).toEqual([
				{ name: 'id', type: 'STRING', mode: 'NULLABLE' },
				{ name: 'amount', type: 'NUMERIC', mode: 'NULLABLE' },
				{ name: 'ts', type: 'TIMESTAMP', mode: 'NULLABLE' },
				{ name: 'tags', type: 'STRING', mode: 'REPEATED' },
				{ name: 'lines', type: 'RECORD', mode: 'REPEATED', fields: [{ name: 'sku', type: 'STRING', mode: 'NULLABLE' }, { name: 'qty', type: 'INTEGER', mode: 'NULLABLE' }] },
			]);
			expect(values(response.data)).toEqual([['b', '0.2', '1767398400123456', [{ v: 'z' }], [{ v: { f: [{ v: 's2' }, { v: '1' }] } }, { v: { f: [{ v: 's3' }, { v: '4' }] } }]]]);
			expect(response.data).toMatchObject({ jobComplete: true, totalRows: '1', jobReference: { projectId: P, location: 'US' } });
		});

		it('runs what BigQuery runs: QUALIFY with a window, STRUCT, ARRAY subquery, UNNEST, OFFSET, EXCEPT, typed ARRAY and STRUCT parameters', async () => {
			const response = await query({
				query: `SELECT * EXCEPT (rn) FROM (
				  SELECT id, amount, STRUCT(id AS key, amount AS value) AS pair, ARRAY(SELECT l.sku FROM UNNEST(lines) AS l ORDER BY l.qty DESC) AS skus,
				    tags[SAFE_OFFSET(0)] AS first_tag, ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts DESC) AS rn
				  FROM \`shop-sync-sim.d.t\` WHERE id IN UNNEST(@ids) AND amount >= @filter.min QUALIFY rn = 1
				) ORDER BY id`,
				queryParameters: [
					{ name: 'ids', parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } }, parameterValue: { arrayValues: [{ value: 'a' }, { value: 'b' }, { value: "'; --" }] } },
					{ name: 'filter', parameterType: { type: 'STRUCT', structTypes: [{ name: 'min', type: { type: 'NUMERIC' } }] }, parameterValue: { structValues: { min: { value: '0.1' } } } },
				],
			});
			expect(response.data.error).toBeUndefined();
			expect(values(response.data)).toEqual([
				['a', '11', { f: [{ v: 'a' }, { v: '11' }] }, [], null],
				['b', '0.2', { f: [{ v: 'b' }, { v: '0.2' }] }, [{ v: 's3' }, { v: 's2' }], 'z'],
			]);
		});

		it('lets a query see a row streamed while an earlier query was loading the table', async () => {
			// In queue mode an insertAll can land while a query loads new rows into its engine. Here a
			// row arrives right after the loading query has taken its slice of the new rows.
			const table = server.state.tables[`${P}.d.t`];
			const slice = table.rows.slice.bind(table.rows);
			let arrived = false;
			table.rows.slice = ((...args: Parameters<typeof slice>) => {
				const part = slice(...args);
				if (!arrived) {
					arrived = true;
					setImmediate(() => {
						table.rows.push({ id: 'late', amount: '1', ts: '2026-02-01T00:00:00Z', tags: [], lines: [] });
						table.rowArrivals.push(Date.now());
					});
				}
				return part;
			}) as typeof table.rows.slice;
			await query({ query: 'SELECT count(*) FROM `shop-sync-sim.d.t`' });
			expect(arrived).toBe(true);
			const response = await query({ query: "SELECT id FROM `shop-sync-sim.d.t` WHERE id = 'late'" });
			expect(values(response.data)).toEqual([['late']]);
		});

		it('pages with maxResults and pageToken through getQueryResults', async () => {
			const first = await query({ query: 'SELECT id FROM `shop-sync-sim.d.t` ORDER BY ts', maxResults: 2 });
			expect(values(first.data)).toEqual([['a'], ['a']]);
			expect(first.data.pageToken).toBe('2');
			const next = await http.get(`${base}/queries/${first.data.jobReference.jobId}`, { params: { pageToken: first.data.pageToken, maxResults: 2 } });
			expect(values(next.data)).toEqual([['b']]);
			expect(next.data.pageToken).toBeUndefined();
		});

		it('refuses UPDATE, DELETE and MERGE over rows still in the streaming buffer, allows them after', async () => {
			const update = await query({ query: "UPDATE `shop-sync-sim.d.t` SET amount = 0 WHERE id = 'a'" });
			expect(update.data.error.message).toBe('UPDATE statement over table shop-sync-sim.d.t would affect rows in the streaming buffer, which is not supported');
			server.state.tables[`${P}.d.t`].rowArrivals = server.state.tables[`${P}.d.t`].rowArrivals.map(() => Date.now() - 31 * 60_000);
			const later = await query({ query: "DELETE FROM `shop-sync-sim.d.t` WHERE id = 'a'" });
			expect(later.data).toMatchObject({ numDmlAffectedRows: '2' });
			expect(server.state.tables[`${P}.d.t`].rows.map((row) => row.id)).toEqual(['b']);
		});

		it('answers SQL errors and unknown tables as BigQuery does', async () => {
			expect((await query({ query: 'SELECT nope FROM `shop-sync-sim.d.t`' })).data.error).toMatchObject({ code: 400, errors: [{ reason: 'invalidQuery' }] });
			expect((await query({ query: 'SELECT 1 FROM `shop-sync-sim.d.missing`' })).data.error).toMatchObject({ code: 404, message: expect.stringMatching(/^Not found: Table shop-sync-sim:d.missing/) });
			expect((await query({ query: 'SELECT @x' })).data.error.message).toMatch(/Query parameter 'x' not found/);
		});
	});
});

describe('BigQuery → DuckDB translation', () => {
	const context = { projectId: 'p', isTable: (p: string, d: string, t: string) => `${p}.${d}.${t}` === 'p.d.orders', parameter: (name: string) => `$${name}` };

	it('rewrites table paths, strings, parameters and BigQuery-only syntax', () => {
		expect(translate('SELECT "it\\\'s", \'a\\nb\' FROM `p.d.orders` o WHERE x IN UNNEST(@ids)', context)).toBe(`SELECT 'it''s' , 'a\nb' FROM "p.d"."orders" o WHERE x IN (SELECT UNNEST($ids))`);
		expect(translate('SELECT * EXCEPT (a), SAFE_CAST(b AS INT64), CURRENT_TIMESTAMP() FROM d.orders', context)).toBe('SELECT * EXCLUDE ( a ) , TRY_CAST ( b AS BIGINT ) , current_timestamp FROM "p.d"."orders"');
		expect(translate('SELECT STRUCT(1 AS a, b) AS s, arr[OFFSET(1)], arr[ORDINAL(1)]', context)).toBe('SELECT struct_pack("a" := 1, "b" := b) AS s , arr [(1) + 1] , arr [1]');
	});

	it('leaves comments and string contents alone', () => {
		expect(translate('SELECT unique, check FROM `p.d.orders`', context)).toBe('SELECT "unique" , "check" FROM "p.d"."orders"');
		expect(translate("SELECT '@not_a_param -- `x`' -- @comment\n, 1", context)).toBe("SELECT '@not_a_param -- `x`' , 1");
	});
});
