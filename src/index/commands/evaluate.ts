import { readFile } from 'node:fs/promises';
import { answerQuestion } from '../../core/answer/answer.ts';
import { SitrepError } from '../../core/ingest/article-file.ts';
import type { Corpus } from '../../core/store/corpus-index.ts';
import { checkAnswer, EvalFileSchema } from '../../core/evaluate.ts';
import type { Clock } from '../../core/schema.ts';

/** `sitrep eval FILE`: a line per failure, then `N passed, M failed`; exit 1 when any failed. */
export async function runEval(file: string | undefined, corpus: Corpus, clock: Clock): Promise<number> {
  if (!file) throw new SitrepError('usage', 'eval needs a question file: sitrep eval ../shared/eval/dev.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new SitrepError('bad_eval_file', `${file}: ${(error as Error).message}`);
  }
  const parsed = EvalFileSchema.safeParse(json);
  if (!parsed.success) throw new SitrepError('bad_eval_file', `${file}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  let passed = 0;
  let failed = 0;
  for (const question of parsed.data.questions) {
    let result: unknown;
    try {
      result = answerQuestion(question.question, { corpus, clock });
    } catch (error) {
      result = { error: (error as Error).message };
    }
    const failures = checkAnswer(question, result);
    if (failures.length) {
      failed++;
      process.stdout.write(`FAIL ${question.id}: ${failures.join('; ')}\n`);
    } else passed++;
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}
