import { describe, expect, it } from 'vitest';
import { cleanRawText, deriveId, deriveTitle } from '../../../src/core/ingest/clean.ts';
import { rawSeed } from '../../helpers/seed-corpus.ts';

describe('cleanRawText on the seed articles', () => {
  it('drops the masthead line above the headline (seed 000)', () => {
    const cleaned = cleanRawText(rawSeed('000'), { source: 'LatestNewsWorld' });
    expect(cleaned.headline).toBe('Thai and Cambodian Militaries Open Dialogue to Restore Ceasefire and Regional Stability');
    expect(cleaned.paragraphs[0]).toMatch(/^Bangkok - Military officials/);
    expect(cleaned.paragraphs.join('\n')).not.toContain('LatestNewsWorld');
  });

  it('drops a masthead even when the source is not given', () => {
    expect(cleanRawText(rawSeed('000')).paragraphs.join('\n')).not.toContain('LatestNewsWorld');
  });

  it('recognises the headline and the standfirst (seed 001)', () => {
    const cleaned = cleanRawText(rawSeed('001'));
    expect(cleaned.headline).toBe('Thailand and Cambodia Resume Ceasefire Talks Amid Renewed Border Clashes');
    expect(cleaned.standfirst).toMatch(/^Defence officials from both countries meet/);
    expect(cleaned.paragraphs[0]).toMatch(/^Senior military officials/);
  });

  it('keeps each repeated paragraph once (seed 003)', () => {
    const raw = rawSeed('003');
    const rawLines = raw.split('\n').filter((l) => l.trim());
    const cleaned = cleanRawText(raw);
    expect(rawLines.length).toBeGreaterThan(cleaned.paragraphs.length);
    expect(new Set(cleaned.paragraphs).size).toBe(cleaned.paragraphs.length);
    expect(cleaned.paragraphs).toHaveLength(new Set(rawLines.map((l) => l.trim())).size);
    expect(cleaned.headline).toBeNull();
  });

  it('trims trailing blank lines (seed 004)', () => {
    const cleaned = cleanRawText(rawSeed('004'));
    expect(cleaned.paragraphs).toHaveLength(7);
    expect(cleaned.paragraphs.at(-1)).toMatch(/eventual ceasefire negotiations\.$/);
  });

  it('normalises typographic quotes, dashes and white space', () => {
    const cleaned = cleanRawText(rawSeed('002'));
    const text = cleaned.paragraphs.join('\n');
    expect(text).not.toMatch(/[\u2018\u2019\u201C\u201D\u2013\u2014]/);
    expect(text).toContain('"constructive and meaningful,"');
    expect(text).toContain("Thailand's Sa Kaeo province");
    expect(text).not.toMatch(/ {2}/);
  });

  it('joins hard-wrapped lines into one paragraph', () => {
    const cleaned = cleanRawText('The truce held for a\nsecond day on Friday.\n\nOfficials said talks would\ncontinue next week.');
    expect(cleaned.paragraphs).toEqual(['The truce held for a second day on Friday.', 'Officials said talks would continue next week.']);
    expect(cleaned.headline).toBeNull();
  });
});

describe('titles and ids for articles without a headline', () => {
  it('derives a title from the first sentence without its dateline', () => {
    expect(deriveTitle(['(Kuala Lumpur, 23rd) Thailand and Cambodia have agreed to meet again. More text.'])).toBe('Thailand and Cambodia have agreed to meet again');
  });

  it('derives a file-name-safe id from the date and the title', () => {
    expect(deriveId('2025-12-23', "Thailand's Talks: Round 2 — Again!")).toBe('2025-12-23-thailand-s-talks-round-2-again');
  });
});

describe('cleanRawText on other outlets\' page furniture', () => {
  it('drops bylines, time stamps and "Advertisement" / "Read more" lines', () => {
    const raw = [
      'Khmer Daily', '', 'Border Talks Stall Again', '', 'By Sok Dara and Jane Smith, Phnom Penh', 'Published 25 December 2025, 10:30',
      '', 'PHNOM PENH - Talks between the two armies stalled on Thursday, officials said.', '', 'Advertisement', '',
      'Read more: Ceasefire timeline', '', 'Both sides said they would meet again next week.',
    ].join('\n');
    const cleaned = cleanRawText(raw);
    expect(cleaned.headline).toBe('Border Talks Stall Again');
    expect(cleaned.paragraphs).toEqual([
      'PHNOM PENH - Talks between the two armies stalled on Thursday, officials said.',
      'Both sides said they would meet again next week.',
    ]);
  });

  it('keeps a sentence that merely starts with "By"', () => {
    const cleaned = cleanRawText('By Friday, both armies had pulled back heavy weapons from the border.\n\nTalks resume on Monday.');
    expect(cleaned.paragraphs[0]).toMatch(/^By Friday, both armies/);
  });
});

describe('ids for titles in other scripts', () => {
  it('uses a stable hash of the title when it has no Latin words', () => {
    const a = deriveId('2025-12-26', 'ไทยและกัมพูชาเจรจาหยุดยิง');
    expect(a).toMatch(/^2025-12-26-[a-z0-9]+$/);
    expect(deriveId('2025-12-26', 'ไทยและกัมพูชาเจรจาหยุดยิง')).toBe(a);
    expect(deriveId('2025-12-26', 'กัมพูชาเรียกร้องสันติภาพ')).not.toBe(a);
  });
});
