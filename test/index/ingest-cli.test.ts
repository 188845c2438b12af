import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOfData, fingerprintDir, runCli } from '../helpers/run-cli.ts';

const NEW_ARTICLE = `Reuters

Laos Offers to Host Border Monitors

VIENTIANE - Laos offered on Tuesday to host a team of 40 ASEAN border monitors to observe the ceasefire between Thailand and Cambodia, its foreign ministry said.

The monitors would report weekly to the ASEAN secretariat in Jakarta, the ministry said.
`;

function file(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-in-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('sitrep ingest', () => {
  it('makes a new .txt article answerable in the next ask', () => {
    const data = copyOfData();
    const ingest = runCli(['ingest', file('laos.txt', NEW_ARTICLE), '--data', data, '--published', '2025-12-30', '--source', 'Reuters']);
    expect(ingest.stderr).toBe('');
    expect(ingest.code).toBe(0);
    const stored = readFileSync(join(data, 'articles', '2025-12-30-laos-offers-host-border-monitors.md'), 'utf8');
    expect(stored).toContain('title: "Laos Offers to Host Border Monitors"');
    expect(stored).not.toMatch(/^Reuters$/m);
    const ask = runCli(['ask', 'How many border monitors did Laos offer to host?', '--json', '--data', data]);
    const answer = JSON.parse(ask.stdout);
    expect(answer.answered).toBe(true);
    expect(answer.answer).toContain('40');
    expect(answer.citations[0].id).toBe('2025-12-30-laos-offers-host-border-monitors');
  });

  it('reads front matter from a .md file, with flags winning', () => {
    const data = copyOfData();
    const md = `---\ntitle: "Monitors Arrive"\npublished: 2025-12-31\nsource: "AFP"\n---\nThe first 12 ASEAN monitors arrived at the border on Wednesday to watch the truce between the two armies.\n`;
    expect(runCli(['ingest', file('m.md', md), '--data', data, '--id', 'monitors-arrive']).code).toBe(0);
    const stored = readFileSync(join(data, 'articles', 'monitors-arrive.md'), 'utf8');
    expect(stored).toContain('source: "AFP"');
    expect(stored).toContain('published: "2025-12-31"');
  });

  const badInputs: Array<[string, () => string[], RegExp]> = [
    ['an empty file', () => [file('empty.txt', '')], /empty/],
    ['a binary file', () => [file('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]))], /binary/],
    ['invalid UTF-8', () => [file('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe]))], /UTF-8/],
    ['a huge file', () => [file('huge.txt', 'word '.repeat(200_000))], /limit is/],
    ['an invalid date', () => [file('a.txt', NEW_ARTICLE), '--published', '2025-02-30'], /calendar date|YYYY-MM-DD/],
    ['a badly formed date', () => [file('a.txt', NEW_ARTICLE), '--published', '30/12/2025'], /YYYY-MM-DD/],
    ['a duplicate id', () => [file('a.txt', NEW_ARTICLE), '--published', '2025-12-30', '--id', '2025-12-23-agree-to-meet-again'], /already exists/],
    ['the same text ingested twice', () => [file('again.txt', readFileSync(join(copyOfData(), 'articles', '2025-12-22-officials-to-discuss-reviving-ceasefire.md'), 'utf8').split('---').pop()!), '--published', '2025-12-29'], /same text/],
    ['a text with no date', () => [file('undated.txt', NEW_ARTICLE)], /--published/],
    ['one bad file among good ones', () => [file('good.txt', NEW_ARTICLE), file('empty.txt', ''), '--published', '2025-12-30'], /empty/],
    ['a missing file', () => ['/nonexistent/story.txt', '--published', '2025-12-30'], /cannot read/],
  ];

  it.each(badInputs)('refuses %s with exit 1, names the file, and leaves data/ byte-identical', (_label, args, message) => {
    const data = copyOfData();
    const before = fingerprintDir(data);
    const argv = args();
    const result = runCli(['ingest', ...argv, '--data', data]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    const named = argv.find((a) => a.endsWith('.txt') && !a.includes('good'));
    if (named) expect(result.stderr).toContain(named);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(fingerprintDir(data)).toBe(before);
  });
});
