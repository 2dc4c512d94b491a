/** Records the ManyChat simulator keeps. Field names follow ManyChat's OpenAPI `Page` schema. */
export interface ManyChatPage {
	id: number;
	name: string;
	category: string;
	avatar_link: string;
	username: string;
	about: string;
	description: string;
	is_pro: boolean;
	timezone: string;
}

export interface ManyChatState {
	/** API key (`page_id:key`) → page ID. */
	apiKeys: Record<string, number>;
	pages: Record<string, ManyChatPage>;
}

export const SIMULATOR_PAGE_ID = 1234567890123456;
/** The key the dev instance's "ManyChat" credential uses. Not a real secret. */
export const SIMULATOR_API_KEY = `${SIMULATOR_PAGE_ID}:SIMULATORKEY0000000000000000000001`;

export function initialManyChatState(): ManyChatState {
	return {
		apiKeys: { [SIMULATOR_API_KEY]: SIMULATOR_PAGE_ID },
		pages: {
			[SIMULATOR_PAGE_ID]: {
				id: SIMULATOR_PAGE_ID,
				name: 'Shop Sync Demo Store',
				category: 'Shopping & Retail',
				avatar_link: 'https://example.invalid/avatar.png',
				username: 'shopsyncdemo',
				about: 'Demo page served by the ManyChat simulator',
				description: '',
				is_pro: true,
				timezone: 'Europe/Paris',
			},
		},
	};
}
