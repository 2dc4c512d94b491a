/**
 * The little XML the SOAP flavour needs, without a runtime dependency: escaping for text written
 * into an envelope, and a strict reader for the answers (elements, attributes, text, CDATA,
 * comments, the five predefined entities and numeric character references). Namespace prefixes are
 * dropped from names: CEGID's answers use default namespaces, and callers look fields up by local
 * name.
 */

export interface XmlElement {
	/** Local name, without its namespace prefix. */
	name: string;
	attributes: Record<string, string>;
	children: XmlElement[];
	/** Concatenated text content directly inside this element (entities decoded). */
	text: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for an element or attribute value. Characters XML 1.0 cannot carry at all (most
 * control characters) are dropped rather than sent: a server would reject the whole envelope.
 */
export function escapeXml(value: string): string {
	return value
		// eslint-disable-next-line no-control-regex -- these are exactly the characters XML cannot carry
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
		.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, entity: string) => {
		if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
		if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
		return NAMED_ENTITIES[entity] ?? whole;
	});
}

const localName = (qualified: string) => qualified.slice(qualified.indexOf(':') + 1);

export class XmlSyntaxError extends Error {}

/** Parses one XML document into its root element. Throws XmlSyntaxError on malformed input. */
export function parseXml(source: string): XmlElement {
	const stack: XmlElement[] = [];
	let root: XmlElement | undefined;
	let position = 0;
	const fail = (problem: string): never => {
		throw new XmlSyntaxError(`${problem} at character ${position}`);
	};
	const appendText = (text: string) => {
		const current = stack[stack.length - 1];
		if (current) current.text += text;
		else if (text.trim() !== '') fail('text outside the root element');
	};

	while (position < source.length) {
		const open = source.indexOf('<', position);
		if (open === -1) {
			appendText(decodeEntities(source.slice(position)));
			break;
		}
		if (open > position) appendText(decodeEntities(source.slice(position, open)));
		position = open;
		if (source.startsWith('<?', position)) {
			const end = source.indexOf('?>', position);
			if (end === -1) fail('unterminated processing instruction');
			position = end + 2;
		} else if (source.startsWith('<!--', position)) {
			const end = source.indexOf('-->', position);
			if (end === -1) fail('unterminated comment');
			position = end + 3;
		} else if (source.startsWith('<![CDATA[', position)) {
			const end = source.indexOf(']]>', position);
			if (end === -1) fail('unterminated CDATA section');
			appendText(source.slice(position + 9, end));
			position = end + 3;
		} else if (source.startsWith('<!', position)) {
			const end = source.indexOf('>', position);
			if (end === -1) fail('unterminated declaration');
			position = end + 1;
		} else if (source.startsWith('</', position)) {
			const end = source.indexOf('>', position);
			if (end === -1) fail('unterminated closing tag');
			const name = localName(source.slice(position + 2, end).trim());
			const current = stack.pop();
			if (!current || current.name !== name) fail(`unexpected closing tag </${name}>`);
			position = end + 1;
		} else {
			const tag = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(
				source.slice(position),
			);
			if (!tag) fail('malformed tag');
			const [whole, qualified, attributeText, selfClosing] = tag!;
			const element: XmlElement = { name: localName(qualified), attributes: {}, children: [], text: '' };
			for (const attribute of attributeText.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
				element.attributes[attribute[1]] = decodeEntities(attribute[2] ?? attribute[3] ?? '');
			}
			const parent = stack[stack.length - 1];
			if (parent) parent.children.push(element);
			else if (root) fail('a second root element');
			else root = element;
			if (!selfClosing) stack.push(element);
			position += whole.length;
		}
	}
	if (stack.length > 0) fail(`unclosed element <${stack[stack.length - 1].name}>`);
	if (!root) fail('no element');
	return root!;
}

/** First child with this local name. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
	return element?.children.find((candidate) => candidate.name === name);
}

/** Follows a path of local names, e.g. path(envelope, 'Body', 'Fault'). */
export function path(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
	let current = element;
	for (const name of names) current = child(current, name);
	return current;
}

export function isNil(element: XmlElement): boolean {
	return Object.entries(element.attributes).some(([name, value]) => localName(name) === 'nil' && value === 'true');
}

/**
 * A plain object view of an element: leaves become strings, repeated names become arrays, and
 * `xsi:nil` leaves become null.
 */
export function toObject(element: XmlElement): unknown {
	if (element.children.length === 0) return isNil(element) ? null : element.text;
	const result: Record<string, unknown> = {};
	for (const entry of element.children) {
		const value = toObject(entry);
		if (entry.name in result) {
			const existing = result[entry.name];
			result[entry.name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
		} else {
			result[entry.name] = value;
		}
	}
	return result;
}

/** A value to write as XML: nested objects become elements, arrays repeat the element. */
export type XmlValue = string | number | boolean | null | undefined | XmlObject | XmlValue[];
export interface XmlObject {
	[name: string]: XmlValue;
}

/**
 * Writes `value` as child elements with the given prefix. Undefined fields are left out (SOAP's
 * "not sent = not changed"); null is written as xsi:nil.
 */
export function toXml(value: XmlObject, prefix: string): string {
	let out = '';
	for (const [name, entry] of Object.entries(value)) {
		const items = Array.isArray(entry) ? entry : [entry];
		for (const item of items) {
			if (item === undefined) continue;
			const tag = `${prefix}:${name}`;
			if (item === null) out += `<${tag} xsi:nil="true"/>`;
			else if (typeof item === 'object') out += `<${tag}>${toXml(item as XmlObject, prefix)}</${tag}>`;
			else out += `<${tag}>${escapeXml(String(item))}</${tag}>`;
		}
	}
	return out;
}
