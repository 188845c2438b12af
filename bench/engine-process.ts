/**
 * One engine of `npm run bench` in a process of its own (run-corpus.ts forks it): generates the run's corpus from the
 * same seed, builds, stores and loads the engine's index, then times each question the parent sends.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readArticles } from '../src/index/fs-corpus.ts';
import { generateNewsCorpus } from './news-corpus.ts';
import { engineSide, type EngineReply, type EngineRequest, type EngineSide } from './run-corpus.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const send = (reply: EngineReply) => process.send!(reply);
let side: EngineSide | null = null;

process.on('message', async (request: EngineRequest) => {
  if (request.type === 'setup') {
    const seeds = await readArticles(join(ROOT, 'data'));
    const log = (line: string) => send({ type: 'log', line });
    const clock = { now: () => new Date(request.now) };
    side = engineSide(request.engine, generateNewsCorpus(request.seed, request.articles, seeds, join(ROOT, '..', 'shared', 'eval', 'stories')), { loadRuns: request.loadRuns, dataDir: request.dataDir, clock, log });
    send({ type: 'ready', result: side.result, composition: side.composition, counts: side.counts });
  } else {
    send({ type: 'asked', timing: side!.ask(request.question) });
  }
});
