// Load of one index stored both ways, alternated in one process (so machine load hits both alike): one file
// (JSON.parse + loadCorpus) against the split layout (index.json without texts + loadCorpus, parts unread).
// Usage: node --import tsx bench/load-ab.ts [--articles 1000] [--runs 10]
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildIndex } from '../src/core/store/build-index-node.ts';
import { loadCorpus } from '../src/core/store/corpus-index.ts';
import { partStamp, textPartReader, writeIndex } from '../src/index/fs-index-file.ts';
import { readArticles } from '../src/index/fs-corpus.ts';
import { median, settledHeap } from './measure.ts';
import { generateNewsCorpus } from './news-corpus.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { articles: { type: 'string' }, runs: { type: 'string' } } });
const n = Number(values.articles ?? 1000);
const runs = Number(values.runs ?? 10);
const articles = generateNewsCorpus(20251224, n, await readArticles(join(ROOT, 'data')), join(ROOT, '..', 'shared', 'eval', 'stories'));
const built = buildIndex(articles, new Date('2026-01-01T00:00:00Z'));
const oneFile = mkdtempSync(join(tmpdir(), 'sitrep-ab-one-'));
const split = mkdtempSync(join(tmpdir(), 'sitrep-ab-split-'));
await writeIndex(oneFile, built, partStamp(built.builtAt), { splitAboveChars: Infinity, partChars: 1_000_000 });
await writeIndex(split, built, partStamp(built.builtAt), { splitAboveChars: 0, partChars: 1_000_000 });
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const load = (dir: string) => loadCorpus(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as unknown, { readTextPart: textPartReader(dir) });
const times: Record<string, number[]> = { oneFile: [], split: [] };
let keep: unknown = null;
for (let r = 0; r < runs; r++) {
  for (const [name, dir] of r % 2 ? [['split', split], ['oneFile', oneFile]] as const : [['oneFile', oneFile], ['split', split]] as const) {
    keep = null;
    settledHeap();
    const start = cpu();
    keep = load(dir);
    times[name]!.push(cpu() - start);
  }
}
void keep;
process.stdout.write(`${n} articles, ${runs} runs each: load CPU median one file ${median(times.oneFile!).toFixed(0)} ms, split ${median(times.split!).toFixed(0)} ms (${JSON.stringify(times)})\n`);
