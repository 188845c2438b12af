import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { loadCorpus } from '../../../src/core/store/corpus-index.ts';
import { passagesOf } from '../../../src/core/store/passages.ts';
import { decodeAnnotation } from '../../../src/core/store/annotations.ts';
import { buildIndex } from '../../../src/core/store/build-index-node.ts';
import { parseArticle, serializeArticle } from '../../../src/core/ingest/article-file.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { fixedClock, ROOT } from '../../helpers/seed-corpus.ts';

const articles = readdirSync(`${ROOT}data/articles`).map((name) => parseArticle(readFileSync(`${ROOT}data/articles/${name}`, 'utf8'), name));
const QUESTIONS = ['latest casualty figures', 'who is Tea Seiha', 'where are the talks held', 'what did China do', 'title:x ~2 ^ -'];

describe('the passage index', () => {
  it('round-trips: build, serialise, load, same answers', () => {
    const built = buildIndex(articles, new Date('2026-01-01T00:00:00Z'));
    const direct = loadCorpus(built);
    const reloaded = loadCorpus(JSON.parse(JSON.stringify(built)));
    for (const q of QUESTIONS) {
      expect(answerQuestion(q, { corpus: reloaded, clock: fixedClock() })).toEqual(answerQuestion(q, { corpus: direct, clock: fixedClock() }));
    }
  });

  it('is built identically from the same articles (deterministic)', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(JSON.stringify(buildIndex([...articles].reverse(), at))).toBe(JSON.stringify(buildIndex(articles, at)));
  });

  it('carries figures, people and dated events so loading needs no article text', () => {
    const built = buildIndex(articles, new Date('2026-01-01T00:00:00Z'));
    expect(built.figures.some((f) => f.kind === 'killed' && f.value === 80)).toBe(true);
    expect(built.people.find((p) => p.name === 'Tea Seiha')?.roles[0]?.role).toContain('Defense Minister');
    expect(built.events.some((e) => e.date === '2025-12-27' && e.future)).toBe(true);
    expect(built.articles[0]!.published >= built.articles.at(-1)!.published).toBe(true);
  });

  it('lays out passages and decodes annotations only when read, equal to laying them all out at once', () => {
    const built = buildIndex(articles, new Date('2026-01-01T00:00:00Z'));
    const corpus = loadCorpus(JSON.parse(JSON.stringify(built)));
    const eager = passagesOf(built);
    expect(corpus.data.passages).toHaveLength(eager.length);
    expect(corpus.data.passages[eager.length - 1]).toEqual(eager.at(-1));
    const visited: number[] = [];
    corpus.data.passages.forEach((_, p) => visited.push(p));
    expect(visited).toHaveLength(eager.length);
    expect([...corpus.data.passages]).toEqual(eager);
    expect(corpus.data.passages.some(([, , text]) => text === eager[7]![2])).toBe(true);
    expect(corpus.articlePassages.flat()).toEqual(eager.map((_, p) => p));
    expect([...corpus.data.annotations]).toEqual(built.annotations.map(decodeAnnotation));
    expect(corpus.data.passages[eager.length]).toBeUndefined();
  });

  it('refuses a file that is not a sitrep index', () => {
    expect(() => loadCorpus({ hello: 'world' })).toThrow(/not a sitrep index/);
  });

  it('trusts a file by its format and checksum, and refuses one cut short, edited or of another format', () => {
    const built = JSON.parse(JSON.stringify(buildIndex(articles, new Date('2026-01-01T00:00:00Z'))));
    expect(loadCorpus(built).data.passages.length).toBeGreaterThan(50);
    const error = (file: unknown) => { try { loadCorpus(file); return null; } catch (e) { return e as { code?: string; message: string }; } };
    const cut = { ...built, texts: built.texts.slice(1), articles: built.articles.slice(1) };
    expect(error(cut)).toMatchObject({ code: 'invalid_index', message: expect.stringMatching(/checksum does not match/) });
    const edited = { ...built, texts: built.texts.map((t: string, i: number) => (i === 0 ? `${t} More.` : t)) };
    expect(error(edited)?.message).toMatch(/checksum does not match/);
    expect(error({ ...built, format: 3 })?.message).toMatch(/not a sitrep index \(format/);
    expect(error({ ...built, lunr: { ...built.lunr, docs: built.lunr.docs.join(';') } })?.message).toMatch(/not a sitrep index \(lunr\.docs/);
  });

  it('round-trips articles through their Markdown files', () => {
    for (const article of articles) expect(parseArticle(serializeArticle(article), article.id)).toEqual(article);
  });
});
