import { answerQuestion } from './answer.ts';
import type { Corpus } from '../store/corpus-index.ts';
import type { Clock, FigureKind } from '../schema.ts';
import { tokenize } from '../annotate/text.ts';

const FIGURE_QUESTIONS: Partial<Record<FigureKind, string>> = {
  killed: 'latest casualty figures',
  injured: 'How many people were injured?',
  displaced: 'How many people have been displaced?',
  evacuated: 'How many people were evacuated?',
  detained: 'How many people are detained?',
};
const GENERAL_QUESTIONS = ['latest news', 'timeline of events', 'What was agreed?', 'Who mediated the talks?', 'Where are the talks being held?'];
const MAX_PEOPLE = 12;

/**
 * Example questions this corpus answers: one per kind of figure it holds, the people it names with a role,
 * and a few general ones; each is kept only if answering it finds sources.
 */
export function buildSuggestions(corpus: Corpus, clock: Clock): string[] {
  const { figures, people } = corpus.data;
  const kinds = new Set(figures.map((f) => f.kind));
  const candidates = Object.entries(FIGURE_QUESTIONS).filter(([kind]) => kinds.has(kind as FigureKind)).map(([, q]) => q!);
  candidates.push(...GENERAL_QUESTIONS.slice(0, 2));
  const named = people
    .filter((p) => p.roles.length && /^\p{Lu}[\p{L}'-]+(?: \p{Lu}[\p{L}'-]+)+$/u.test(p.name) && !/'s$/.test(p.name))
    .sort((a, b) => b.roles.length - a.roles.length || a.name.localeCompare(b.name))
    .slice(0, MAX_PEOPLE);
  candidates.push(...named.map((p) => `Who is ${p.name}?`), ...GENERAL_QUESTIONS.slice(2));
  return [...new Set(candidates)].filter((q) => answerQuestion(q, { corpus, clock }).answered);
}

/** The suggestions in which every typed word starts some word, those starting with the first typed word first. */
export function matchSuggestions(suggestions: string[], typed: string, limit = 25): string[] {
  const wanted = tokenize(typed);
  if (!wanted.length) return suggestions.slice(0, limit);
  const scored: Array<[number, string]> = [];
  for (const suggestion of suggestions) {
    const words = tokenize(suggestion);
    if (!wanted.every((w) => words.some((word) => word.startsWith(w)))) continue;
    scored.push([words[0]!.startsWith(wanted[0]!) ? 0 : 1, suggestion]);
  }
  return scored.sort((a, b) => a[0] - b[0]).map(([, s]) => s).slice(0, limit);
}
