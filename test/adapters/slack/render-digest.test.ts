import { describe, expect, it } from 'vitest';
import { renderDigestBlocks } from '../../../src/adapters/slack/render-digest.ts';
import { LIMITS } from '../../../src/adapters/slack/blocks.ts';
import { composeDigest } from '../../../src/core/digest/digest.ts';
import type { Digest } from '../../../src/core/digest/digest-schema.ts';
import { seedCorpus } from '../../helpers/seed-corpus.ts';

const digestFor = (date: string, options = {}) => composeDigest({ corpus: seedCorpus(), date, options }) as Digest;

describe('renderDigestBlocks', () => {
  it('puts the headline in the notification text and each part under its title, sources last', () => {
    const { text, blocks } = renderDigestBlocks(digestFor('2025-12-24'));
    expect(text).toBe('Daily digest for 24 December 2025: 2 new reports');
    const all = JSON.stringify(blocks);
    for (const title of ['New reports', 'Developments', 'Figures since earlier reports', 'Coming up']) expect(all).toContain(`*${title}*`);
    expect(all.indexOf('*Coming up*')).toBeLessThan(all.indexOf('[1] Thailand and Cambodia Resume Ceasefire Talks'));
    expect(all).toContain('As of 24 December 2025');
  });

  it('has a header, dividers between the parts and a pointer to /brief', () => {
    const { blocks } = renderDigestBlocks(digestFor('2025-12-24'));
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Morning briefing · 24 December 2025' } });
    expect(blocks.filter((b) => b.type === 'divider').length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(blocks.at(-1))).toContain('Ask with /brief');
  });

  it('stays within Slack limits for a month-long window', () => {
    const { blocks } = renderDigestBlocks(digestFor('2025-12-31', { windowDays: 31, maxDevelopments: 10 }));
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    for (const block of blocks) {
      if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    }
  });

  it('escapes article text so it cannot ping or format', () => {
    const digest = { ...digestFor('2025-12-24') };
    digest.developments = [{ text: '<!channel> *now* <@U123> [1]', citations: [1] }];
    const all = JSON.stringify(renderDigestBlocks(digest).blocks);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<@U123>');
  });
});
