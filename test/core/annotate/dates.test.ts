import { describe, expect, it } from 'vitest';
import { findDateMentions, inferPublished } from '../../../src/core/annotate/dates.ts';
import { cleanRawText } from '../../../src/core/ingest/clean.ts';
import { rawSeed } from '../../helpers/seed-corpus.ts';

describe('inferPublished', () => {
  it('places a "(Kuala Lumpur, 23rd)" dateline by the weekday-dated mentions in the text', () => {
    const { paragraphs } = cleanRawText(rawSeed('003'));
    expect(inferPublished(paragraphs, '2026-11-21')).toBe('2025-12-23');
  });

  it('reads a full date with its year near the top', () => {
    expect(inferPublished(['BANGKOK, March 3, 2025 - Talks resumed today.'], '2026-01-01')).toBe('2025-03-03');
  });

  it('uses a weekday with its day when there is no dateline', () => {
    expect(inferPublished(['Officials met on Wednesday (24th) near the border and agreed to talk again.'], '2026-01-10')).toBe('2025-12-24');
  });

  it('returns null when the text pins no date', () => {
    expect(inferPublished(cleanRawText(rawSeed('004')).paragraphs, '2026-11-21')).toBeNull();
  });
});

describe('findDateMentions resolves relative dates against the article date', () => {
  it('"this Sunday" in a Friday article is the coming Sunday', () => {
    const [m] = findDateMentions('The agreement is to be officially signed this Sunday.', '2025-10-24');
    expect(m?.date).toBe('2025-10-26');
  });

  it('"on Wednesday" in a past-tense sentence is the latest Wednesday', () => {
    const [m] = findDateMentions('Officials convened for talks on Wednesday in a bid to restore calm.', '2025-12-26');
    expect(m?.date).toBe('2025-12-24');
  });

  it('a month and day take the year that keeps them near the article', () => {
    const [m] = findDateMentions('A dialogue is scheduled for December 27.', '2025-12-24');
    expect(m).toMatchObject({ date: '2025-12-27', explicit: true });
  });

  it('"in October" is a month, not a day', () => {
    const [m] = findDateMentions('The accord was reached in October.', '2025-12-23');
    expect(m).toMatchObject({ date: null, month: '2025-10' });
  });
});

describe('a day name in its own clause', () => {
  // Published on a Wednesday.
  const dateOf = (sentence: string) => findDateMentions(sentence, '2026-04-08').map((d) => d.date);

  it('looks back for a deed or a saying, ahead for what would, could or will happen, whatever the rest of the sentence', () => {
    expect(dateOf('Brekke said on Tuesday that officials would meet again this week.')).toEqual(['2026-04-07']);
    expect(dateOf('He said talks could resume on Thursday.')).toEqual(['2026-04-09']);
    expect(dateOf('The strike began on Monday and will end on Friday.')).toEqual(['2026-04-06', '2026-04-10']);
    expect(dateOf('The agreement was reached on Thursday night, and the ministers will sign it soon.')).toEqual(['2026-04-02']);
  });

  it('reads "to be done on Monday" as ahead, though the verb ends in -ed', () => {
    expect(dateOf('He said he expected the hostages to be handed over on Monday.')).toEqual(['2026-04-13']);
  });
});
