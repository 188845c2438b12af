import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { loadCorpus, type IndexFile } from '../../../src/core/store/corpus-index.ts';
import { joinSplitIndex, shouldSplit, splitChecksum, splitIndexFile } from '../../../src/core/store/index-split.ts';
import { fnv1a } from '../../../src/core/store/index-check.ts';
import { passagesOf } from '../../../src/core/store/passages.ts';
import { fixedClock } from '../../helpers/seed-corpus.ts';
import { seedBuilt as built, SMALL_LAYOUT as SMALL, SPLIT_QUESTIONS as QUESTIONS, thrownBy as error } from '../../helpers/split-index.ts';


/** An index's split files as stored (JSON text), and a part reader over them that counts its reads. */
function stored(stamp = 'a', index: IndexFile = built) {
  const { main, parts } = splitIndexFile(index, (k) => `${stamp}.${k}`, SMALL);
  const texts = new Map(parts.map((p) => [p.name, p.text]));
  const reads: string[] = [];
  const readTextPart = (name: string) => {
    reads.push(name);
    const text = texts.get(name);
    if (text === undefined) throw new Error(`no part ${name}`);
    return text;
  };
  return { main: JSON.parse(JSON.stringify(main)) as unknown, parts, texts, reads, readTextPart };
}

describe('the split index (texts in parts)', () => {
  it('splits only an index whose texts are over the limit, into parts of about the size asked', () => {
    expect(shouldSplit(built)).toBe(false);
    expect(shouldSplit(built, SMALL)).toBe(true);
    const { parts } = stored();
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => (JSON.parse(p.text) as string[]).length).reduce((a, b) => a + b)).toBe(built.articles.length);
    expect(JSON.stringify(stored().main)).not.toContain(built.texts[0]!.split('\n').at(-1));
  });

  it('loads without reading a part, reads a part when a passage of it is first read, and answers as the one-file index', () => {
    const whole = loadCorpus(JSON.parse(JSON.stringify(built)));
    const split = stored();
    const corpus = loadCorpus(split.main, { readTextPart: split.readTextPart });
    expect(split.reads).toEqual([]);
    expect(corpus.data.passages).toHaveLength(whole.data.passages.length);
    expect(corpus.articlePassages).toEqual(whole.articlePassages);
    expect([...corpus.passageArticle]).toEqual(passagesOf(built).map(([a]) => a));
    expect(split.reads).toEqual([]);
    expect(corpus.data.passages[0]).toEqual(whole.data.passages[0]);
    expect(split.reads).toEqual(['a.0']);
    for (const q of QUESTIONS) expect(answerQuestion(q, { corpus, clock: fixedClock() })).toEqual(answerQuestion(q, { corpus: whole, clock: fixedClock() }));
    expect([...corpus.data.passages]).toEqual(passagesOf(built));
    expect(new Set(split.reads).size).toBe(split.parts.length);
    expect(split.reads).toHaveLength(split.parts.length);
  });

  it('joins back into the one-file index', () => {
    const split = stored();
    const joined = joinSplitIndex(split.main as ReturnType<typeof splitIndexFile>['main'], split.readTextPart);
    expect({ ...joined, checksum: '' }).toEqual({ ...built, checksum: '' });
    expect(loadCorpus(JSON.parse(JSON.stringify(joined))).data.passages.length).toBe(passagesOf(built).length);
  });

  it('refuses a damaged or foreign part when it is read, with a clear error', () => {
    const split = stored();
    const first = split.parts[0]!;
    split.texts.set(first.name, first.text.replace(/ the /, ' a '));
    const corpus = loadCorpus(split.main, { readTextPart: split.readTextPart });
    expect(error(() => corpus.data.passages[0])).toMatchObject({ code: 'invalid_index', message: expect.stringMatching(/text part a\.0 is damaged.*sitrep build/) });
    // another part, well formed, under the name of the first
    const foreign = stored();
    foreign.texts.set('a.0', foreign.texts.get('a.1')!);
    expect(error(() => loadCorpus(foreign.main, { readTextPart: foreign.readTextPart }).data.passages[0])?.message).toMatch(/text part a\.0 is damaged or belongs to another build/);
  });

  it('refuses a main file edited or cut short, and says when the runtime cannot read parts', () => {
    const split = stored();
    const main = split.main as { passageCounts: number[]; articles: unknown[] };
    expect(error(() => loadCorpus({ ...main, passageCounts: main.passageCounts.map((n, i) => (i ? n : n + 1)) }, { readTextPart: split.readTextPart }))?.message).toMatch(/checksum does not match/);
    expect(error(() => loadCorpus({ ...main, articles: main.articles.slice(1) }, { readTextPart: split.readTextPart }))?.message).toMatch(/checksum does not match/);
    expect(error(() => loadCorpus(split.main))).toMatchObject({ code: 'invalid_index', message: expect.stringMatching(/texts in part files, which this runtime cannot read/) });
  });
});

/**
 * The seed index with non-ASCII characters in its texts, each in place of one ASCII character (so lengths and
 * passages stay as they were): apostrophes and quotes made typographic, hyphens between words en dashes.
 */
const accented = {
  ...built,
  texts: built.texts.map((t) => t.replace(/'/g, '\u2019').replace(/ - /g, ' \u2013 ').replace(/"([^"\n]*)"/g, '\u201c$1\u201d')),
};

describe('text parts are ASCII', () => {
  it('writes parts as ASCII, and gives back every text as built, non-ASCII characters included', () => {
    const split = stored('b', accented);
    expect(accented.texts.filter((t) => /[^\x00-\x7f]/.test(t)).length).toBe(built.texts.length);
    for (const part of split.parts) expect(part.text).toMatch(/^[\x00-\x7f]*$/);
    const corpus = loadCorpus(split.main, { readTextPart: split.readTextPart });
    expect([...corpus.data.passages]).toEqual(passagesOf(accented));
    expect(split.reads).toHaveLength(split.parts.length);
    const whole = loadCorpus(JSON.parse(JSON.stringify(accented)));
    for (const q of QUESTIONS) expect(answerQuestion(q, { corpus, clock: fixedClock() })).toEqual(answerQuestion(q, { corpus: whole, clock: fixedClock() }));
  });

  it('refuses a part whose escaped character was written out', () => {
    const split = stored('b', accented);
    const first = split.parts[0]!;
    split.texts.set(first.name, first.text.replace('\\u2019', '\u2019'));
    expect(split.texts.get(first.name)).not.toBe(first.text);
    expect(error(() => loadCorpus(split.main, { readTextPart: split.readTextPart }).data.passages[0])).toMatchObject({ code: 'invalid_index', message: expect.stringMatching(/text part b\.0 is damaged/) });
  });

  it('loads a part written before parts were ASCII', () => {
    const split = stored('b', accented);
    const main = split.main as Parameters<typeof splitChecksum>[0] & { checksum: string };
    // an older build's part: the same texts, non-ASCII characters as they are, its checksum over that text
    const old = split.parts[0]!;
    const raw = JSON.stringify(JSON.parse(old.text));
    expect(raw).not.toBe(old.text);
    split.texts.set(old.name, raw);
    const { checksum: _checksum, ...unsealed } = { ...main, textParts: main.textParts.map((p) => (p.name === old.name ? { ...p, checksum: `fnv1a:${fnv1a(raw)}` } : p)) };
    // the main file's checksum covers its parts' checksums: sealed again, as that build would have written it
    const corpus = loadCorpus({ ...unsealed, checksum: splitChecksum(unsealed) }, { readTextPart: split.readTextPart });
    expect([...corpus.data.passages]).toEqual(passagesOf(accented));
  });
});
