import { formatDate } from '../../core/annotate/dates.ts';
import { digestSections } from '../../core/digest/digest-sections.ts';
import type { Digest } from '../../core/digest/digest-schema.ts';
import type { SlackMessage } from './blocks.ts';
import { renderBlocks, type MessageDoc } from './render-blocks.ts';

/** The Digest in the Slack renderer's plain terms: headline, one section per part, sources, "as of". */
export function digestToDoc(digest: Digest): MessageDoc {
  return {
    fallback: digest.headline,
    header: `Morning briefing · ${formatDate(digest.date)}`,
    lead: digest.headline,
    sections: digestSections(digest).map((s) => ({ title: s.title, lines: s.lines.map((l) => `• ${l}`) })),
    sources: digest.citations.map((c) => ({ n: c.n, title: c.title, source: c.source, published: c.published, url: c.url })),
    notes: [`${digest.asOf ? `As of ${formatDate(digest.asOf)} · ` : ''}sitrep daily digest · Questions? Ask with /brief <question>, e.g. /brief latest casualty figures`],
    dividers: true,
  };
}

/** Renders a Digest as a Slack message (Block Kit plus notification text) within Slack's limits. */
export function renderDigestBlocks(digest: Digest): SlackMessage {
  return renderBlocks(digestToDoc(digest));
}
