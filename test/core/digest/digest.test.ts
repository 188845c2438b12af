import { describe, expect, it } from 'vitest';
import { SitrepError } from '../../../src/core/ingest/article-file.ts';
import { loadCorpus } from '../../../src/core/store/corpus-index.ts';
import { buildIndex } from '../../../src/core/store/build-index-node.ts';
import { composeDigest } from '../../../src/core/digest/digest.ts';
import { DigestSchema, type Digest } from '../../../src/core/digest/digest-schema.ts';
import type { Article } from '../../../src/core/schema.ts';
import { seedCorpus } from '../../helpers/seed-corpus.ts';

function digestFor(date: string, options = {}): Digest {
  const digest = composeDigest({ corpus: seedCorpus(), date, options });
  if (!digest) throw new Error(`no digest for ${date}`);
  return DigestSchema.parse(digest);
}

/** Every [n] in the text names a citation, and every citation is used. */
function expectCitationsConsistent(digest: Digest) {
  const used = new Set([...digest.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  expect([...used].sort((a, b) => a - b)).toEqual(digest.citations.map((c) => c.n));
  const passages = new Set(seedCorpus().data.passages.map(([, , text]) => text));
  for (const c of digest.citations) {
    expect(passages.has(c.quote)).toBe(true);
    expect(c.published <= digest.date).toBe(true);
  }
}

describe('composeDigest over the seed corpus', () => {
  it('22 Dec: the new article, its figures as first reports, and the meeting set for next week', () => {
    const digest = digestFor('2025-12-22');
    expect(digest.articles.map((a) => a.id)).toEqual(['2025-12-22-officials-to-discuss-reviving-ceasefire']);
    expect(digest.window).toEqual({ from: '2025-12-22', to: '2025-12-22' });
    expect(digest.previousWindow).toEqual({ from: '2025-12-21', to: '2025-12-21' });
    expect(digest.developments[0]!.text).toMatch(/^Officials from Thailand and Cambodia will meet next week/);
    const killed = digest.figureChanges.find((c) => c.kind === 'killed')!;
    expect(killed.from).toBeNull();
    expect(killed.to).toMatchObject({ value: 41, qualifier: 'at least', asOf: '2025-12-22' });
    expect(killed.text).toMatch(/^killed: at least 41 \(22 Dec\), first reported \[\d+\]$/);
    expect(digest.upcoming[0]).toMatchObject({ date: '2025-12-29', endDate: '2026-01-04', label: 'week of 29 December 2025' });
    expectCitationsConsistent(digest);
  });

  it('23 Dec: the new article, figures against 22 Dec with the claimant, and the Wednesday meeting', () => {
    const digest = digestFor('2025-12-23');
    expect(digest.articles.map((a) => a.id)).toEqual(['2025-12-23-agree-to-meet-again']);
    const killed = digest.figureChanges.find((c) => c.kind === 'killed')!;
    // civilian deaths are not all deaths: a first count of civilians, never "at least 41 -> 20" (which reads as a fall)
    expect(killed.from).toBeNull();
    expect(killed.to).toMatchObject({ value: 20, asOf: '2025-12-23', claimant: 'Cambodian Ministry of Interior', scope: 'civilian' });
    expect(killed.text).toBe('killed: 20 (23 Dec, Cambodian Ministry of Interior), first reported; scope: civilian, Cambodia [1]');
    // the Cambodian ministry counts Cambodia; 22 Dec's "nearly one million" counted both countries
    const displaced = digest.figureChanges.find((c) => c.kind === 'displaced')!;
    expect(displaced.from).toBeNull();
    expect(digest.text).not.toMatch(/41 \(22 Dec\) -> 20|1,000,000 \(22 Dec\) -> 525,000/);
    expect(digest.figureChanges.find((c) => c.kind === 'injured')).toMatchObject({ from: null, to: { value: 79 } });
    expect(digest.upcoming[0]).toMatchObject({ date: '2025-12-24', endDate: null, articleId: '2025-12-23-agree-to-meet-again' });
    expect(digest.upcoming[0]!.text).toContain('Chanthaburi');
    // "meet again this week" is that Wednesday meeting, not a second item
    expect(digest.upcoming.some((e) => e.date === '2025-12-22')).toBe(false);
    expect(digest.developments[1]!.text).toContain('Monday (December 22)');
    expect(digest.developments[0]!.text).not.toContain('Kuala Lumpur, 23rd');
    expectCitationsConsistent(digest);
  });

  it('24 Dec: both new articles, the toll from 41 to 80 with both sources, and the 27 December ministers\' meeting', () => {
    const digest = digestFor('2025-12-24');
    expect(digest.articles.map((a) => a.id).sort()).toEqual(['2025-12-24-ceasefire-talks-resume', '2025-12-24-militaries-open-dialogue']);
    expect(digest.headline).toBe('Daily digest for 24 December 2025: 2 new reports');
    const killed = digest.figureChanges.find((c) => c.kind === 'killed')!;
    expect(killed.text).toMatch(/^killed: at least 41 \(22 Dec\) -> at least 80 \(24 Dec\)/);
    expect(killed.sameScope).toBe(true);
    const sources = [killed.from!.n, killed.to.n].map((n) => digest.citations.find((c) => c.n === n)!.id);
    expect(sources).toEqual(['2025-12-22-officials-to-discuss-reviving-ceasefire', '2025-12-24-ceasefire-talks-resume']);
    // the newest earlier report of displacement is 23 Dec's, though 22 Dec reported one too
    expect(digest.figureChanges.find((c) => c.kind === 'displaced')!.from).toMatchObject({ value: 525000, asOf: '2025-12-23' });
    const ministers = digest.upcoming.find((e) => e.date === '2025-12-27')!;
    expect(ministers).toMatchObject({ label: '27 December 2025', articleId: '2025-12-24-ceasefire-talks-resume' });
    expect(ministers.text).toContain("defence ministers' dialogue");
    expect(digest.text).toContain('Coming up:\n- 27 December 2025: ');
    expect(digest.asOf).toBe('2025-12-24');
    expect(digest.developments.length).toBeGreaterThanOrEqual(2);
    expect(digest.developments.length).toBeLessThanOrEqual(5);
    expectCitationsConsistent(digest);
  });

  it('24 Dec reads like an editor wrote it: one bullet for the talks with both sources, one number per article, no gloss in quotes, no stale plan', () => {
    const digest = digestFor('2025-12-24');
    const talks = digest.developments.filter((d) => /\b(convened|begun|began|meet)\b.*\b(talks|truce|ceasefire)\b/i.test(d.text) && !/scheduled to last/.test(d.text));
    expect(talks).toHaveLength(1);
    expect(talks[0]!.citations).toHaveLength(2);
    expect(new Set(digest.citations.map((c) => c.id)).size).toBe(digest.citations.length);
    expect(digest.text).not.toMatch(/\w \(\d[\d,]*(-day)?\)/);
    // "will meet next week" (22 Dec) took place on the 24th: it is no longer coming up
    expect(digest.upcoming.map((e) => e.label)).toEqual(['27 December 2025']);
  });

  it('a quiet day gives the last known state: the latest figures with their dates, and what is scheduled', () => {
    const digest = digestFor('2025-12-26');
    expect(digest.empty).toBe(true);
    expect(digest.latestFigures.find((f) => f.kind === 'killed')).toMatchObject({ value: 80, qualifier: 'at least', asOf: '2025-12-24' });
    expect(digest.text).toContain('Latest figures:\n- killed: at least 80 civilians and soldiers (24 Dec) [1]');
    expect(digest.text).toContain('Coming up:\n- 27 December 2025: ');
    expect(digestFor('2025-12-24').latestFigures).toEqual([]);
    expectCitationsConsistent(digest);
  });

  it('never uses an article published after the digest date', () => {
    const digest = digestFor('2025-12-22');
    expect(digest.text).not.toContain('80');
    expect(digest.upcoming.some((e) => e.date === '2025-12-27')).toBe(false);
  });

  it('a day with no articles gives a short "no new reports" digest, or none when so configured', () => {
    const digest = digestFor('2025-12-25');
    expect(digest.empty).toBe(true);
    expect(digest.articles).toEqual([]);
    expect(digest.developments).toEqual([]);
    expect(digest.figureChanges).toEqual([]);
    expect(digest.headline).toBe('No new reports for 25 December 2025.');
    expect(digest.upcoming.map((e) => e.date)).toContain('2025-12-27');
    expect(composeDigest({ corpus: seedCorpus(), date: '2025-12-25', options: { whenEmpty: 'none' } })).toBeNull();
  });

  it('a window of several days takes every article in it and compares with reports before it', () => {
    const digest = digestFor('2025-12-24', { windowDays: 3 });
    expect(digest.window).toEqual({ from: '2025-12-22', to: '2025-12-24' });
    expect(digest.previousWindow).toEqual({ from: '2025-12-19', to: '2025-12-21' });
    expect(digest.articles).toHaveLength(4);
    expect(digest.headline).toBe('Daily digest for 22 December 2025 to 24 December 2025: 4 new reports');
    expect(digest.figureChanges.every((c) => c.from === null)).toBe(true);
  });

  it('refuses a date that is not a real day and options out of range, with codes', () => {
    expect(() => composeDigest({ corpus: seedCorpus(), date: '2025-02-30' })).toThrow(SitrepError);
    try {
      composeDigest({ corpus: seedCorpus(), date: '2025-12-24', options: { windowDays: 0 } });
      expect.unreachable();
    } catch (error) {
      expect((error as SitrepError).code).toBe('invalid_options');
    }
  });
});

describe('composeDigest over small corpora', () => {
  const article = (id: string, published: string, paragraphs: string[]): Article => ({ id, title: id, source: null, url: null, published, paragraphs });
  const corpusOf = (articles: Article[]) => loadCorpus(JSON.parse(JSON.stringify(buildIndex(articles, new Date('2026-01-01T00:00:00Z')))));

  it('leaves out a figure that did not change and shows one that did', () => {
    const corpus = corpusOf([
      article('a', '2026-03-01', ['Officials said at least 12 people were killed in the floods and 300 people were displaced.']),
      article('b', '2026-03-02', ['Officials said at least 12 people were killed in the floods and 450 people were displaced.']),
    ]);
    const digest = composeDigest({ corpus, date: '2026-03-02' })!;
    expect(digest.figureChanges.map((c) => c.kind)).toEqual(['displaced']);
    expect(digest.figureChanges[0]!.text).toMatch(/^displaced: 300 \(1 Mar, Officials\) -> 450 \(2 Mar, Officials\)/);
  });

  it('compares civilian deaths with earlier civilian deaths when a report gives both', () => {
    const corpus = corpusOf([
      article('a', '2026-03-01', ['At least 30 people have been killed in the fighting.', 'Of them, 9 civilians were killed near the border.']),
      article('b', '2026-03-03', ['The health ministry said 14 civilians were killed.']),
    ]);
    const changes = composeDigest({ corpus, date: '2026-03-03' })!.figureChanges;
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ sameScope: true, from: { value: 9 }, to: { value: 14 } });
  });

  it('resolves "tomorrow" to a date and leaves out events already past', () => {
    const corpus = corpusOf([
      article('a', '2026-03-01', ['The envoys will meet tomorrow in Geneva to sign the truce.', 'The envoys met yesterday in Geneva.']),
    ]);
    expect(composeDigest({ corpus, date: '2026-03-01' })!.upcoming.map((e) => e.date)).toEqual(['2026-03-02']);
    expect(composeDigest({ corpus, date: '2026-03-02' })!.upcoming).toEqual([]);
  });
});
