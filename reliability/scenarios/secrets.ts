/**
 * Scenario 6, secrets: after the other scenarios, every credential secret (API keys, passwords,
 * client secrets, the service account's private key, OAuth refresh and access tokens, the n8n API
 * key, Basic auth pairs as sent on the wire) is searched for in n8n's database (every table but the
 * two where n8n keeps them by design: the encrypted credentials and the users' API keys), n8n's log,
 * and every request the simulators received. The auth headers the APIs need are the only place
 * secrets may travel, and the simulators' logs must show them masked; so any hit is a leak.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ReliabilityEnvironment } from '../environment';
import { figure, scenarioResult, type ScenarioResult } from '../report';

const SECRET_KEY = /(secret|password|apikey|api_key|token|privatekey|private_key|webkey)/i;
/**
 * Not secrets though their names say so: eManageCRM's default campaign web key is the `webKey` every
 * published CTRwow page carries in its source, and eManageCRM's campaign list (which store onboarding
 * shows the owner) returns it.
 */
const PUBLIC_KEYS = new Set(['defaultWebKey']);
/** n8n's own places for secrets: credentials (encrypted) and the users' API keys. */
const N8N_SECRET_TABLES = ['credentials_entity', 'user_api_keys'];

/** Every secret value in the imported credentials (nested JSON included), plus derived wire forms. */
export function credentialSecrets(env: ReliabilityEnvironment): Array<{ label: string; value: string }> {
	const secrets: Array<{ label: string; value: string }> = [];
	const visit = (label: string, value: unknown, key = '') => {
		if (typeof value === 'string') {
			if (key === 'serviceAccountSecret') {
				const privateKey = String((JSON.parse(value) as { private_key?: string }).private_key ?? '');
				// Two lines from the middle of the PEM body: unique to this key, whatever the line breaks.
				const body = privateKey.split('\n').filter((line) => line && !line.startsWith('-----'));
				for (const line of body.slice(3, 5)) secrets.push({ label: `${label}.private_key`, value: line });
			} else if (SECRET_KEY.test(key) && !PUBLIC_KEYS.has(key) && value.length >= 8) secrets.push({ label: `${label}.${key}`, value });
			return;
		}
		if (value && typeof value === 'object') for (const [child, inner] of Object.entries(value)) visit(label, inner, child);
	};
	for (const credential of env.credentials) {
		visit(credential.name, credential.data);
		const data = credential.data as { username?: string; password?: string };
		if (data.username && data.password) secrets.push({ label: `${credential.name} Basic auth`, value: Buffer.from(`${data.username}:${data.password}`).toString('base64') });
	}
	if (env.n8n.apiKey) secrets.push({ label: 'n8n API key', value: env.n8n.apiKey });
	for (const store of env.stores()) secrets.push({ label: `Shopify ${store.key} app secret`, value: store.clientSecret }, { label: `Shopify ${store.key} static token`, value: store.staticToken });
	// Access tokens the simulators issued during the run (the nodes fetch and cache them).
	for (const token of Object.keys(env.gmail.state.accessTokens)) if (!token.startsWith('ya29.reliability-audit')) secrets.push({ label: 'Gmail access token', value: token });
	for (const store of env.stores()) for (const token of Object.keys(store.tokens)) secrets.push({ label: `Shopify ${store.key} access token`, value: token });
	const unique = new Map(secrets.map((secret) => [secret.value, secret]));
	return [...unique.values()];
}

/** Text of every row of every table but n8n's secret stores, via Python's sqlite3 (WAL included). */
function databaseText(databaseFile: string): Map<string, string> {
	const script = [
		'import sqlite3, sys, json',
		'db = sqlite3.connect(sys.argv[1])',
		'skip = set(json.loads(sys.argv[2]))',
		'out = {}',
		'for (name,) in db.execute("select name from sqlite_master where type=\'table\'"):',
		'    if name in skip: continue',
		'    out[name] = "\\n".join(str(row) for row in db.execute(f"select * from \\"{name}\\""))',
		'print(json.dumps(out))',
	].join('\n');
	const output = execFileSync('python3', ['-c', script, databaseFile, JSON.stringify(N8N_SECRET_TABLES)], { maxBuffer: 4 * 1024 ** 3 });
	return new Map(Object.entries(JSON.parse(output.toString('utf8')) as Record<string, string>));
}

export async function secretsAudit(env: ReliabilityEnvironment, quick: boolean): Promise<ScenarioResult> {
	const started = performance.now();
	await env.settle();
	const secrets = credentialSecrets(env);
	const places = new Map<string, string>();
	const databaseFile = join(env.n8n.options.userFolder, '.n8n', 'database.sqlite');
	if (!existsSync(databaseFile)) throw new Error(`n8n's database is not at ${databaseFile}`);
	for (const [table, text] of databaseText(databaseFile)) places.set(`n8n database, table ${table}`, text);
	places.set("n8n's log", readFileSync(env.n8n.logFile, 'utf8'));
	let requests = 0;
	for (const [name, server] of Object.entries(env.simulators)) {
		requests += server.requests.length;
		places.set(`${name} simulator's request log`, server.requests.map((request) => JSON.stringify(request)).join('\n'));
	}
	const hits: string[] = [];
	for (const [place, text] of places) for (const secret of secrets) if (text.includes(secret.value)) hits.push(`${secret.label} in ${place}`);
	const executionRows = (places.get('n8n database, table execution_data') ?? '').split('\n').filter(Boolean).length;
	return scenarioResult(
		'secrets',
		'6. Secrets',
		quick,
		started,
		[
			figure('secrets searched for', secrets.length),
			figure('places searched (database tables, log, request logs)', places.size),
			figure('executions whose data was searched', executionRows),
			figure('simulator requests searched', requests),
			figure('unmasked hits (leaked)', hits.length, true),
		],
		[`searched: ${[...new Set(secrets.map((secret) => secret.label.replace(/\.[^.]*$/, '')))].length} credentials' secrets, access tokens issued during the run, the n8n API key; n8n keeps credentials encrypted and API keys in its own tables, which are not searched`, ...hits.slice(0, 10)],
	);
}
