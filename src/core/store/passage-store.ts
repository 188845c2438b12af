import { answerQuestion, notCovered } from '../answer/answer.ts';
import type { ConversationTurn } from '../query/conversation.ts';
import type { Answer, Clock } from '../schema.ts';
import type { Corpus } from './corpus-index.ts';

/**
 * Where the core reads passages from. `retrieve` is the only asynchronous step: it returns the corpus one question
 * is answered from, which the synchronous engine then reads. The lunr index file is the default (the whole corpus in
 * memory); the D1 store (d1-store.ts) returns the part of a corpus in SQLite that can matter to the question.
 */
export interface PassageStore {
  retrieve(question: string, history?: ConversationTurn[]): Promise<Retrieved>;
}

export interface Retrieved {
  corpus: Corpus;
  /** when `corpus` is part of a larger one: the whole corpus's reply to a question it does not cover */
  notCovered?: { asked: string; empty: string; asOf: string | null };
  /** table rows read for this question (0 for an index in memory) */
  rows: number;
}

/** The lunr index file as a store: every question reads the whole corpus, already in memory. */
export function lunrStore(getCorpus: () => Promise<Corpus>): PassageStore {
  return { retrieve: async () => ({ corpus: await getCorpus(), rows: 0 }) };
}

/** Answers one question through a store: retrieve, then the engine; never throws for any question text. */
export async function answerFromStore(store: PassageStore, question: string, deps: { clock: Clock; history?: ConversationTurn[] }): Promise<Answer> {
  const { corpus, notCovered: whole } = await store.retrieve(question, deps.history);
  const answer = answerQuestion(question, { corpus, clock: deps.clock, ...(deps.history ? { history: deps.history } : {}) });
  if (!whole || answer.answered) return answer;
  // The part's "I follow 40 articles ..." would undersell the corpus: say what the whole of it covers.
  if (answer.answer !== notCovered(corpus, question, answer.intent).answer) return answer;
  return { ...answer, answer: question.trim() ? whole.asked : whole.empty, asOf: whole.asOf };
}
