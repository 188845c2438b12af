import type { Context, MiddlewareHandler } from 'hono';
import type { Clock } from '../../core/schema.ts';
import { HttpProblem } from './errors.ts';

export interface RateLimit {
  /** requests each client may make per window */
  limit: number;
  windowSeconds: number;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** At most this many clients are tracked: when full, expired windows go, then the oldest tenth, so memory stays bounded. */
const MAX_CLIENTS = 10_000;
const KEEP_WHEN_FULL = MAX_CLIENTS * 0.9;

/** A fixed-window counter per client key, in memory (per process on Node, per isolate on Workers). */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly rule: RateLimit,
    private readonly clock: Clock,
  ) {}

  /** Counts one request of `key` and says whether it may go ahead. */
  hit(key: string): RateDecision {
    const now = this.clock.now().getTime();
    const windowMs = this.rule.windowSeconds * 1000;
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) {
      if (!window && this.windows.size >= MAX_CLIENTS) this.makeRoom(now, windowMs);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.rule.limit) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)) };
    }
    window.count++;
    return { allowed: true, remaining: this.rule.limit - window.count };
  }

  private makeRoom(now: number, windowMs: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= windowMs) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size <= KEEP_WHEN_FULL) break;
      this.windows.delete(key);
    }
  }
}

/** Turns a denied request into a 429 JSON error with `Retry-After`. */
export function rateLimit(limiter: RateLimiter, clientKey: (c: Context) => string): MiddlewareHandler {
  return async (c, next) => {
    const decision = limiter.hit(clientKey(c));
    if (!decision.allowed) {
      throw new HttpProblem(429, 'rate_limited', `Too many requests: try again in ${decision.retryAfterSeconds} s.`, {
        'Retry-After': String(decision.retryAfterSeconds),
      });
    }
    return next();
  };
}
