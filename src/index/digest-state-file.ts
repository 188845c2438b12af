import { join } from 'node:path';
import { z } from 'zod';
import type { DigestStore } from '../adapters/digest/ledger.ts';
import { JsonFileMap } from './fs-json-map.ts';

/** The ledger file: DIGEST_STATE_FILE, or digest-state.json in the data folder. */
export function digestStatePath(stateFile: string | undefined, dataDir: string): string {
  return stateFile ?? join(dataDir, 'digest-state.json');
}

const StateSchema = z.record(z.string(), z.string());

/**
 * The digest ledger on Node: one small JSON file of keys and values, rewritten atomically under a lock file
 * (JsonFileMap), so `sitrep serve` and a `sitrep digest --post` run at the same time never lose a write.
 */
export class FileDigestStore implements DigestStore {
  private readonly file: JsonFileMap<string>;

  constructor(readonly path: string, sleep?: (ms: number) => Promise<void>) {
    this.file = new JsonFileMap(path, StateSchema, 'digest state file', sleep);
  }

  async get(key: string): Promise<string | null> {
    return (await this.file.read())[key] ?? null;
  }

  put(key: string, value: string): Promise<void> {
    return this.file.update((entries) => {
      entries[key] = value;
    });
  }
}
