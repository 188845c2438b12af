import { ReceiverMultipleAckError, type App, type Receiver } from '@slack/bolt';
import type { Logger } from '../logger.ts';
import { verifySlackSignature } from './verify-signature.ts';

export interface FetchReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** clock for the signature's 5-minute window (ms since epoch) */
  now?: () => number;
  /** answer Slack with an empty 200 if no listener acknowledged within this time */
  ackTimeoutMs?: number;
}

const empty = (status: number) => new Response(null, { status });

function toResponse(body: unknown): Response {
  if (body === undefined || body === null || body === '') return empty(200);
  if (typeof body === 'string') return new Response(body, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return Response.json(body);
}

/** Slack bodies are JSON, a form, or a form whose `payload` field holds JSON (interactivity). */
function parseBody(rawBody: string, contentType: string): Record<string, unknown> | null {
  try {
    if (contentType.startsWith('application/x-www-form-urlencoded')) {
      const params = new URLSearchParams(rawBody);
      const payload = params.get('payload');
      return payload !== null ? (JSON.parse(payload) as Record<string, unknown>) : Object.fromEntries(params);
    }
    const parsed: unknown = JSON.parse(rawBody);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * A Bolt Receiver fed by fetch-style Requests, so Bolt dispatches requests that arrive on a route of sitrep's own
 * HTTP server (hono). Signatures are checked by `verifySlackSignature`, as on Workers (Bolt's own verifier accepts
 * future and fractional timestamps); Bolt's listeners answer via `ack`.
 */
export class FetchReceiver implements Receiver {
  private app: App | undefined;
  private readonly now: () => number;
  private readonly ackTimeoutMs: number;

  constructor(private readonly options: FetchReceiverOptions) {
    this.now = options.now ?? (() => Date.now());
    this.ackTimeoutMs = options.ackTimeoutMs ?? 2500;
  }

  init(app: App): void {
    this.app = app;
  }

  /** The HTTP server belongs to `sitrep serve`; there is nothing to start or stop here. */
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** Handles one POST from Slack and resolves with the response Slack should get. */
  async handle(request: Request): Promise<Response> {
    const rawBody = await request.text();
    const contentType = request.headers.get('content-type') ?? '';
    // Slack's ssl_check pings are unsigned; they get an empty 200 and are never dispatched
    if (contentType.startsWith('application/x-www-form-urlencoded') && new URLSearchParams(rawBody).get('ssl_check') === '1') return empty(200);
    const check = await verifySlackSignature({ signingSecret: this.options.signingSecret, headers: request.headers, rawBody, now: this.now() });
    if (!check.ok) {
      this.options.logger.warn({ msg: 'slack: refused an unverified request', reason: check.reason });
      return empty(401);
    }
    const body = parseBody(rawBody, contentType);
    if (!body) return new Response('invalid body', { status: 400 });
    if (body.type === 'url_verification') return Response.json({ challenge: body.challenge });
    if (!this.app) return empty(503);
    return this.dispatch(this.app, body, request.headers);
  }

  private dispatch(app: App, body: Record<string, unknown>, headers: Headers): Promise<Response> {
    const retryNum = headers.get('x-slack-retry-num');
    return new Promise<Response>((resolve) => {
      let acked = false;
      const settle = (response: Response) => {
        if (acked) return;
        acked = true;
        clearTimeout(timer);
        resolve(response);
      };
      const timer = setTimeout(() => {
        this.options.logger.warn({ msg: 'slack: no listener acknowledged in time' });
        settle(empty(200));
      }, this.ackTimeoutMs);
      const ack = async (response?: unknown) => {
        if (acked) throw new ReceiverMultipleAckError();
        settle(toResponse(response));
      };
      app.processEvent({
        body, ack,
        ...(retryNum ? { retryNum: Number(retryNum) } : {}),
        ...(headers.get('x-slack-retry-reason') ? { retryReason: headers.get('x-slack-retry-reason')! } : {}),
      }).then(
        () => settle(empty(200)),
        (error: unknown) => {
          // An authentic request we could not process (a payload of a kind we do not handle, a listener's error):
          // logged, and acknowledged so Slack does not retry what would fail again; never a 5xx.
          this.options.logger.error({ msg: 'slack: processing failed', error: (error as Error)?.message ?? String(error) });
          settle(empty(200));
        },
      );
    });
  }
}
