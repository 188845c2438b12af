// `sitrep export-d1`: the corpus as SQL for D1, through the real bin (the Worker tests load the same statements into D1).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { ROOT } from '../helpers/seed-corpus.ts';

describe('sitrep export-d1', () => {
  it('prints SQL that replaces a database\'s corpus: a statement a line, every article once, every passage searchable', () => {
    const index = JSON.parse(readFileSync(join(ROOT, 'data/index.json'), 'utf8')) as { articles: Array<{ id: string }>; texts: string[] };
    const { code, stdout, stderr } = runCli(['export-d1']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.every((line) => line.endsWith(';'))).toBe(true);
    expect(lines.slice(0, 5).join(' ')).toContain("INSERT INTO passage_fts (passage_fts) VALUES ('delete-all')");
    const articleLines = lines.filter((line) => line.startsWith('INSERT INTO articles'));
    expect(articleLines.length).toBe(index.articles.length);
    for (const { id } of index.articles) expect(articleLines.filter((line) => line.includes(`, '${id}', `)).length, id).toBe(1);
    const passages = index.texts.join('\n').split('\n').filter((line) => line !== '').length;
    expect(lines.filter((line) => line.startsWith('INSERT INTO passage_fts (rowid')).length).toBe(passages);
    expect(stderr).toContain(`${index.articles.length} articles as ${lines.length} SQL statements`);
  });
});
