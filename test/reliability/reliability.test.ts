/**
 * The reliability and security suite at its reduced (--quick) size, on the real n8n with the
 * shipped workflows (reliability/, `npm run reliability` for the full size and the figures).
 * Each scenario here must keep its promises: every must-be-zero figure (lost, duplicated,
 * crashed, leaked, let in) is zero.
 *
 * `secrets` runs last: it searches what the others left behind (n8n's database and log, the
 * simulators' request logs) for every credential secret.
 */
import { ReliabilityEnvironment } from '../../reliability/environment';
import { formatResults, type ScenarioResult } from '../../reliability/report';
import { scenarios } from '../../reliability/scenarios';

const KEPT = ['at-least-once', 'faults', 'forged', 'hostile-emails', 'injection', 'anonymous', 'secrets'];

jest.setTimeout(40 * 60_000);

describe('Reliability and security suite (quick sizes)', () => {
	let env: ReliabilityEnvironment;
	const results: ScenarioResult[] = [];

	beforeAll(async () => {
		env = await ReliabilityEnvironment.launch((line) => process.stdout.write(`[reliability] ${line}\n`));
	});

	afterAll(async () => {
		if (results.length) process.stdout.write(`${formatResults(results)}\n`);
		await env?.stop(Boolean(process.env.KEEP_E2E_FOLDER));
	});

	it.each(KEPT)('%s keeps its promises', async (name) => {
		const result = await scenarios[name](env, true);
		results.push(result);
		const promises = result.figures.filter((entry) => entry.mustBeZero).map((entry) => [entry.name, entry.value]);
		expect(promises.length).toBeGreaterThan(0);
		expect({ scenario: name, figures: Object.fromEntries(promises), notes: result.notes }).toEqual({ scenario: name, figures: Object.fromEntries(promises.map(([figureName]) => [figureName, 0])), notes: result.notes });
	});
});
