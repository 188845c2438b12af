import { join } from 'node:path';
import { ChatStore } from '../adapters/store/chat-store.ts';
import { MemoryKeyValue } from '../adapters/store/memory-key-value.ts';
import type { Clock } from '../core/schema.ts';
import { FileKeyValue } from './fs-key-value.ts';

/** Where `/brief config` channel settings live on Node: channel-settings.json in the data folder. */
export function channelSettingsPath(dataDir: string): string {
  return join(dataDir, 'channel-settings.json');
}

/**
 * The chat store of `sitrep serve` and `sitrep digest`: conversations, saved answers and feedback in process memory;
 * channel settings in a file, so a restart keeps `/brief config digest on|off` and `sitrep digest --post` sees it.
 */
export function nodeChatStore(dataDir: string, clock: Clock): ChatStore {
  const now = () => clock.now().getTime();
  return new ChatStore(new MemoryKeyValue({ now }), () => clock.now(), new FileKeyValue(channelSettingsPath(dataDir), now));
}
