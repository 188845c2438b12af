import { z } from 'zod';

/** Where a digest goes: `slack` is DIGEST_SLACK_CHANNEL, `discord` the webhook. */
export const DESTINATIONS = ['slack', 'discord'] as const;
/** One of DESTINATIONS, or `slack:CHANNEL`: another Slack channel whose `/brief config digest on` asked for it. */
export type Destination = (typeof DESTINATIONS)[number] | `slack:${string}`;

/** The destination of a Slack channel that turned the digest on (its own ledger keys, so once per date per channel). */
export function slackChannelDestination(channel: string): Destination {
  return `slack:${channel}`;
}

/**
 * The little storage the digest needs: strings by key. A Workers KV namespace fits it as it is;
 * on Node a small state file implements it (src/index/digest-state-file.ts).
 */
export interface DigestStore {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
}

/**
 * A run's attempt at one (date, destination), under `digest:DATE:DEST`: `claimed` (nothing sent yet), then `posting`
 * (the request to the API may have gone out). `sent` and `failed` appear only in ledgers written before outcomes
 * got their own key. `owner` names the process (host:pid on Node), so a crashed one can be told from a live one.
 */
export const LedgerEntrySchema = z.object({
  state: z.enum(['claimed', 'posting', 'sent', 'failed']),
  runId: z.string(),
  at: z.string(),
  owner: z.string().optional(),
  error: z.string().optional(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/**
 * How an attempt ended, under `result:DATE:DEST`, written the moment the API answered: `sent` with the post's id,
 * or `failed`; `unconfirmed` when the post may have gone through all the same (a timeout, a 5xx). A key of its own,
 * so it is never written within a second of the attempt (Workers KV allows one write a second per key).
 */
export const OutcomeSchema = z.object({
  state: z.enum(['sent', 'failed']),
  runId: z.string(),
  at: z.string(),
  postId: z.string().optional(),
  error: z.string().optional(),
  unconfirmed: z.boolean().optional(),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

/** What the ledger says of one (date, destination), attempt and outcome read together. */
export type DeliveryView =
  | { kind: 'none' }
  | { kind: 'sent'; postId?: string }
  | { kind: 'failed'; error: string; unconfirmed: boolean; at: string }
  | { kind: 'claimed' | 'posting'; attempt: LedgerEntry };

/** The last delivery attempt of a destination, for /healthz and `sitrep digest --post`. */
export const DeliveryStatusSchema = z.object({
  date: z.string(),
  /** `off`: DIGEST_SLACK_CHANNEL, but that channel's `/brief config digest off` wins, so nothing was posted there */
  state: z.enum(['sent', 'already_sent', 'in_progress', 'stale', 'failed', 'nothing_to_post', 'off']),
  at: z.string(),
  error: z.string().optional(),
  /** HTTP 429 answers waited out before the final attempt */
  retries: z.number().int().min(0).optional(),
  /** Slack's message ts or Discord's message id */
  postId: z.string().optional(),
  /** a run that stopped midway was finished: its post was found in the channel, or there was none and it was posted */
  recovered: z.enum(['found_in_channel', 'posted']).optional(),
});
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

/** What /healthz shows: the last status of each destination; `slackChannels` those of the last run's other Slack channels. */
export type DigestStatuses = {
  slack: DeliveryStatus | null;
  discord: DeliveryStatus | null;
  slackChannels?: Record<string, DeliveryStatus | null>;
};

const DestinationListSchema = z.array(z.string());

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

  /** The current attempt; a stored entry that is not ours to read (corrupt JSON) counts as absent. */
  async get(date: string, destination: Destination): Promise<LedgerEntry | null> {
    return parse(LedgerEntrySchema, await this.store.get(`digest:${date}:${destination}`));
  }

  put(date: string, destination: Destination, entry: LedgerEntry): Promise<void> {
    return this.store.put(`digest:${date}:${destination}`, JSON.stringify(entry));
  }

  async outcome(date: string, destination: Destination): Promise<Outcome | null> {
    return parse(OutcomeSchema, await this.store.get(`result:${date}:${destination}`));
  }

  putOutcome(date: string, destination: Destination, outcome: Outcome): Promise<void> {
    return this.store.put(`result:${date}:${destination}`, JSON.stringify(outcome));
  }

  /** Attempt and outcome together: sent, failed, an attempt still open (claimed or posting), or nothing yet. */
  async view(date: string, destination: Destination): Promise<DeliveryView> {
    const [attempt, outcome] = await Promise.all([this.get(date, destination), this.outcome(date, destination)]);
    if (outcome?.state === 'sent' || attempt?.state === 'sent') return { kind: 'sent', ...(outcome?.postId ? { postId: outcome.postId } : {}) };
    if (attempt && (attempt.state === 'claimed' || attempt.state === 'posting') && outcome?.runId !== attempt.runId) return { kind: attempt.state, attempt };
    if (outcome?.state === 'failed') return { kind: 'failed', error: outcome.error ?? 'failed', unconfirmed: outcome.unconfirmed === true, at: attempt?.at ?? outcome.at };
    if (attempt?.state === 'failed') return { kind: 'failed', error: attempt.error ?? 'failed', unconfirmed: false, at: attempt.at };
    return { kind: 'none' };
  }

  async status(destination: Destination): Promise<DeliveryStatus | null> {
    return parse(DeliveryStatusSchema, await this.store.get(`status:${destination}`));
  }

  setStatus(destination: Destination, status: DeliveryStatus): Promise<void> {
    return this.store.put(`status:${destination}`, JSON.stringify(status));
  }

  /** The other Slack channels the last run posted to (or tried to), so /healthz can show each one's status. */
  async slackChannels(): Promise<string[]> {
    return parse(DestinationListSchema, await this.store.get('status:slack-channels')) ?? [];
  }

  /** Records the last run's other Slack channels; written only when they change (KV takes one write a second per key). */
  async setSlackChannels(channels: string[]): Promise<void> {
    const next = [...new Set(channels)].sort();
    if (JSON.stringify(await this.slackChannels()) === JSON.stringify(next)) return;
    await this.store.put('status:slack-channels', JSON.stringify(next));
  }

  /**
   * The last status of every destination, for /healthz. A run still `in_progress` after `staleAfterMs` stopped
   * before it finished: that shows as `stale` (the next run checks the channel and finishes it).
   */
  async statuses(now?: Date, staleAfterMs?: number): Promise<DigestStatuses> {
    const channels = await this.slackChannels();
    const destinations: Destination[] = [...DESTINATIONS, ...channels.map(slackChannelDestination)];
    const list = await Promise.all(destinations.map((d) => this.status(d)));
    const shown = list.map((status): DeliveryStatus | null => {
      if (!status || status.state !== 'in_progress' || !now || staleAfterMs === undefined) return status;
      if (now.getTime() - Date.parse(status.at) < staleAfterMs) return status;
      return { ...status, state: 'stale', error: `the run that started at ${status.at} stopped before it finished; the next run checks the channel and finishes it` };
    });
    const result: DigestStatuses = { slack: shown[0] ?? null, discord: shown[1] ?? null };
    if (channels.length) result.slackChannels = Object.fromEntries(channels.map((c, i) => [c, shown[i + DESTINATIONS.length] ?? null]));
    return result;
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
