import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { prepareArticle } from '../src/core/ingest/ingest.ts';
import { loadCorpus } from '../src/core/store/corpus-index.ts';
import { buildIndex } from '../src/core/store/build-index-node.ts';
import { answerQuestion } from '../src/core/answer/answer.ts';
import { normalizeForMatch } from '../src/core/evaluate.ts';
import type { Article } from '../src/core/schema.ts';

const root = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? '../shared/eval/stories';
const verbose = process.argv.includes('-v');
let total = 0, pass = 0;
const held = process.env.HELD ?? 'hurricane-melissa-2025';
for (const story of readdirSync(root).filter((d) => !d.endsWith('.md'))) {
  const quiet = story === held && !process.argv.includes('--held');
  const dir = join(root, story);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const arts: Article[] = [];
  for (const a of manifest.articles) {
    const text = readFileSync(join(dir, 'articles', a.file), 'utf8');
    arts.push(prepareArticle(text, a.file, { id: a.id, title: a.title, source: a.source, url: a.url, published: a.published }, arts, '2026-12-01'));
  }
  const corpus = loadCorpus(JSON.parse(JSON.stringify(buildIndex(arts, new Date()))));
  const qs = JSON.parse(readFileSync(join(dir, 'questions.json'), 'utf8')).questions;
  let sp = 0;
  for (const q of qs) {
    const r = answerQuestion(q.question, { corpus, clock: { now: () => new Date('2026-12-01') } });
    const first = normalizeForMatch(r.answer.split('\n')[0] ?? '');
    const all = normalizeForMatch(r.answer);
    const e = q.expect; const fails: string[] = [];
    if ((e.answered ?? true) !== r.answered) fails.push('answered');
    for (const f of e.first ?? []) { const o = Array.isArray(f) ? f : [f]; if (!o.some((x: string) => first.includes(normalizeForMatch(x)))) fails.push('first:' + o.join('|')); }
    for (const f of e.all ?? []) { const o = Array.isArray(f) ? f : [f]; if (!o.some((x: string) => all.includes(normalizeForMatch(x)))) fails.push('all:' + o.join('|')); }
    for (const f of e.forbid ?? []) if (all.includes(normalizeForMatch(f))) fails.push('forbid:' + f);
    if (e.cite?.length && !e.cite.some((id: string) => r.citations.some((c: { id: string }) => c.id === id))) fails.push('cite');
    total++; if (!fails.length) { pass++; sp++; } else if (verbose && !quiet) console.log(`FAIL ${q.id} | ${q.question}\n   ${fails.join('; ')}\n   > ${r.answer.split('\n')[0]}`);
  }
  console.log(`${story}: ${sp}/${qs.length}`);
}
console.log(`${pass} passed, ${total - pass} failed`);
