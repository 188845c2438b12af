import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, embedTextLength } from '../../../src/adapters/discord/embed.ts';
import { renderDigestMessage } from '../../../src/adapters/discord/render-digest.ts';
import { composeDigest } from '../../../src/core/digest/digest.ts';
import type { Digest } from '../../../src/core/digest/digest-schema.ts';
import { seedCorpus } from '../../helpers/seed-corpus.ts';

const digestFor = (date: string, options = {}) => composeDigest({ corpus: seedCorpus(), date, options }) as Digest;

describe('renderDigestMessage', () => {
  it('is one embed: headline as title, bold section titles, sources appended, as-of footer, no pings', () => {
    const message = renderDigestMessage(digestFor('2025-12-24'));
    expect(message.allowed_mentions).toEqual({ parse: [] });
    const [embed] = message.embeds;
    expect(embed!.title).toBe('Daily digest for 24 December 2025: 2 new reports');
    expect(embed!.description).toContain('**Figures since earlier reports**\n• killed: at least 41 (22 Dec) -> at least 80 (24 Dec)');
    // one line per article, with every number it is cited under
    expect(embed!.description).toMatch(/\*\*Sources\*\*\n\[1\](\[\d+\])* Thailand and Cambodia Resume Ceasefire Talks/);
    const sourceLines = embed!.description!.split('**Sources**\n')[1]!.split('\n');
    expect(new Set(sourceLines).size).toBe(sourceLines.length);
    expect(embed!.footer?.text).toBe('As of 24 December 2025 · sitrep daily digest');
  });

  it('an empty day is a short grey embed', () => {
    const [embed] = renderDigestMessage(digestFor('2026-02-01')).embeds;
    expect(embed!.title).toBe('No new reports for 1 February 2026.');
    // a quiet day still gives the last known state
    expect(embed!.description).toMatch(/^\*\*Latest figures\*\*\n• killed: at least 80 civilians and soldiers \(24 Dec\)/);
    expect(embed!.color).toBe(0x718096);
  });

  it('stays within Discord limits for a month-long window', () => {
    const message = renderDigestMessage(digestFor('2025-12-31', { windowDays: 31, maxDevelopments: 10 }));
    const [embed] = message.embeds;
    expect(embed!.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embedTextLength(embed!)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  });
});
