// Debug aid: how the engine sees one question over a story folder or the data dir (typed query, hits, answer).
import { readFileSync } from 'node:fs';
import { loadCorpus } from '../src/core/store/corpus-index.ts';
import { answerQuestion } from '../src/core/answer/answer.ts';
import { parseQuery } from '../src/core/query/typed-query.ts';
import { storyCorpus } from '../src/index/commands/evaluate.ts';
import { buildConcepts, searchPassages, withoutForgiven } from '../src/core/store/retrieve.ts';

const [dir, question] = process.argv.slice(2);
const clock = { now: () => new Date(process.env.NOW ?? '2026-12-01') };
// A story folder goes through the same ingest and build as `sitrep eval STORY_DIR`; `data` reads the built index.
const corpus = dir === 'data' || dir!.endsWith('.json') ? loadCorpus(JSON.parse(readFileSync(dir === 'data' ? 'data/index.json' : dir!, 'utf8'))) : await storyCorpus(dir!, clock);
const q = parseQuery(question!);
console.log({ ...q, base: { intent: q.base.intent, kinds: q.base.kinds } });
const concepts = withoutForgiven(corpus, buildConcepts(corpus, q.terms), q.text);
console.log(concepts.map((c) => `${c.term}:${c.known ? c.weight.toFixed(2) : 'UNKNOWN'}`).join(' '));
for (const h of searchPassages(corpus, concepts).slice(0, 8)) console.log(h.score.toFixed(2), h.coverage.toFixed(2), corpus.data.passages[h.p]![2].slice(0, 150), JSON.stringify(corpus.data.annotations[h.p]).slice(0, 200));
console.log('---\n' + answerQuestion(question!, { corpus, clock }).answer);
if (process.env.CANDS) {
  const { numberCandidates, dateCandidates, nameCandidates, rankCandidates } = await import('../src/core/answer/candidates.ts');
  const { CitationBook } = await import('../src/core/answer/citations.ts');
  const hits = searchPassages(corpus, concepts);
  const ctx = { corpus, book: new CitationBook(corpus), concepts, hits, wantsLatest: false, today: '2026-12-01', askedDates: [] };
  const cands = q.answerType === 'date' ? dateCandidates(ctx as never, q, hits) : q.answerType === 'number' ? numberCandidates(ctx as never, q, hits) : nameCandidates(ctx as never, q, hits, (q.answerType === 'role' ? 'person' : q.answerType) as never);
  for (const g of rankCandidates(ctx as never, cands, null).slice(0, 8)) console.log(g[0]!.key, g.map((c) => c.score.toFixed(3)).join(','), g[0]!.published);
}
