import { z } from 'zod';
import { MIN_TTL_SECONDS, type KeyValue } from '../adapters/store/key-value.ts';
import { JsonFileMap } from './fs-json-map.ts';

const EntrySchema = z.object({
  value: z.string(),
  metadata: z.record(z.string(), z.string()).optional(),
  /** epoch milliseconds; absent: kept until replaced */
  expires: z.number().optional(),
});
type Entry = z.infer<typeof EntrySchema>;

/** A KeyValue in one JSON file (Node): what must outlive the process and be read by another sitrep command. */
export class FileKeyValue implements KeyValue {
  private readonly file: JsonFileMap<Entry>;

  constructor(readonly path: string, private readonly now: () => number = () => Date.now()) {
    this.file = new JsonFileMap(path, z.record(z.string(), EntrySchema), 'channel settings file');
  }

  private live(entry: Entry | undefined): entry is Entry {
    return !!entry && (entry.expires === undefined || entry.expires > this.now());
  }

  async get(key: string): Promise<string | null> {
    const entry = (await this.file.read())[key];
    return this.live(entry) ? entry.value : null;
  }

  put(key: string, value: string, options: { ttlSeconds?: number; metadata?: Record<string, string> } = {}): Promise<void> {
    const expires = options.ttlSeconds === undefined ? undefined : this.now() + Math.max(MIN_TTL_SECONDS, options.ttlSeconds) * 1000;
    return this.file.update((entries) => {
      for (const [k, e] of Object.entries(entries)) if (!this.live(e)) delete entries[k];
      entries[key] = { value, ...(options.metadata ? { metadata: options.metadata } : {}), ...(expires !== undefined ? { expires } : {}) };
    });
  }

  async list(prefix: string): Promise<Array<{ key: string; metadata: Record<string, string> | null }>> {
    return Object.entries(await this.file.read())
      .filter(([key, entry]) => key.startsWith(prefix) && this.live(entry))
      .map(([key, entry]) => ({ key, metadata: entry.metadata ?? null }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }
}
