import type { Clock } from '../core/schema.ts';
import { RateLimiter, type RateLimit } from './http/rate-limit.ts';

/** Questions a person, and a channel, may ask per window on the chat surfaces. */
export interface ChatRateLimits {
  user: RateLimit;
  channel: RateLimit;
}

export const DEFAULT_CHAT_RATE_LIMITS: ChatRateLimits = {
  user: { limit: 6, windowSeconds: 60 },
  channel: { limit: 20, windowSeconds: 60 },
};

/** Per-user and per-channel fixed windows in memory (per process on Node, per isolate on Workers). */
export class ChatRateLimiter {
  private readonly users: RateLimiter;
  private readonly channels: RateLimiter;

  constructor(clock: Clock, limits: ChatRateLimits = DEFAULT_CHAT_RATE_LIMITS) {
    this.users = new RateLimiter(limits.user, clock);
    this.channels = new RateLimiter(limits.channel, clock);
  }

  /** Counts one question; null when it may go ahead, else the seconds to wait. The user is checked first. */
  hit(user: string, channel: string): number | null {
    const byUser = this.users.hit(user);
    if (!byUser.allowed) return byUser.retryAfterSeconds;
    const byChannel = this.channels.hit(channel);
    return byChannel.allowed ? null : byChannel.retryAfterSeconds;
  }
}

/** The polite reply to someone over the limit. */
export function rateLimitedText(retryAfterSeconds: number): string {
  return `You're asking faster than I can keep up with. Please try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`;
}
