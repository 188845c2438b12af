import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { parseArticle } from '../../../src/core/ingest/article-file.ts';
import { loadCorpus } from '../../../src/core/store/corpus-index.ts';
import { buildIndex } from '../../../src/core/store/build-index-node.ts';
import { prepareArticle } from '../../../src/core/ingest/ingest.ts';
import { fixedClock, ROOT } from '../../helpers/seed-corpus.ts';

// A wire story in another house style than the seeds: dateline, no headline, figures as verbs.
const WIRE = `BANGKOK, Dec 26 (Reuters) - Thai and Cambodian troops exchanged artillery fire overnight despite talks, killing at least 12 soldiers and wounding 30 others, Thailand's army said on Friday.

Army spokesman Major General Winthai Suvaree said shelling hit three villages in Surin province. Some 300,000 Thai residents have been evacuated from border districts since December 8, according to the Interior Ministry.

Cambodia's Ministry of National Defence said 7 Cambodian civilians were killed in Thai air strikes on Thursday.

The defence ministers of both countries are due to meet in Chanthaburi on Saturday, December 27, with Malaysian Prime Minister Anwar Ibrahim acting as mediator.
`;

const seeds = readdirSync(`${ROOT}data/articles`).map((n) => parseArticle(readFileSync(`${ROOT}data/articles/${n}`, 'utf8'), n));
const wire = prepareArticle(WIRE, 'wire.txt', {}, seeds, '2026-01-05');
const corpus = loadCorpus(JSON.parse(JSON.stringify(buildIndex([...seeds, wire], new Date('2026-01-05T00:00:00Z')))));
const ask = (q: string) => answerQuestion(q, { corpus, clock: fixedClock() });

describe('an article the engine has never seen', () => {
  it('is dated from its dateline and titled without it', () => {
    expect(wire.published).toBe('2025-12-26');
    expect(wire.title).toBe('Thai and Cambodian troops exchanged artillery fire overnight despite talks');
  });

  it('puts its figures first for the latest toll, each with its claimant, beside the older ones', () => {
    const answer = ask('latest casualty figures');
    const killed = answer.figures.filter((f) => f.kind === 'killed');
    expect(killed.slice(0, 2)).toEqual([
      expect.objectContaining({ value: 12, qualifier: 'at least', scope: 'soldiers', claimant: "Thailand's army", asOf: '2025-12-26' }),
      expect.objectContaining({ value: 7, scope: 'Cambodian civilians', claimant: "Cambodia's Ministry of National Defence" }),
    ]);
    expect(killed.map((f) => f.value)).toContain(80);
    expect(answer.figures.find((f) => f.kind === 'injured')?.value).toBe(30);
    expect(answer.asOf).toBe('2025-12-26');
  });

  it('names the new mediator first and resolves the meeting date without repeating it', () => {
    expect(ask('Who will mediate the defence ministers meeting?').answer.split('\n')[0]).toMatch(/^Anwar Ibrahim \(Malaysian Prime Minister\) \[1\]/);
    const when = ask('When do the defence ministers meet?').answer;
    expect(when.split('\n')[0]).toBe('Scheduled for 27 December 2025 [1].');
    expect(when).not.toContain('Saturday (27 December 2025)');
  });

  it('learns a new person and role from the text', () => {
    expect(ask('Who is the army spokesman?').answer).toMatch(/^Winthai Suvaree/);
    expect(ask('How many residents were evacuated?').answer).toMatch(/some 300,000 Thai residents evacuated, according to Interior Ministry/);
  });
});
