import { createContext, Script } from 'node:vm';

/**
 * Runs a user-supplied regular expression with a time limit. A pattern from a template could
 * backtrack for minutes on hostile text (ReDoS); V8 can interrupt a script run through `vm` with a
 * timeout, including inside a regex match, so the worst case is bounded. One context and one
 * compiled script are reused: creating a context per match costs about a millisecond.
 */
export class RegexTimeout extends Error {}

const sandbox = createContext({ pattern: '', flags: '', text: '', result: null as string[] | null });
const matcher = new Script('result = (() => { const m = new RegExp(pattern, flags).exec(text); return m ? Array.from(m) : null; })();');

export function boundedMatch(
	pattern: string,
	flags: string,
	text: string,
	timeoutMs: number,
): { groups: string[] } | undefined {
	Object.assign(sandbox, { pattern, flags, text, result: null });
	let failure: unknown;
	try {
		matcher.runInContext(sandbox, { timeout: timeoutMs });
	} catch (error) {
		failure = error;
	}
	// Release the (possibly large) text right away.
	const result = sandbox.result as string[] | null;
	Object.assign(sandbox, { text: '', result: null });
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
