import axios from 'axios';
import { readFileSync } from 'node:fs';

/** Something the CLI can send into n8n, as a person would when driving the demo. */
export interface EventSender {
	description: string;
	usage: string;
	send(options: Record<string, string | string[] | boolean | undefined>): Promise<{ status: number; body: unknown }>;
}

function required(options: Record<string, unknown>, name: string, usage: string): string {
	const value = options[name];
	if (typeof value !== 'string' || value === '') throw new Error(`--${name} is required. Usage: ${usage}`);
	return value;
}

/** Headers given as repeated `--header name:value`. */
export function headerOptions(value: string | string[] | boolean | undefined): Record<string, string> {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
	return Object.fromEntries(
		list.map((entry) => {
			const at = entry.indexOf(':');
			if (at < 1) throw new Error(`--header "${entry}" must look like name:value`);
			return [entry.slice(0, at).trim(), entry.slice(at + 1).trim()];
		}),
	);
}

export const eventSenders: Record<string, EventSender> = {
	webhook: {
		description: 'POST a JSON file to an n8n webhook URL',
		usage: 'npm run sim -- send webhook --url http://localhost:5678/webhook/<path> --file payload.json [--header name:value]',
		async send(options) {
			const url = required(options, 'url', this.usage);
			const file = required(options, 'file', this.usage);
			const response = await axios.post(url, readFileSync(file, 'utf8'), {
				headers: { 'content-type': 'application/json', ...headerOptions(options.header) },
				validateStatus: () => true,
				timeout: 60_000,
			});
			return { status: response.status, body: response.data };
		},
	},
};
