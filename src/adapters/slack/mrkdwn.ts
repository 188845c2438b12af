/** Slack mrkdwn escaping: article and user text can never become a mention, a broadcast or a disguised link. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const WORD_JOINER = '\u2060';

/**
 * Escapes `&`, `<` and `>` (so `<!channel>`, `<@U123>` and `<url|label>` stay literal text) and breaks bare
 * `@channel` / `@here` / `@everyone` so no client setting can turn them into a broadcast.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => ENTITIES[c]!)
    .replace(/@(channel|here|everyone)\b/gi, `@${WORD_JOINER}$1`);
}

/** An http(s) URL made safe to sit inside `<...|...>`, or null when it is not one. */
export function safeLinkUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.href.replace(/[|<> ]/g, (c) => encodeURIComponent(c)).replace(/&/g, '&amp;');
}

/** `<url|label>` when the URL is a safe http(s) link, otherwise the escaped label alone. */
export function linkMrkdwn(url: string | null | undefined, label: string): string {
  const href = safeLinkUrl(url);
  const text = escapeMrkdwn(label);
  return href ? `<${href}|${text}>` : text;
}

/** Bold mrkdwn for already escaped text; skipped when the text has its own asterisks or line breaks. */
export function boldMrkdwn(escaped: string): string {
  return /[*\n]/.test(escaped) || !escaped.trim() ? escaped : `*${escaped}*`;
}
