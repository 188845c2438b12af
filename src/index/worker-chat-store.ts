// The chat store on Workers: a KV namespace (CHAT_KV) when bound, else isolate memory (conversations then last only
// as long as the isolate, and a follow-up that reaches another isolate starts afresh).
import { ChatStore } from '../adapters/store/chat-store.ts';
import { MemoryKeyValue } from '../adapters/store/memory-key-value.ts';
import { isKvNamespace, WorkersKeyValue } from '../adapters/store/workers-kv.ts';

/** The KV binding holding conversations, saved answers, feedback and channel settings (wrangler.toml). */
export const CHAT_KV_BINDING = 'CHAT_KV';

let memory: ChatStore | undefined;

/** The Worker's chat store for this env: KV-backed with the binding, isolate memory without. */
export function workerChatStore(env: Record<string, unknown>): ChatStore {
  const kv = env[CHAT_KV_BINDING];
  if (isKvNamespace(kv)) return new ChatStore(new WorkersKeyValue(kv));
  memory ??= new ChatStore(new MemoryKeyValue());
  return memory;
}
