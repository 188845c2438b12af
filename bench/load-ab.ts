// Load of one index stored three ways, alternated in one process (so machine load hits all alike): one file (format
// 4: JSON.parse + loadCorpus), texts in parts (format 5: index.json without texts), and texts in parts with the
// postings, term lists and annotations in a binary search part (format 6, what `sitrep build` writes for a large
// index: index.json, then the search part read and checked by loadCorpus). Text parts are left unread.
// Usage: node --import tsx bench/load-ab.ts [--articles 1000] [--runs 10] [--index FILE (a built index, to skip the build)]
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildIndex } from '../src/core/store/build-index-node.ts';
import { loadCorpus, type IndexFile } from '../src/core/store/corpus-index.ts';
import { splitIndexFile } from '../src/core/store/index-split.ts';
import { partStamp, textPartReader, writeIndex } from '../src/index/fs-index-file.ts';
import { readArticles } from '../src/index/fs-corpus.ts';
import { median, settledHeap } from './measure.ts';
import { generateNewsCorpus } from './news-corpus.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { articles: { type: 'string' }, runs: { type: 'string' }, index: { type: 'string' } } });
const n = Number(values.articles ?? 1000);
const runs = Number(values.runs ?? 10);
const built: IndexFile = values.index
  ? (JSON.parse(readFileSync(values.index, 'utf8')) as IndexFile)
  : buildIndex(generateNewsCorpus(20251224, n, await readArticles(join(ROOT, 'data')), join(ROOT, '..', 'shared', 'eval', 'stories')), new Date('2026-01-01T00:00:00Z'));
const folder = (name: string) => mkdtempSync(join(tmpdir(), `sitrep-ab-${name}-`));
const oneFile = folder('one');
const split = folder('split');
const search = folder('search');
const layout = { partChars: 1_000_000 };
await writeIndex(oneFile, built, partStamp(built.builtAt), { ...layout, splitAboveChars: Infinity });
await writeIndex(search, built, partStamp(built.builtAt), { ...layout, splitAboveChars: 0 });
{
  // format 5 as the builds before format 6 wrote it
  const { main, parts } = splitIndexFile(built, (k) => `old.${k}`, { ...layout, splitAboveChars: 0 });
  mkdirSync(join(split, 'index-texts'));
  for (const part of parts) writeFileSync(join(split, 'index-texts', `${part.name}.json`), part.text);
  writeFileSync(join(split, 'index.json'), JSON.stringify(main));
}
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const load = (dir: string) => loadCorpus(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as unknown, { readTextPart: textPartReader(dir) });
const layouts = [['oneFile', oneFile], ['split', split], ['searchPart', search]] as const;
const times: Record<string, { cpu: number[]; wall: number[] }> = Object.fromEntries(layouts.map(([name]) => [name, { cpu: [], wall: [] }]));
let keep: unknown = null;
for (let r = 0; r < runs; r++) {
  // each run starts with a different layout
  for (const [name, dir] of [...layouts.slice(r % 3), ...layouts.slice(0, r % 3)]) {
    keep = null;
    settledHeap();
    const start = cpu();
    const wall = performance.now();
    keep = load(dir);
    times[name]!.cpu.push(cpu() - start);
    times[name]!.wall.push(performance.now() - wall);
  }
}
void keep;
const row = (name: string) => `${name} ${median(times[name]!.cpu).toFixed(0)} ms (wall ${median(times[name]!.wall).toFixed(0)} ms)`;
process.stdout.write(`${built.articles.length} articles, ${runs} runs each, load CPU median: ${layouts.map(([name]) => row(name)).join(', ')}\n${JSON.stringify(times)}\n`);
