/**
 * Drives a mix of merchant activity through the shipped workflows: customers created in stores
 * A, B, C alongside new orders, then rounds of edits, then deletions. At most `window` executions
 * are left unfinished before the next batch, so n8n works at its own pace rather than drowning.
 * Two stores never edit the same person at the same moment: that conflict is settled by the last
 * write to CEGID, a documented limit of the flow, not something these scenarios measure.
 */
import type { ReliabilityEnvironment } from './environment';
import type { ShopTraffic } from './shopTraffic';

export interface TrafficPlan {
	/** Customer changes and orders together. */
	events: number;
	window: number;
	batch: number;
	/** Customers edited per round (each once), settled between rounds. */
	editsPerRound: number;
}

export async function runTraffic(env: ReliabilityEnvironment, traffic: ShopTraffic, plan: TrafficPlan, progress: (line: string) => void): Promise<void> {
	const orders = Math.floor(plan.events / 2);
	const customerEvents = plan.events - orders;
	const creates = Math.max(1, Math.round(customerEvents * 0.5));
	const deletes = Math.round(customerEvents * 0.1);
	const edits = customerEvents - creates - deletes;

	// Creates and orders, interleaved.
	const starts: Array<() => Promise<unknown>> = [];
	for (let index = 0; index < Math.max(creates, orders); index++) {
		if (index < creates) starts.push(async () => await traffic.createCustomer(index));
		if (index < orders) starts.push(async () => await traffic.createOrder(index));
	}
	for (let at = 0; at < starts.length; at += plan.batch) {
		await env.belowWindow(plan.window);
		await Promise.all(starts.slice(at, at + plan.batch).map(async (start) => await start()));
		if ((at / plan.batch) % 20 === 0) progress(`${Math.min(at + plan.batch, starts.length)} of ${starts.length} creates and orders sent`);
	}
	await env.settle();

	// Edits, in rounds of distinct customers.
	let done = 0;
	for (let round = 0; done < edits; round++) {
		const live = [...traffic.customers.values()].filter((customer) => !customer.deleted);
		const chosen = traffic.shuffled(live).slice(0, Math.min(plan.editsPerRound, edits - done));
		for (let at = 0; at < chosen.length; at += plan.batch) {
			await env.belowWindow(plan.window);
			await Promise.all(chosen.slice(at, at + plan.batch).map(async (customer) => await traffic.editCustomer(customer, round)));
		}
		done += chosen.length;
		await env.settle();
		progress(`${done} of ${edits} edits applied`);
	}

	// Deletions.
	const doomed = [...traffic.customers.values()].filter((customer) => !customer.deleted).slice(0, deletes);
	for (let at = 0; at < doomed.length; at += plan.batch) {
		await env.belowWindow(plan.window);
		await Promise.all(doomed.slice(at, at + plan.batch).map(async (customer) => await traffic.deleteCustomer(customer)));
	}
	await env.settle();
	progress(`${deletes} deletions applied`);
}
