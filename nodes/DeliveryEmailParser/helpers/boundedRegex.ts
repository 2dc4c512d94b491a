import { runInNewContext } from 'node:vm';

/**
 * Runs a user-supplied regular expression with a time limit. A pattern from a template could
 * backtrack for minutes on hostile text (ReDoS); V8 can interrupt a script run through `vm` with a
 * timeout, including inside a regex match, so the worst case is bounded.
 */
export class RegexTimeout extends Error {}

export function boundedMatch(
	pattern: string,
	flags: string,
	text: string,
	timeoutMs: number,
): { groups: string[] } | undefined {
	let result: string[] | null = null;
	let failure: unknown;
	try {
		result = runInNewContext(
			'(() => { const m = new RegExp(pattern, flags).exec(text); return m ? Array.from(m) : null; })()',
			{ pattern, flags, text },
			{ timeout: timeoutMs },
		) as string[] | null;
	} catch (error) {
		failure = error;
	}
	if (failure !== undefined) {
		const timedOut = (failure as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
		throw new RegexTimeout(
			timedOut
				? `the regular expression /${pattern}/ ran longer than ${timeoutMs} ms`
				: `the regular expression /${pattern}/ failed: ${(failure as Error).message}`,
		);
	}
	return result ? { groups: result.map((group) => group ?? '') } : undefined;
}
