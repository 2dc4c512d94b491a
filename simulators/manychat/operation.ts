/** Declares one ManyChat operation: its path, its own rate-limit group, and refusal handling. */
import type { Handler, Route } from '../frame/types';
import { ManyChatRefusal } from './responses';
import type { ManyChatState } from './state';

/**
 * `operation('GET', 'page.getInfo', …)` serves GET /fb/page/getInfo. The name is also the
 * limitGroup, since ManyChat states each limit per operation.
 */
export function operation(method: 'GET' | 'POST', name: string, handler: Handler<ManyChatState>): Route<ManyChatState> {
	return {
		method,
		path: `/fb/${name.replace('.', '/')}`,
		limitGroup: name,
		handler: async (req, ctx) => {
			try {
				return await handler(req, ctx);
			} catch (error) {
				if (error instanceof ManyChatRefusal) return error.response;
				throw error;
			}
		},
	};
}
