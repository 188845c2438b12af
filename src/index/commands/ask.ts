import { createInterface } from 'node:readline';
import { renderAnswerText } from '../../adapters/terminal/render.ts';
import { answerQuestion } from '../../core/answer/answer.ts';
import type { Corpus } from '../../core/store/corpus-index.ts';
import type { Answer, Clock } from '../../core/schema.ts';
import { SitrepError } from '../../core/ingest/article-file.ts';
import { outputStyle } from '../terminal-style.ts';

function safeAnswer(question: string, corpus: Corpus, clock: Clock): Answer {
  try {
    return answerQuestion(question, { corpus, clock });
  } catch (error) {
    return { question, answered: false, intent: 'none', answer: 'Sorry, something went wrong answering that.', citations: [], figures: [], asOf: null, error: (error as Error).message };
  }
}

/** `sitrep ask "Q" [--json]` and `sitrep ask --jsonl` (one question a line on stdin). */
export async function runAsk(positionals: string[], flags: { json?: boolean; jsonl?: boolean }, corpus: Corpus, clock: Clock): Promise<number> {
  if (flags.jsonl) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      let question: string;
      try {
        const parsed: unknown = line.trim().startsWith('{') ? JSON.parse(line) : line;
        question = typeof parsed === 'string' ? parsed : typeof (parsed as { question?: unknown }).question === 'string' ? (parsed as { question: string }).question : '';
        if (typeof parsed !== 'string' && !question) throw new Error('expected a question string or {"question": "..."}');
      } catch (error) {
        process.stdout.write(`${JSON.stringify({ question: line, answered: false, intent: 'none', answer: '', citations: [], figures: [], asOf: null, error: `bad line: ${(error as Error).message}` })}\n`);
        continue;
      }
      process.stdout.write(`${JSON.stringify(safeAnswer(question, corpus, clock))}\n`);
    }
    return 0;
  }
  const question = positionals.join(' ');
  if (!question.trim()) throw new SitrepError('usage', 'ask needs a question: sitrep ask "latest casualty figures"');
  const answer = safeAnswer(question, corpus, clock);
  if (flags.json) process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  else process.stdout.write(`${renderAnswerText(answer, outputStyle())}\n`);
  return 0;
}
