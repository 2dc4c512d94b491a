/**
 * What to do about ManyChat's documented error codes (sendContent, getInfoByUserRef) and the
 * refusals third parties report without a code.
 */
const BY_CODE: Record<number, string> = {
	2011: 'This user_ref is not registered with ManyChat. Use the user_ref from the Messenger checkbox plugin, or a subscriber ID.',
	2012: 'This user_ref is not linked to a subscriber yet. Use the subscriber ID once the person has interacted with the page.',
	3011:
		"Meta's 24-hour window: the subscriber last interacted more than 24 hours ago, so content can't be sent. Send a flow instead (operation Send Flow, or Notify Subscribers), which ManyChat delivers outside the window, or wait until the subscriber writes again.",
	3021: 'The subscriber has no One-Time Notification token for this topic. Pick a topic they opted into, or send a flow instead.',
	3031: "The subscriber last interacted more than 24 hours ago and no notification reason applies. Send a flow instead (operation Send Flow or Notify Subscribers).",
};

const BY_MESSAGE: Array<[RegExp, string]> = [
	[/blocked the page/i, 'This subscriber blocked your page and cannot receive messages. Remove them from the recipients.'],
	[/message tags? (are|is) no longer supported|unsupported message tag/i, 'ManyChat no longer accepts message tags. Send a flow to reach subscribers outside the 24-hour window.'],
	[/wrong token|token is required/i, 'Check the API Key in the "ManyChat API" credential: it must be "page_id:key" as shown in ManyChat Settings → API.'],
	[/too many requests/i, "ManyChat's rate limit was reached. The node already paces itself to the documented limits; lower parallel executions using the same API key."],
];

export function manyChatHint(code: number | undefined, message: string | undefined): string | undefined {
	if (code !== undefined) {
		if (BY_CODE[code]) return BY_CODE[code];
		if (code >= 3040 && code <= 3049) {
			return 'The subscriber cannot be reached on this channel. Choose the channel they use (Messenger, Instagram, WhatsApp or Telegram).';
		}
	}
	for (const [pattern, hint] of BY_MESSAGE) if (message && pattern.test(message)) return hint;
	return undefined;
}
