import { z } from 'zod';

/** Where a digest goes. */
export const DESTINATIONS = ['slack', 'discord'] as const;
export type Destination = (typeof DESTINATIONS)[number];

/**
 * The little storage the digest needs: strings by key. A Workers KV namespace fits it as it is;
 * on Node a small state file implements it (src/index/digest-state-file.ts).
 */
export interface DigestStore {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
}

/** What the ledger knows of one (date, destination): claimed by a run, sent, or failed (and so open to a retry). */
export const LedgerEntrySchema = z.object({
  state: z.enum(['claimed', 'sent', 'failed']),
  runId: z.string(),
  at: z.string(),
  error: z.string().optional(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** The last delivery attempt of a destination, for /healthz. */
export const DeliveryStatusSchema = z.object({
  date: z.string(),
  state: z.enum(['sent', 'already_sent', 'in_progress', 'failed', 'nothing_to_post']),
  at: z.string(),
  error: z.string().optional(),
  /** HTTP 429 answers waited out before the final attempt */
  retries: z.number().int().min(0).optional(),
});
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

function parse<T>(schema: z.ZodType<T>, raw: string | null): T | null {
  if (raw === null) return null;
  try {
    const result = schema.safeParse(JSON.parse(raw));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** Once-per-(date, destination) records and per-destination status over a DigestStore. */
export class DigestLedger {
  constructor(private readonly store: DigestStore) {}

  /** A stored entry that is not ours to read (corrupt JSON) counts as absent: the next run posts again. */
  async get(date: string, destination: Destination): Promise<LedgerEntry | null> {
    return parse(LedgerEntrySchema, await this.store.get(`digest:${date}:${destination}`));
  }

  put(date: string, destination: Destination, entry: LedgerEntry): Promise<void> {
    return this.store.put(`digest:${date}:${destination}`, JSON.stringify(entry));
  }

  async status(destination: Destination): Promise<DeliveryStatus | null> {
    return parse(DeliveryStatusSchema, await this.store.get(`status:${destination}`));
  }

  setStatus(destination: Destination, status: DeliveryStatus): Promise<void> {
    return this.store.put(`status:${destination}`, JSON.stringify(status));
  }

  /** The last status of every destination, for /healthz. */
  async statuses(): Promise<Record<Destination, DeliveryStatus | null>> {
    const [slack, discord] = await Promise.all(DESTINATIONS.map((d) => this.status(d)));
    return { slack: slack ?? null, discord: discord ?? null };
  }
}

/** An in-memory DigestStore (tests, and a Node process with no state file configured). */
export class MemoryDigestStore implements DigestStore {
  readonly values = new Map<string, string>();
  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }
  async put(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
}
