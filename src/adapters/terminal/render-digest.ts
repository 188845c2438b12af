import { digestSections } from '../../core/digest/digest-sections.ts';
import type { Digest } from '../../core/digest/digest-schema.ts';
import { plainStyle, stripControls, type Style } from './render.ts';

/** A Digest as terminal text: headline and section titles in bold, then its numbered sources with their quotes. */
export function renderDigestText(digest: Digest, style: Style = plainStyle): string {
  const out = [style.bold(stripControls(digest.headline))];
  for (const section of digestSections(digest)) {
    out.push('', style.bold(`${section.title}:`), ...section.lines.map((line) => `- ${stripControls(line)}`));
  }
  if (digest.citations.length) out.push('', style.bold('Sources'));
  for (const c of digest.citations) {
    const meta = [c.source, c.published, c.url].filter(Boolean).join(' · ');
    out.push(`${style.accent(`[${c.n}]`)} ${stripControls(c.title)} ${style.dim(`(${stripControls(meta)})`)}`, style.dim(`    "${stripControls(c.quote)}"`));
  }
  return out.join('\n');
}
