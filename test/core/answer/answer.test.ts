import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { checkAnswer, EvalFileSchema } from '../../../src/core/evaluate.ts';
import { AnswerSchema } from '../../../src/core/schema.ts';
import { fixedClock, seedCorpus, SHARED } from '../../helpers/seed-corpus.ts';

const ask = (question: string) => answerQuestion(question, { corpus: seedCorpus(), clock: fixedClock() });

describe('answers over the seed corpus', () => {
  const dev = EvalFileSchema.parse(JSON.parse(readFileSync(`${SHARED}/eval/dev.json`, 'utf8')));
  it.each(dev.questions.map((q) => [q.id, q] as const))('passes the development question %s', (_id, question) => {
    expect(checkAnswer(question, ask(question.question))).toEqual([]);
  });

  it('shows conflicting figures side by side, newest first, never summed', () => {
    const answer = ask('how many people have been displaced so far?');
    const displaced = answer.figures.filter((f) => f.kind === 'displaced');
    expect(displaced.map((f) => f.value)).toEqual([500_000, 525_000, 1_000_000]);
    expect(displaced.map((f) => f.asOf)).toEqual(['2025-12-24', '2025-12-23', '2025-12-22']);
    expect(answer.answer).toContain('Sources differ');
    expect(answer.answer).toContain('according to Cambodian Ministry of Interior');
    expect(answer.answer).not.toContain('2,025,000');
    expect(answer.asOf).toBe('2025-12-24');
  });

  it('says "as of" the newest date for latest figures', () => {
    const answer = ask('latest death toll');
    expect(answer.intent).toBe('casualties');
    expect(answer.answer.split('\n')[0]).toMatch(/at least 80 .*as of 24 December 2025/);
  });

  it('answers who holds a role, and who a person is', () => {
    expect(ask('Who is the Thai defence minister?').answer).toMatch(/^Natthaphon Narkphanit/);
    expect(ask('who is the cambodian defense minister').answer).toMatch(/^Tea Seiha/);
    expect(ask('Who is Surasant Kongsiri?').answer).toMatch(/spokesman/);
  });

  it('resolves relative dates against the article date, and calls a planned date a plan', () => {
    const answer = ask('When will the peace agreement be signed?');
    expect(answer.answer.split('\n')[0]).toBe('Scheduled for 26 October 2025 [1].');
    expect(answer.answer).toContain('this Sunday (26 October 2025)');
  });

  it('takes the date next to the words asked about', () => {
    expect(ask('When did the border clashes start?').answer.split('\n')[0]).toBe('December 2025 [1].');
  });

  it.each(['What is the weather in Bangkok tomorrow?', 'Who won the 2022 World Cup?', 'What is the share price of PTT?', 'Who is Elon Musk?'])(
    'says it does not cover %s, cites nothing and names what it covers',
    (question) => {
      const answer = ask(question);
      expect(answer.answered).toBe(false);
      expect(answer.citations).toEqual([]);
      expect(answer.figures).toEqual([]);
      expect(answer.answer).toMatch(/don't cover/);
      expect(answer.answer).toMatch(/I follow 5 articles/);
    },
  );

  it('strips chat mention syntax from questions so answers never echo it', () => {
    const answer = ask('<!channel> @everyone <@U123> how many people were injured?');
    expect(answer.answered).toBe(true);
    expect(answer.answer).not.toMatch(/<!channel>|@everyone|<@U123>/);
    expect(answer.answer).toContain('79');
  });

  it('gives every citation a quote from its article and numbers them in order', () => {
    const answer = ask('who mediated the October accord');
    expect(answer.citations.map((c) => c.n)).toEqual(answer.citations.map((_, i) => i + 1));
    for (const c of answer.citations) expect(answer.answer).toContain(`[${c.n}]`);
    expect(AnswerSchema.safeParse(answer).success).toBe(true);
  });

  it('answers an empty question politely without citations', () => {
    const answer = ask('   ');
    expect(answer).toMatchObject({ answered: false, citations: [], intent: 'none' });
  });
});

describe('answers that need more than one sentence of context', () => {
  it('takes what was agreed from the article of the month asked about', () => {
    const answer = ask('What was agreed in October?');
    expect(answer.citations[0]!.id).toBe('2025-10-24-closer-to-lasting-peace');
    expect(answer.answer).toContain('heavy weapons');
  });

  it('names the other person in the passage for "who met X"', () => {
    expect(ask('Who met Anutin?').answer.split('\n')[0]).toMatch(/^Deng Xijun \(China's Special Envoy for Asian Affairs\) \[1\]/);
  });

  it('counts one person only when asked about that group', () => {
    expect(ask('How many Chinese citizens were injured?').answer.split('\n')[0]).toMatch(/^Injured: 1 Chinese citizen injured/);
    expect(ask('latest casualty figures').figures.every((f) => f.value > 1)).toBe(true);
  });

  it('hears "US" as the United States and "fled their homes" as displacement', () => {
    expect(ask('What did the US say?').answered).toBe(true);
    expect(ask('How many people fled their homes?').figures[0]?.kind).toBe('displaced');
    expect(ask('How many people died in the earthquake?').answered).toBe(false);
  });
});

describe('who brokered or witnessed', () => {
  it('keeps abbreviations such as "U.S." inside the names it extracts', () => {
    const first = ask('Who brokered the July ceasefire?').answer.split('\n')[0]!;
    expect(first).toContain('Donald Trump (U.S. President) [1]');
  });
});

describe('other phrasings of the same kinds of question', () => {
  it.each([
    ["Who's the Cambodian defense minister?", /^Tea Seiha/],
    ['Name the Thai foreign minister', /^Sihasak/],
    ["Who is Thailand's defence minister?", /^Natthaphon Narkphanit/],
  ])('%s', (question, expected) => {
    expect(ask(question).answer).toMatch(expected);
  });

  it('works out when a multi-day meeting ends from its start and length', () => {
    expect(ask('When does the General Border Committee meeting end?').answer.split('\n')[0]).toMatch(/^26 December 2025: day 3 of 3, counting from 24 December 2025 \[1\]/);
  });

  it('answers "why" with the sentences that give reasons', () => {
    const answer = ask('Why did Thailand say the agreement was rushed?');
    expect(answer.intent).toBe('general');
    expect(answer.answer.split('\n')[0]).toMatch(/rushed due to U\.S\. pressure/);
  });

  it('meets "obstacles" with "challenge" and "weapons" with "artillery"', () => {
    expect(ask('What are the main obstacles to a ceasefire?').answer).toMatch(/challenge to the ceasefire/);
    expect(ask('What weapons are being used?').answer).toMatch(/artillery/);
  });
});

describe('the "not covered" reply', () => {
  it('suggests what this corpus answers, from its own figures and people', () => {
    const answer = ask('Who won the 2022 World Cup?').answer;
    expect(answer).toMatch(/Try asking how many were killed, displaced or injured, who people such as Donald Trump are/);
  });
});

describe('who did what', () => {
  it('names the person next to the action asked about', () => {
    expect(ask('Who attended the special ASEAN meeting?').answer.split('\n')[0]).toBe('Vivian Balakrishnan (Singaporean Foreign Minister) [1].');
  });

  it('does not take a name that merely stands near the verb for its subject', () => {
    expect(ask('Who signed the July ceasefire?').answer.split('\n')[0]).not.toMatch(/^Donald Trump/);
  });
});

describe('how old the news is', () => {
  it('warns on "latest" questions when the newest report is more than a day old, and only then', () => {
    const at = (iso: string) => answerQuestion('latest casualty figures', { corpus: seedCorpus(), clock: fixedClock(iso) }).answer;
    expect(at('2025-12-25T08:00:00Z')).not.toMatch(/Note:/);
    expect(at('2026-01-05T08:00:00Z')).toMatch(/Note: my newest report is from 24 December 2025, 12 days ago/);
    expect(answerQuestion('Who is Tea Seiha?', { corpus: seedCorpus(), clock: fixedClock('2026-01-05T08:00:00Z') }).answer).not.toMatch(/Note:/);
  });
});

describe('the direct answer comes first', () => {
  it.each([
    ['How long did the July conflict last?', /^Duration: 5 days \("five days"\) \(July conflict\) \[1\]/],
    ['How long is the border between Thailand and Cambodia?', /^Length: 817 km/],
    ['How many people were injured?', /^Injured: 79 injured/],
    ['When is the defence ministers\' dialogue scheduled?', /^Scheduled for 27 December 2025 \[1\]/],
  ])('%s', (question, lead) => {
    expect(ask(question).answer.split('\n')[0]).toMatch(lead);
  });

  it('gives numbers written in words their digits in the answer text, but quotes sources verbatim', () => {
    const answer = ask('What happened in July?');
    expect(answer.answer).toContain('lasted five days (5 days)');
    expect(answer.citations.some((c) => c.quote.includes('lasted five days and'))).toBe(true);
    expect(answer.answer).not.toMatch(/two \(2\)/);
  });
});

describe('what was agreed', () => {
  it('leads with the article that states the terms, or with the one about the day asked', () => {
    expect(ask('What did Thailand and Cambodia agree on in the talks before the peace agreement signing?').citations[0]!.id).toBe('2025-10-24-closer-to-lasting-peace');
    expect(ask('what did both sides agree to on Monday?').citations[0]!.id).toBe('2025-12-23-agree-to-meet-again');
  });
});
