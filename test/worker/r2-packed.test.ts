// The Worker's corpus of the bundled index merged with R2's segments (real miniflare R2), held packed (texts,
// annotations, postings and term lists as UTF-8 bytes, made strings when read, the segments not kept): it answers
// the dev questions as the same merge held as plain strings does, over HTTP and through LiveCorpus.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../../src/adapters/logger.ts';
import bundledIndex from '../../data/index.json';
import { answerQuestion } from '../../src/core/answer/answer.ts';
import type { Article } from '../../src/core/schema.ts';
import { loadCorpus, type Corpus, type IndexFile } from '../../src/core/store/corpus-index.ts';
import { mergeIndexFiles } from '../../src/core/store/segments.ts';
import { R2Corpus, type BlobBucket } from '../../src/index/r2-corpus.ts';
import { LiveCorpus } from '../../src/index/worker-live.ts';

const { SITREP_API_TOKEN } = inject('workerBindings');
const base = () => JSON.parse(bundledIndex as unknown as string) as IndexFile;
const clock = { now: () => new Date() };
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** The bundled articles again, a year earlier under other ids: segments of real news text beside the bundled index. */
function earlierCopies(file: IndexFile): Article[] {
  return file.articles.map((meta, a) => {
    const chunks = file.texts[a]!.split('\n\n').map((chunk) => chunk.split('\n').join(' '));
    const paragraphs = meta.standfirst ? chunks.slice(1) : chunks;
    const published = `${Number(meta.published.slice(0, 4)) - 1}${meta.published.slice(4)}`;
    // one paragraph beyond ASCII, so the packed texts are decoded as UTF-8 (the seed articles are ASCII)
    const extra = a === 0 ? ['The governor’s office said “talks” would resume in São Tomé — a week later than planned.'] : [];
    return { ...meta, id: `${meta.id}-earlier`, published, paragraphs: [...paragraphs, ...extra] };
  });
}

let bucket: BlobBucket;
let unpacked: Corpus;

beforeAll(async () => {
  bucket = (env as { SITREP_BUCKET: BlobBucket }).SITREP_BUCKET;
  const r2 = new R2Corpus(bucket, base().builtAt, () => new Date());
  const committed = await r2.add(await r2.readManifest(), earlierCopies(base()), null);
  expect(committed.segments.length).toBeGreaterThan(1);
  unpacked = loadCorpus(mergeIndexFiles([base(), ...await r2.segments(committed)]));
});

describe('the Worker over R2 segments, held packed', () => {
  it('answers the dev questions over HTTP as the same merge unpacked', async () => {
    const questions = inject('nodeAnswers').map((a) => a.question);
    expect(questions.length).toBeGreaterThan(0);
    const health = (await (await SELF.fetch('https://sitrep.test/healthz')).json()) as { articles: number };
    expect(health.articles).toBe(unpacked.data.articles.length);
    for (const [i, question] of questions.entries()) {
      const res = await SELF.fetch(`https://sitrep.test/v1/ask?q=${encodeURIComponent(question)}`, { headers: { Authorization: `Bearer ${SITREP_API_TOKEN}`, 'CF-Connecting-IP': `198.51.100.${i % 200}` } });
      expect(res.status, question).toBe(200);
      expect(await res.json(), question).toEqual(plain(answerQuestion(question, { corpus: unpacked, clock })));
    }
  });

  it('gives LiveCorpus the same texts, lists and answers as the unpacked merge', async () => {
    const packed = await new LiveCorpus(base, new R2Corpus(bucket, base().builtAt, () => new Date()), silentLogger).get();
    expect(packed.data.passages.length).toBe(unpacked.data.passages.length);
    for (let p = 0; p < unpacked.data.passages.length; p += 7) {
      expect(packed.data.passages[p], `passage ${p}`).toEqual(unpacked.data.passages[p]);
      expect(packed.docs[p]).toBe(unpacked.docs[p]);
      expect(packed.data.annotations[p]).toEqual(unpacked.data.annotations[p]);
    }
    expect([...packed.data.lunr.postings]).toEqual(unpacked.data.lunr.postings);
    expect(packed.data.texts.some((text) => text.includes('“talks”'))).toBe(true);
    expect([...packed.data.texts]).toEqual(unpacked.data.texts);
    for (const question of inject('nodeAnswers').map((a) => a.question)) {
      expect(plain(answerQuestion(question, { corpus: packed, clock })), question).toEqual(plain(answerQuestion(question, { corpus: unpacked, clock })));
    }
  });
});
