import { join } from 'node:path';
import { answerQuestion } from '../src/core/answer/answer.ts';
import { loadCorpus, type Corpus } from '../src/core/store/corpus-index.ts';
import { buildIndex } from '../src/core/store/build-index-node.ts';
import type { Article, Clock } from '../src/core/schema.ts';
import { profilePhase, type ProfileSummary } from './profile.ts';

export interface ProfileOptions {
  questions: string[];
  clock: Clock;
  outDir: string;
  log: (line: string) => void;
}

/** CPU profiles of build, load (JSON.parse + loadCorpus) and two answer rounds after a warm-up round. */
export async function profileCorpus(articles: Article[], options: ProfileOptions): Promise<ProfileSummary[]> {
  const { questions, clock, outDir, log } = options;
  let data: ReturnType<typeof buildIndex> | null = null;
  const build = await profilePhase('build (buildIndex)', join(outDir, 'build.cpuprofile'), () => {
    data = buildIndex(articles, clock.now());
  });
  const json = JSON.stringify(data);
  data = null;
  log('  profiled build');
  let corpus: Corpus | null = null;
  const load = await profilePhase('load (JSON.parse + loadCorpus)', join(outDir, 'load.cpuprofile'), () => {
    corpus = loadCorpus(JSON.parse(json) as unknown);
  });
  log('  profiled load');
  const ask = (q: string) => answerQuestion(q, { corpus: corpus!, clock });
  for (const q of questions) ask(q);
  const answer = await profilePhase(`answers (${questions.length} questions x 2 rounds, warm)`, join(outDir, 'answer.cpuprofile'), () => {
    for (let r = 0; r < 2; r++) for (const q of questions) ask(q);
  });
  log('  profiled answers');
  return [build, load, answer];
}
