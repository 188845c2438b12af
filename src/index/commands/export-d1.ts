import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { corpusStatements, sqlLine } from '../../core/store/d1-rows.ts';
import type { Clock } from '../../core/schema.ts';
import { readCorpusIndex } from '../fs-corpus.ts';

/** D1 refuses longer statements (Cloudflare's D1 limits): an article that long needs splitting first. */
const MAX_STATEMENT_BYTES = 100_000;

/**
 * `sitrep export-d1 [--out FILE]`: the corpus of a data folder as SQL that replaces a D1 database's corpus
 * (after `wrangler d1 migrations apply`), a statement a line, for `wrangler d1 execute DB --file FILE`.
 */
export async function runExportD1(values: { out?: string | undefined }, dir: string, clock: Clock, notice: (message: string) => void): Promise<number> {
  const file = await readCorpusIndex(dir, clock, { notice });
  const out: Writable = values.out ? createWriteStream(values.out) : process.stdout;
  let statements = 0;
  let longest = 0;
  for (const statement of corpusStatements(file)) {
    const line = `${sqlLine(statement)}\n`;
    longest = Math.max(longest, Buffer.byteLength(line));
    statements++;
    if (!out.write(line)) await once(out, 'drain');
  }
  if (values.out) {
    out.end();
    await once(out, 'finish');
  }
  notice(`${file.articles.length} articles as ${statements} SQL statements${values.out ? ` in ${values.out}` : ''}`);
  if (longest > MAX_STATEMENT_BYTES) notice(`the longest statement is ${longest} bytes, over D1's ${MAX_STATEMENT_BYTES}: D1 will refuse that article`);
  return 0;
}
