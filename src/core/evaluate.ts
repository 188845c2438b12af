import { z } from 'zod';
import { AnswerSchema, type Answer } from './schema.ts';

const Expect = z.object({
  answered: z.boolean().optional(),
  first: z.array(z.union([z.string(), z.array(z.string())])).optional(),
  all: z.array(z.union([z.string(), z.array(z.string())])).optional(),
  cite: z.array(z.string()).optional(),
  forbid: z.array(z.string()).optional(),
  valid: z.boolean().optional(),
});

export const EvalFileSchema = z.object({
  questions: z.array(z.object({ id: z.string(), question: z.string(), expect: Expect })),
});
export type EvalFile = z.infer<typeof EvalFileSchema>;
export type EvalQuestion = EvalFile['questions'][number];

/** The matching rules of shared/eval/README.md: case, white space, typographic quotes and dashes, thousands separators. */
export function normalizeForMatch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every reason a result fails its expectations; empty when it passes. */
export function checkAnswer(question: EvalQuestion, answer: unknown): string[] {
  const parsed = AnswerSchema.safeParse(answer);
  if (!parsed.success) return [`not a valid Answer: ${parsed.error.issues[0]?.message ?? 'invalid'}`];
  const result: Answer = parsed.data;
  if (result.error) return [`error: ${result.error}`];
  const expect = question.expect;
  if (expect.valid && Object.keys(expect).length === 1) return [];
  const failures: string[] = [];
  const wantAnswered = expect.answered ?? true;
  if (result.answered !== wantAnswered) failures.push(`answered is ${result.answered}, expected ${wantAnswered}`);
  if (!wantAnswered && result.citations.length) failures.push('cites sources for a question it does not cover');
  const text = normalizeForMatch(result.answer);
  // The first line is the direct answer a reader sees: its checks read that line alone.
  const first = normalizeForMatch(result.answer.split('\n')[0] ?? '');
  for (const entry of expect.first ?? []) {
    const options = Array.isArray(entry) ? entry : [entry];
    if (!options.some((o) => first.includes(normalizeForMatch(o)))) failures.push(`first line lacks ${options.map((o) => JSON.stringify(o)).join(' or ')}`);
  }
  for (const entry of expect.all ?? []) {
    const options = Array.isArray(entry) ? entry : [entry];
    if (!options.some((o) => text.includes(normalizeForMatch(o)))) failures.push(`missing ${options.map((o) => JSON.stringify(o)).join(' or ')}`);
  }
  for (const word of expect.forbid ?? []) {
    if (text.includes(normalizeForMatch(word))) failures.push(`contains forbidden ${JSON.stringify(word)}`);
  }
  if (expect.cite?.length && !expect.cite.some((id) => result.citations.some((c) => c.id === id))) {
    failures.push(`cites none of ${expect.cite.join(', ')}`);
  }
  return failures;
}
