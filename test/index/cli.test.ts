import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { AnswerSchema } from '../../src/core/schema.ts';
import { SHARED } from '../helpers/seed-corpus.ts';

describe('sitrep ask', () => {
  it('prints a cited answer with its as-of date for a terminal', () => {
    const result = runCli(['ask', 'latest casualty figures']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/at least 80/);
    expect(result.stdout).toMatch(/\[1\] Thailand and Cambodia Resume Ceasefire Talks/);
    expect(result.stdout).toContain('As of 2025-12-24.');
    expect(result.stdout).not.toContain('\x1b[');
  });

  it('answers one question a line with --jsonl, in order, and survives bad lines', () => {
    const input = ['who is Tea Seiha', '{"question": "how many injured"}', '{"nope": 1}', '{broken json', 'title:x ~2 ^ -'].join('\n');
    const result = runCli(['ask', '--jsonl'], input);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(AnswerSchema.safeParse(line).success).toBe(true);
    expect(lines[0].answer).toMatch(/Tea Seiha/);
    expect(lines[1].answer).toContain('79');
    expect(lines[2]).toMatchObject({ answered: false, error: expect.stringMatching(/bad line/) });
    expect(lines[3]).toMatchObject({ answered: false, error: expect.stringMatching(/bad line/) });
    expect(lines[4].error).toBeUndefined();
  });

  it('scores the development questions with eval', () => {
    const result = runCli(['eval', `${SHARED}/eval/dev.json`]);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('20 passed, 0 failed');
    expect(result.code).toBe(0);
  });

  it('explains usage for an unknown command and a missing question', () => {
    expect(runCli(['frobnicate']).code).toBe(2);
    const missing = runCli(['ask']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/needs a question/);
  });
});
