/**
 * What each scenario reports, and the one table `npm run reliability` prints. A figure named in
 * MUST_BE_ZERO fails the run when it is not zero: those are the promises (nothing lost, nothing
 * applied twice, nothing crashed, nothing leaked, nobody let in).
 */

export interface Figure {
	name: string;
	value: number;
	/** Must be zero, or the run fails. */
	mustBeZero?: boolean;
}

export interface ScenarioResult {
	scenario: string;
	title: string;
	size: 'full' | 'quick';
	seconds: number;
	figures: Figure[];
	/** What the figures mean and what was seen along the way. */
	notes: string[];
}

export const figure = (name: string, value: number, mustBeZero = false): Figure => ({ name, value, mustBeZero });

/** A scenario's result, timed from `started` (performance.now()). */
export function scenarioResult(scenario: string, title: string, quick: boolean, started: number, figures: Figure[], notes: string[]): ScenarioResult {
	return { scenario, title, size: quick ? 'quick' : 'full', seconds: (performance.now() - started) / 1000, figures, notes };
}

/** Figures that broke a promise, as "scenario: name = value". */
export function broken(results: ScenarioResult[]): string[] {
	return results.flatMap((result) => result.figures.filter((entry) => entry.mustBeZero && entry.value !== 0).map((entry) => `${result.scenario}: ${entry.name} = ${entry.value}`));
}

export function formatResults(results: ScenarioResult[]): string {
	const rows = [['Scenario', 'Figure', 'Value', 'Target'], ...results.flatMap((result) => result.figures.map((entry, index) => [index === 0 ? `${result.title} (${result.size}, ${result.seconds.toFixed(0)} s)` : '', entry.name, String(entry.value), entry.mustBeZero ? (entry.value === 0 ? '0 ✓' : '0 ✗') : '']))];
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	const notes = results.flatMap((result) => result.notes.map((note) => `- ${result.scenario}: ${note}`));
	return [line(rows[0]), line(widths.map((width) => '-'.repeat(width))), ...rows.slice(1).map(line), '', ...notes].join('\n');
}
