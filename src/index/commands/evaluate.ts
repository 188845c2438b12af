import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { answerQuestion } from '../../core/answer/answer.ts';
import { SitrepError } from '../../core/ingest/article-file.ts';
import { prepareArticle } from '../../core/ingest/ingest.ts';
import { checkAnswer, EvalFileSchema, type EvalFile } from '../../core/evaluate.ts';
import { parseQuery } from '../../core/query/typed-query.ts';
import type { Article, Clock } from '../../core/schema.ts';
import { indexBuilder } from '../fs-corpus.ts';
import { loadCorpus, type Corpus } from '../../core/store/corpus-index.ts';

const ManifestSchema = z.object({
  articles: z.array(z.object({
    file: z.string(), id: z.string(), title: z.string(), source: z.string().nullable().optional(),
    url: z.string().nullable().optional(), published: z.string(),
  })),
});

interface Tally {
  passed: number;
  failed: number;
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SitrepError('bad_eval_file', `${path}: ${(error as Error).message}`);
  }
}

function parseEvalFile(path: string, json: unknown): EvalFile {
  const parsed = EvalFileSchema.safeParse(json);
  if (!parsed.success) throw new SitrepError('bad_eval_file', `${path}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/**
 * A story folder (`manifest.json`, `articles/`, `questions.json`): its articles go through the same ingest and
 * index build as `sitrep ingest`, into a corpus of their own that only this story's questions are asked over.
 */
export async function storyCorpus(dir: string, clock: Clock): Promise<Corpus> {
  const manifest = ManifestSchema.safeParse(await readJson(join(dir, 'manifest.json')));
  if (!manifest.success) throw new SitrepError('bad_eval_file', `${dir}/manifest.json: ${manifest.error.issues[0]?.path.join('.')} ${manifest.error.issues[0]?.message}`);
  const today = clock.now().toISOString().slice(0, 10);
  const articles: Article[] = [];
  for (const entry of manifest.data.articles) {
    const text = await readFile(join(dir, 'articles', entry.file), 'utf8');
    articles.push(prepareArticle(text, entry.file, {
      id: entry.id, title: entry.title, source: entry.source ?? null, url: entry.url ?? null, published: entry.published,
    }, articles, today));
  }
  return loadCorpus(JSON.parse(JSON.stringify((await indexBuilder())(articles, clock.now()))));
}

function add(map: Map<string, Tally>, key: string, pass: boolean): void {
  const tally = map.get(key) ?? { passed: 0, failed: 0 };
  if (pass) tally.passed++;
  else tally.failed++;
  map.set(key, tally);
}

function table(title: string, rows: Map<string, Tally>): string {
  const width = Math.max(title.length, ...[...rows.keys()].map((k) => k.length));
  const lines = [`${title.padEnd(width)}  passed  failed`];
  for (const [key, t] of [...rows].sort(([a], [b]) => a.localeCompare(b))) lines.push(`${key.padEnd(width)}  ${String(t.passed).padStart(6)}  ${String(t.failed).padStart(6)}`);
  return lines.join('\n');
}

/**
 * `sitrep eval FILE|STORY_DIR...`: a line per failure; with more than one set, a table per set and per kind of
 * question (the answer type the engine reads in it); last line `N passed, M failed`; exit 1 when any failed.
 * A question file is asked over the corpus in --data; a story folder over its own articles. A set named by
 * --hold-back (a story folder's name) counts in the totals and the per-set table only: no failure lines, no kinds.
 */
export async function runEval(paths: string[], dataCorpus: () => Promise<Corpus>, clock: Clock, holdBack: string[] = []): Promise<number> {
  if (!paths.length) throw new SitrepError('usage', 'eval needs a question file or a story folder: sitrep eval ../shared/eval/dev.json');
  const bySet = new Map<string, Tally>();
  const byKind = new Map<string, Tally>();
  let passed = 0;
  let failed = 0;
  for (const path of paths) {
    const isDir = await stat(path).then((s) => s.isDirectory(), () => false);
    const file = parseEvalFile(path, await readJson(isDir ? join(path, 'questions.json') : path));
    const corpus = isDir ? await storyCorpus(path, clock) : await dataCorpus();
    const name = path.replace(/\/+$/, '').split('/').at(-1)!;
    for (const question of file.questions) {
      let result: unknown;
      try {
        result = answerQuestion(question.question, { corpus, clock });
      } catch (error) {
        result = { error: (error as Error).message };
      }
      const failures = checkAnswer(question, result);
      const kind = question.expect.answered === false ? 'not covered' : parseQuery(question.question).answerType;
      // A held-back set is scored but never shown question by question, so its failures cannot steer the work.
      const heldBack = holdBack.includes(name);
      add(bySet, name, !failures.length);
      if (!heldBack) add(byKind, kind, !failures.length);
      if (failures.length) {
        failed++;
        if (!heldBack) process.stdout.write(`FAIL ${question.id}: ${failures.join('; ')}\n`);
      } else passed++;
    }
  }
  if (paths.length > 1) process.stdout.write(`\n${table('set', bySet)}\n\n${table('kind of question', byKind)}\n\n`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}
