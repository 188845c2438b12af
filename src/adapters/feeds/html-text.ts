// linkedom's self-contained build: the same DOM on Node and in workerd (no canvas, no node:*).
import { parseHTML } from 'linkedom/worker';

const BLOCKS = 'p, li, blockquote, h2, h3, h4, h5, h6, pre';

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A DOM document as linkedom builds it. */
export type HtmlDocument = ReturnType<typeof parseHTML>['document'];

/** Parses an HTML document (or fragment) into a DOM document. */
export function parseDocument(html: string): HtmlDocument {
  const wrapped = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(wrapped).document;
}

/** The paragraphs of an HTML fragment: its block elements' text, or the text split at blank lines when it has none. */
export function htmlParagraphs(html: string): string[] {
  if (!/<[a-z][\s\S]*>/i.test(html)) return html.split(/\n\s*\n/).map(clean).filter(Boolean);
  const document = parseDocument(html);
  // Typed here: the Workers type-check has no DOM library for linkedom's NodeList to lean on.
  const blocks = Array.from(document.querySelectorAll(BLOCKS) as unknown as ArrayLike<{ querySelector(s: string): unknown; textContent: string | null }>).filter((el) => !el.querySelector(BLOCKS));
  const texts = blocks.length ? blocks.map((el) => clean(el.textContent ?? '')) : (document.body?.textContent ?? '').split(/\n\s*\n/).map(clean);
  return texts.filter(Boolean);
}
