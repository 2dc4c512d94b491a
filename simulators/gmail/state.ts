/**
 * Records of the Gmail simulator: one mailbox, its labels and messages, and the OAuth 2.0 client,
 * refresh token and access tokens that open it. Not secrets: they only open the local simulator.
 */

export const SIM_MAILBOX = 'owner@shop.example';

/** The simulated Google Cloud OAuth client (an "installed"/web app client ID and secret). */
export const SIM_GMAIL_CLIENT = {
	clientId: '000000000001-shopsyncsimulator.apps.googleusercontent.com',
	clientSecret: 'GOCSPX-Simulator-Secret-000000001',
} as const;

/** What the consent screen would have handed n8n: a refresh token, and an access token valid for an hour. */
export const SIM_REFRESH_TOKEN = '1//0simulator-refresh-token-shop-sync-0001';
export const SIM_SEEDED_ACCESS_TOKEN = 'ya29.simulator-seeded-access-token-0001';
export const SIM_SCOPE = 'https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/gmail.modify';

/** Google's access tokens last an hour (expires_in 3599). */
export const ACCESS_TOKEN_SECONDS = 3599;

export interface GmailLabel {
	id: string;
	name: string;
	type: 'system' | 'user';
	messageListVisibility?: 'show' | 'hide';
	labelListVisibility?: 'labelShow' | 'labelShowIfUnread' | 'labelHide';
}

export interface StoredMessage {
	id: string;
	threadId: string;
	labelIds: string[];
	/** Milliseconds since the epoch, as a decimal string (Gmail's own type for it). */
	internalDate: string;
	historyId: string;
	/** The exact RFC 822 bytes, base64 (standard alphabet) so the state file stays JSON. */
	rawBase64: string;
}

export interface GmailState {
	emailAddress: string;
	labels: GmailLabel[];
	messages: StoredMessage[];
	/** access token → expiry (ms since the epoch). */
	accessTokens: Record<string, number>;
	refreshTokens: string[];
	nextHistoryId: number;
	/** Counts requests at the token endpoint by grant type, for tests and `state`. */
	tokenGrants: Record<string, number>;
}

// The system labels every Gmail mailbox has (https://developers.google.com/gmail/api/guides/labels).
const SYSTEM_LABELS = ['INBOX', 'SPAM', 'TRASH', 'UNREAD', 'STARRED', 'IMPORTANT', 'SENT', 'DRAFT', 'CHAT', 'CATEGORY_PERSONAL', 'CATEGORY_SOCIAL', 'CATEGORY_PROMOTIONS', 'CATEGORY_UPDATES', 'CATEGORY_FORUMS'];

export function initialGmailState(): GmailState {
	return {
		emailAddress: SIM_MAILBOX,
		labels: SYSTEM_LABELS.map((id) => ({ id, name: id, type: 'system' as const })),
		messages: [],
		accessTokens: { [SIM_SEEDED_ACCESS_TOKEN]: Date.now() + ACCESS_TOKEN_SECONDS * 1000 },
		refreshTokens: [SIM_REFRESH_TOKEN],
		nextHistoryId: 1000,
		tokenGrants: {},
	};
}
