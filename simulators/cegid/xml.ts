/**
 * The simulator's own small XML reader and writer (independent of the node's, so an escaping bug
 * in one is caught by the other). Reads into { name (local), children, text } trees.
 */
export interface SimXml {
	name: string;
	attributes: Record<string, string>;
	children: SimXml[];
	text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
	return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(lt|gt|amp|quot|apos));/gi, (whole, dec?: string, hex?: string, name?: string) => {
		if (dec) return String.fromCodePoint(Number(dec));
		if (hex) return String.fromCodePoint(parseInt(hex, 16));
		return ENTITIES[name!.toLowerCase()] ?? whole;
	});
}

export function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const TOKEN = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>]+)([^>]*?)(\/?)>|([^<]+)/g;

export function readXml(source: string): SimXml {
	const root: SimXml = { name: '#document', attributes: {}, children: [], text: '' };
	const stack = [root];
	for (const match of source.matchAll(TOKEN)) {
		const [, cdata, closing, opening, attributeText, selfClosing, text] = match;
		const top = stack[stack.length - 1];
		if (cdata !== undefined) top.text += cdata;
		else if (text !== undefined) top.text += unescapeXml(text);
		else if (closing !== undefined) {
			const name = closing.split(':').pop();
			if (stack.length === 1 || top.name !== name) throw new Error(`mismatched closing tag </${closing}>`);
			stack.pop();
		} else if (opening !== undefined) {
			const attributes: Record<string, string> = {};
			for (const attribute of (attributeText ?? '').matchAll(/([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
				attributes[attribute[1]] = unescapeXml(attribute[3] ?? attribute[4] ?? '');
			}
			const element: SimXml = { name: opening.split(':').pop()!, attributes, children: [], text: '' };
			top.children.push(element);
			if (!selfClosing) stack.push(element);
		}
	}
	if (stack.length !== 1) throw new Error(`unclosed element <${stack[stack.length - 1].name}>`);
	const element = root.children[0];
	if (!element || root.children.length > 1 || root.text.trim() !== '') throw new Error('not one XML document');
	return element;
}

export const childOf = (element: SimXml | undefined, name: string) => element?.children.find((entry) => entry.name === name);

/** Text of a child, or undefined when the child is absent (absent = not sent = not changed). */
export function textOf(element: SimXml | undefined, name: string): string | undefined {
	const found = childOf(element, name);
	if (!found) return undefined;
	return found.text;
}

/** Writes nested objects as elements (no prefix: the response declares a default namespace). */
export function writeXml(value: Record<string, unknown>): string {
	let out = '';
	for (const [name, entry] of Object.entries(value)) {
		const items = Array.isArray(entry) ? entry : [entry];
		for (const item of items) {
			if (item === undefined) continue;
			if (item === null) out += `<${name} i:nil="true"/>`;
			else if (typeof item === 'object') out += `<${name}>${writeXml(item as Record<string, unknown>)}</${name}>`;
			else out += `<${name}>${escapeXml(String(item))}</${name}>`;
		}
	}
	return out;
}
