import type { ReliabilityEnvironment } from '../environment';
import type { ScenarioResult } from '../report';
import { anonymousVisitor } from './anonymous';
import { atLeastOnce } from './atLeastOnce';
import { downstreamFaults } from './downstreamFaults';
import { forgedWebhooks } from './forgedWebhooks';
import { hostileEmails } from './hostileEmails';
import { injection } from './injection';
import { secretsAudit } from './secrets';

/** In run order: the secrets audit comes last, so it searches every other scenario's traffic. */
export const scenarios: Record<string, (env: ReliabilityEnvironment, quick: boolean) => Promise<ScenarioResult>> = {
	'at-least-once': atLeastOnce,
	faults: downstreamFaults,
	forged: forgedWebhooks,
	'hostile-emails': hostileEmails,
	injection,
	anonymous: anonymousVisitor,
	secrets: secretsAudit,
};

export const SCENARIO_ORDER = Object.keys(scenarios);
