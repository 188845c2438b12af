// Global setup of the 'workers' test project. It runs on Node, before the Worker tests, and answers the dev
// questions with the Node runtime so the tests inside workerd can check that the Worker gives the same answers.
import { existsSync, readFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { answerQuestion } from '../../src/core/answer/answer.ts';
import { EvalFileSchema } from '../../src/core/evaluate.ts';
import { WORKER_TEST_BINDINGS } from './worker-bindings.ts';
import { SHARED, seedCorpus } from './seed-corpus.ts';

export default function setup(project: TestProject): void {
  const file = `${SHARED}/eval/dev.json`;
  if (!existsSync(file)) throw new Error(`${file} is missing: the Worker tests compare answers to the dev questions in ../shared/eval`);
  const { questions } = EvalFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const corpus = seedCorpus();
  const clock = { now: () => new Date() };
  project.provide('nodeAnswers', questions.map(({ id, question }) => ({
    id, question, answer: JSON.parse(JSON.stringify(answerQuestion(question, { corpus, clock }))) as unknown,
  })));
  project.provide('nodeIndex', { articles: corpus.data.articles.length, builtAt: corpus.data.builtAt });
  project.provide('workerBindings', WORKER_TEST_BINDINGS);
}
