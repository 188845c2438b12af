import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { splitSentences } from '../../core/annotate/text.ts';
import { discordPlainText } from './plain-text.ts';

/** Discord's message limits, in characters (UTF-16 units here, which never undercounts). */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** title, description, field names and values, footer and author of all embeds of a message together */
  embedTotal: 6000,
} as const;

/** Below this, the description keeps its room and later fields are dropped instead. */
const DESCRIPTION_FLOOR = 1500;
const EMPTY = '\u200b';

export interface EmbedFieldSpec {
  name: string;
  value: string;
  inline?: boolean;
}

/** What an embed says, before limits: the builder decides what fits. */
export interface EmbedSpec {
  title?: string;
  /** the body; trimmed at a sentence boundary when it does not fit */
  description: string;
  /** appended to the body when it was trimmed, e.g. a pointer to the sources */
  trimNote?: string;
  /** kept after the body, cut only by whole lines (sources, links) */
  appendix?: string;
  /** in display order; fields that do not fit are dropped from the end */
  fields?: EmbedFieldSpec[];
  footer?: string;
  color?: number;
}

/** Stops `@everyone`, `@here` and `<@id>` / `<@&id>` / `<#id>` from being read as mentions, whatever allowed_mentions says. */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, `@${EMPTY}$1`).replace(/<([@#][!&]?)(\d+)>/g, `<$1${EMPTY}$2>`);
}

/** At most `max` characters: cut at a word boundary with an ellipsis, never inside a surrogate pair. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  let cut = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut -= 1;
  const space = text.lastIndexOf(' ', cut);
  if (space > cut * 0.6) cut = space;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** A sentence's trailing citation markers and dated note, e.g. " [3] (24 Oct)": they stay with the sentence. */
const MARKERS = /^(?:\s*\[\d+\])+(?:\s*\([^()\n]{1,40}\))?/;

/** Offsets in `text` just after each sentence (and its markers), line by line. */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    let cursor = 0;
    let lastEnd = -1;
    for (const sentence of splitSentences(line)) {
      const at = line.indexOf(sentence, cursor);
      if (at < 0) break;
      cursor = at + sentence.length;
      const end = cursor + (MARKERS.exec(line.slice(cursor))?.[0].length ?? 0);
      if (end > lastEnd) ends.push(lineStart + end);
      lastEnd = end;
    }
    lineStart += line.length + 1;
  }
  return ends;
}

/** At most `max` characters: the longest run of whole sentences that fits, then `note`; a word cut only if no sentence fits. */
export function trimAtSentence(text: string, max: number, note = ''): string {
  if (text.length <= max) return text;
  const suffix = note ? ` ${note}` : '';
  if (suffix.length >= max) return clipText(note, max);
  const room = max - suffix.length;
  const end = sentenceEnds(text).filter((e) => e <= room).pop();
  const kept = end ? text.slice(0, end).trimEnd() : clipText(text, room).trimEnd();
  return `${kept}${suffix}`.slice(0, max);
}

/** Whole lines of `text` while they fit in `max`, then "…" on its own line when lines were left out. */
export function clipLines(text: string, max: number): string {
  if (text.length <= max) return text;
  const out: string[] = [];
  let used = 2;
  for (const line of text.split('\n')) {
    if (used + line.length + 1 > max) break;
    out.push(line);
    used += line.length + 1;
  }
  return out.length ? `${out.join('\n')}\n…` : clipText(text, max);
}

/** The characters Discord counts towards an embed's 6,000. */
export function embedTextLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

function toField(spec: EmbedFieldSpec): APIEmbedField {
  const name = clipText(neutralizeMentions(spec.name).trim(), DISCORD_LIMITS.fieldName) || EMPTY;
  const value = clipLines(neutralizeMentions(spec.value).trim(), DISCORD_LIMITS.fieldValue) || EMPTY;
  return spec.inline ? { name, value, inline: true } : { name, value };
}

/**
 * Builds one embed within every Discord limit: title, footer and appendix first, then fields while the
 * body keeps at least DESCRIPTION_FLOOR characters, then the body trimmed at a sentence boundary.
 */
export function buildEmbed(spec: EmbedSpec): APIEmbed {
  let remaining: number = DISCORD_LIMITS.embedTotal;
  const title = clipText(neutralizeMentions(spec.title ?? '').trim(), Math.min(DISCORD_LIMITS.title, remaining));
  remaining -= title.length;
  const footer = clipText(neutralizeMentions(spec.footer ?? '').trim(), Math.min(DISCORD_LIMITS.footer, remaining));
  remaining -= footer.length;
  const body = neutralizeMentions(spec.description).trim();
  const appendixMax = Math.min(Math.floor(DISCORD_LIMITS.description / 2), remaining - 2);
  const appendix = spec.appendix ? clipLines(neutralizeMentions(spec.appendix).trim(), appendixMax) : '';
  const gap = body && appendix ? 2 : 0;
  remaining -= appendix.length + gap;
  const bodyReserve = Math.min(body.length, DESCRIPTION_FLOOR);
  const fields: APIEmbedField[] = [];
  for (const field of (spec.fields ?? []).slice(0, DISCORD_LIMITS.fields).map(toField)) {
    const size = field.name.length + field.value.length;
    if (size + bodyReserve > remaining) break;
    fields.push(field);
    remaining -= size;
  }
  const bodyRoom = Math.max(0, Math.min(DISCORD_LIMITS.description - appendix.length - gap, remaining));
  const kept = trimAtSentence(body, bodyRoom, spec.trimNote ? neutralizeMentions(spec.trimNote) : '');
  const embed: APIEmbed = {};
  if (title) embed.title = title;
  const description = kept && appendix ? `${kept}\n\n${appendix}` : kept || appendix;
  if (description) embed.description = description;
  if (fields.length) embed.fields = fields;
  if (footer) embed.footer = { text: footer };
  if (spec.color !== undefined) embed.color = spec.color;
  return embed;
}

/** `[text](url)` for http(s) URLs, the text shown as plain text (no markdown of its own); plain text alone otherwise. */
export function markdownLink(text: string, url: string | null | undefined): string {
  const label = discordPlainText(text);
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return label;
  return `[${label}](${url.replace(/[()<> ]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)})`;
}
