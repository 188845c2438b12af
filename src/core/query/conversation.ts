/**
 * One earlier turn of a conversation, as an adapter stores it per thread: the question asked and the typed query
 * the engine made of it (the Answer's `query` field, kept opaque by adapters). `answerQuestion` reads these to
 * resolve a follow-up ("who signed it?", "and in Haiti?") against what was asked before.
 */
export interface ConversationTurn {
  question: string;
  /** the `query` field of the Answer given to this question; adapters store it as they got it */
  query?: unknown;
}

/** How many earlier turns an adapter keeps and hands back; older ones add nothing a follow-up can refer to. */
export const MAX_CONVERSATION_TURNS = 3;
