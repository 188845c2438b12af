import { MAX_CONVERSATION_TURNS, type ConversationTurn } from './conversation.ts';
import { analyseQuestion } from './question.ts';

/** What an Answer's `query` field carries: enough of the typed query for the next turn to inherit from. */
export interface StoredQuery {
  /** the question as the engine answered it, after resolving a follow-up */
  resolved: string;
  answerType: string;
  terms: string[];
}

const PRONOUN = /\b(it|its|they|them|their|that|this|those|these|there|he|him|his|she|her)\b/i;
const ELLIPSIS = /^\s*(and|also|but|so|what about|how about|and what about|same for|what of)\b/i;
const WH = /^\s*(who|whom|what|when|where|why|how|which)\b/i;
/** Figure words a follow-up may swap in: "what about injuries?" after "how many were killed?". */
const KIND_WORD = /\b(kill\w*|dead|deaths?|died|toll|injur\w*|wounded|displac\w*|evacuat\w*|missing|detain\w*|arrest\w*|released?)\b/gi;

function storedOf(turn: ConversationTurn): StoredQuery | null {
  const q = turn.query as Partial<StoredQuery> | undefined;
  return q && typeof q.resolved === 'string' ? { resolved: q.resolved, answerType: String(q.answerType ?? ''), terms: Array.isArray(q.terms) ? q.terms.map(String) : [] } : null;
}

/** Capitalised words past the first: the names a question gives ("Haiti", "Sharm el-Sheikh"). */
function namesIn(text: string): string[] {
  return [...text.replace(/^\W*\S+/, '').matchAll(/\b\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)*/gu)].map((m) => m[0]);
}

/** The topic of an earlier question: its content words that are not verbs of what it asked ("October accord"). */
function topicOf(previous: string): string {
  const terms = analyseQuestion(previous).terms.filter((t) => !/(ed|ing)$/.test(t));
  return terms.join(' ');
}

/**
 * Resolves a follow-up against the conversation so far, giving a question that stands alone:
 * "who signed it?" after "who mediated the October accord" -> "who signed it? (october accord)";
 * "and in Haiti?" after "how many died in Jamaica?" -> "how many died in Haiti?";
 * "what about injuries?" after "how many were killed?" -> "how many were injuries?". A question that stands
 * alone is returned as it is.
 */
export function resolveFollowUp(question: string, history: ConversationTurn[] | undefined): string {
  const turns = (history ?? []).slice(-MAX_CONVERSATION_TURNS);
  const last = turns.at(-1);
  if (!last) return question;
  const previous = storedOf(last)?.resolved ?? last.question;
  const text = question.trim();
  const words = text.split(/\s+/).length;
  // Only a question that says it continues ("and ...", "what about ...") is elliptical: "death toll?" stands alone.
  if (ELLIPSIS.test(text)) {
    const rest = text.replace(ELLIPSIS, '').replace(/^[\s,]+/, '').replace(/[?.!]+$/, '').trim();
    if (!rest) return previous;
    const kinds = rest.match(KIND_WORD);
    if (kinds) {
      const swapped = previous.replace(KIND_WORD, kinds[0]!);
      if (swapped !== previous) return swapped;
    }
    const newNames = namesIn(` ${rest}`);
    const oldNames = namesIn(previous);
    if (newNames.length && oldNames.length) return previous.replace(oldNames.at(-1)!, newNames[0]!);
    // "and before that?", "and in Haiti?" with no name to swap: the earlier question with the new words added.
    return `${previous.replace(/[?.!]+$/, '')} ${rest}?`;
  }
  if (PRONOUN.test(text) && WH.test(text) && words <= 8) {
    const topic = topicOf(previous);
    return topic ? `${text.replace(/[?.!]+$/, '')} (${topic})?` : text;
  }
  return question;
}
