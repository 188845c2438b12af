import type { ConversationTurn } from '../core/query/conversation.ts';
import type { Answer, Clock } from '../core/schema.ts';
import { turnOf, type ChatStore } from './store/chat-store.ts';

/** The core's answer to a question, given the earlier turns of its conversation (oldest first). */
export type AskFn = (question: string, history: ConversationTurn[]) => Answer | Promise<Answer>;

/** Where a question sits: the conversations it may continue (first with turns wins) and those it is added to. */
export interface ConversationPlace {
  read: string[];
  write: Array<{ key: string; ttlSeconds: number }>;
  channel: string;
  user: string | null;
  private: boolean;
}

export interface ConversationDeps {
  ask: AskFn;
  store: ChatStore;
  /** ids for saved answers (buttons carry them); defaults to random UUIDs */
  newId?: () => string;
  clock?: Clock;
}

/** The earlier turns of the first conversation in `keys` that has any. */
export async function historyOf(store: ChatStore, keys: string[]): Promise<ConversationTurn[]> {
  for (const key of keys) {
    const turns = await store.history(key);
    if (turns.length) return turns;
  }
  return [];
}

/**
 * Asks the core with the conversation's earlier turns, then remembers this turn and saves the answer under a new id
 * (what feedback and share buttons carry). A store failure never costs the answer: it only loses the memory.
 */
export async function askInConversation(question: string, place: ConversationPlace, deps: ConversationDeps & { onStoreError?: (error: unknown) => void }): Promise<{ answer: Answer; answerId: string | null }> {
  const history = await historyOf(deps.store, place.read).catch((error: unknown) => {
    deps.onStoreError?.(error);
    return [] as ConversationTurn[];
  });
  const answer = await deps.ask(question, history);
  const answerId = (deps.newId ?? (() => crypto.randomUUID()))();
  try {
    const at = (deps.clock?.now() ?? new Date()).toISOString();
    await Promise.all([
      ...place.write.map((w) => deps.store.addTurn(w.key, turnOf(answer), w.ttlSeconds)),
      deps.store.saveAnswer(answerId, { answer, channel: place.channel, user: place.user, private: place.private, at }),
    ]);
    return { answer, answerId };
  } catch (error) {
    deps.onStoreError?.(error);
    return { answer, answerId: null };
  }
}
