import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInferredDate } from '../../src/core/sources/published-check.ts';
import { copyOfData, runCli } from '../helpers/run-cli.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A wire text dated only by a weekday and a day of a month ("Monday (November 23)"), as many agency texts are. */
function weekdayDated(date: Date, topic: string): string {
  const day = `${WEEKDAYS[date.getUTCDay()]} (${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()})`;
  return `${topic} Talks Continue\n\nNegotiators from both countries met again on ${day} at the border checkpoint to discuss ${topic.toLowerCase()} and the withdrawal of heavy weapons, officials said.\n\nThe ${topic.toLowerCase()} talks were chaired by a Qestrian envoy and are expected to resume next week, a spokesman said.\n`;
}

function inputDir(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-in-'));
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

describe('ingest into segments', () => {
  it('adds a segment beside index.json, says a guessed year, and a rerun of the same files completes', () => {
    const data = copyOfData();
    const recent = new Date(Date.now() - 9 * 86_400_000);
    const [path] = inputDir({ 'prisoners.txt': weekdayDated(recent, 'Prisoner Exchange') });
    const first = runCli(['ingest', path!, '--data', data]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`(${recent.toISOString().slice(0, 10)}, year guessed: the text names none`);
    expect(readdirSync(join(data, 'segments'))).toContain('manifest.json');
    const again = runCli(['ingest', path!, '--data', data]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/already ingested .*prisoner-exchange.* \(unchanged, skipped\)/);
    const ask = JSON.parse(runCli(['ask', 'Who chaired the prisoner exchange talks?', '--json', '--data', data]).stdout) as { citations: Array<{ id: string }> };
    expect(ask.citations.map((c) => c.id).join(' ')).toMatch(/prisoner-exchange/);
  });

  it('build folds the segments back into index.json', () => {
    const data = copyOfData();
    const [path] = inputDir({ 'laos.txt': weekdayDated(new Date(Date.now() - 3 * 86_400_000), 'Border Monitor') });
    expect(runCli(['ingest', path!, '--data', data]).code).toBe(0);
    const build = runCli(['build', '--data', data]);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toMatch(/index built: 6 articles/);
    expect(readdirSync(join(data, 'segments'))).toEqual(['manifest.json']);
    expect(JSON.parse(readFileSync(join(data, 'index.json'), 'utf8')).articles).toHaveLength(6);
  });

  it('ask notices an article file that no index holds, and answers with it', () => {
    const data = copyOfData();
    writeFileSync(join(data, 'articles', 'by-hand.md'), '---\nid: "by-hand"\ntitle: "Monitors Reach Preah Vihear"\nsource: null\nurl: null\npublished: "2025-12-26"\n---\n\nThirty ASEAN monitors reached the Preah Vihear temple area on Friday to observe the truce.\n');
    const ask = runCli(['ask', 'Preah Vihear monitors', '--json', '--data', data]);
    expect(ask.stderr).toMatch(/1 article is not in the index \(by-hand\).*sitrep build/);
    expect((JSON.parse(ask.stdout) as { citations: Array<{ id: string }> }).citations[0]?.id).toBe('by-hand');
  });

  it('prints progress lines when piped, for a large batch', () => {
    const data = copyOfData();
    const start = Date.now() - 40 * 86_400_000;
    const files = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`n${i}.txt`, weekdayDated(new Date(start + i * 86_400_000), `Topic ${String.fromCharCode(65 + i)}${i}`)]));
    const result = runCli(['ingest', ...inputDir(files), '--data', data]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^sitrep ingest: checking 3\/24$/m);
    expect(result.stderr).toMatch(/^sitrep ingest: writing 24\/24$/m);
    expect(existsSync(join(data, 'journal.json'))).toBe(false);
  });
});

describe('checkInferredDate', () => {
  const text = (d: string) => `Talks Resume\n\nNegotiators met on ${d} at the checkpoint to discuss the ceasefire and the return of displaced families, officials said.\n`;

  it('reports a year it guessed and accepts it within a year of today', () => {
    expect(checkInferredDate(text('Monday (December 22)'), 'a.txt', {}, '2026-03-01')).toEqual({ published: '2025-12-22', yearGuessed: true });
  });

  it('refuses a guess more than a year from today unless --published is given', () => {
    // 22 December fell on a Monday in 2025 and, before that, in 2014: from 2027-06-01 the only fit is 18 months back.
    expect(() => checkInferredDate(text('Monday (December 22)'), 'a.txt', {}, '2027-06-01')).toThrow(/a\.txt: the text names no year.*2025-12-22.*--published/);
    expect(checkInferredDate(text('Monday (December 22)'), 'a.txt', { published: '2025-12-22' }, '2027-06-01')).toBeNull();
  });

  it('does not call a written year a guess', () => {
    expect(checkInferredDate('Talks Resume\n\nBANGKOK, March 3, 2025 - Talks on the border resumed today between the two armies, officials said.\n', 'b.txt', {}, '2027-06-01'))
      .toEqual({ published: '2025-03-03', yearGuessed: false });
  });
});
