import type { Answer } from '../../core/schema.ts';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  accent(s: string): string;
}

export const plainStyle: Style = { bold: (s) => s, dim: (s) => s, accent: (s) => s };
export const ttyStyle: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  accent: (s) => `\x1b[36m${s}\x1b[39m`,
};

/** Strips terminal control sequences from text that came from an article or a user. */
export function stripControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]|[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}

/** An Answer as terminal text: the answer, then its numbered sources with their quotes. */
export function renderAnswerText(answer: Answer, style: Style = plainStyle): string {
  const lines = stripControls(answer.answer).split('\n');
  const out = [style.bold(lines[0] ?? ''), ...lines.slice(1)];
  if (answer.citations.length) {
    out.push('', style.bold('Sources'));
    for (const c of answer.citations) {
      const meta = [c.source, c.published, c.url].filter(Boolean).join(' · ');
      out.push(`${style.accent(`[${c.n}]`)} ${stripControls(c.title)} ${style.dim(`(${stripControls(meta)})`)}`);
      out.push(style.dim(`    "${stripControls(c.quote)}"`));
    }
  }
  if (answer.answered && answer.asOf) out.push('', style.dim(`As of ${answer.asOf}.`));
  return out.join('\n');
}
