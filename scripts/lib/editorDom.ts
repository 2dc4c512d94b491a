/**
 * The little of the DOM that functions given to `page.evaluate` use. Those functions run in the
 * browser, but the tools' tsconfig has no DOM library, so each module that passes one declares
 * `document` locally with these types (a `declare const`, never an import: the function is sent
 * to the browser as source text, where only the browser's own globals exist).
 */
export interface PageElement {
	getBoundingClientRect(): { left: number; top: number; right: number; bottom: number; width: number; height: number };
	querySelector(selector: string): PageElement | null;
	querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
	getAttribute(name: string): string | null;
	textContent: string | null;
	innerText: string;
	tagName: string;
	dataset: Record<string, string | undefined>;
}

export interface EditorDocument {
	querySelector(selector: string): PageElement | null;
	querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
	body: { innerText: string };
	createRange(): { selectNodeContents(element: PageElement): void; getBoundingClientRect(): ReturnType<PageElement['getBoundingClientRect']> };
	fonts: { ready: Promise<unknown> };
}
