// Fetching feeds and pages politely and safely: conditional GET, a size and a time limit, a User-Agent naming sitrep.
// Runs on Node and in workerd (fetch, AbortController and streams are the runtime's own).

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  userAgent: string;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { maxBytes: 8 * 1024 * 1024, timeoutMs: 10_000, userAgent: 'sitrep (news briefing assistant; feed reader)' };

export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

export type FetchResult =
  | { kind: 'ok'; body: string; contentType: string; etag: string | null; lastModified: string | null; url: string }
  | { kind: 'not_modified' }
  | { kind: 'error'; message: string; status?: number; retryAfterSeconds?: number | null };

/** Retry-After as seconds (delta or HTTP date), or null. */
export function retryAfterSeconds(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - now.getTime()) / 1000));
}

async function readLimited(response: Response, maxBytes: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) return null;
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder('utf-8').decode(all);
}

/**
 * GETs a URL with If-None-Match / If-Modified-Since when validators are known; a 304 is `not_modified` and no body
 * is read. Bodies over `maxBytes` and fetches over `timeoutMs` (headers and body together) become errors.
 */
export async function fetchLimited(url: string, validators: { etag?: string | null; lastModified?: string | null; accept: string }, limits: FetchLimits, fetcher: Fetcher, now: () => Date): Promise<FetchResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const headers: Record<string, string> = { 'User-Agent': limits.userAgent, Accept: validators.accept };
    if (validators.etag) headers['If-None-Match'] = validators.etag;
    if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
    const response = await fetcher(url, { headers, signal: controller.signal, redirect: 'follow' });
    if (response.status === 304) {
      await response.body?.cancel();
      return { kind: 'not_modified' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      const retry = response.status === 429 || response.status === 503 ? retryAfterSeconds(response.headers.get('retry-after'), now()) : null;
      return { kind: 'error', status: response.status, message: `HTTP ${response.status}${retry !== null ? ` (retry after ${retry} s)` : ''}`, retryAfterSeconds: retry };
    }
    const body = await readLimited(response, limits.maxBytes);
    if (body === null) return { kind: 'error', message: `the response is larger than ${limits.maxBytes} bytes` };
    return {
      kind: 'ok', body, contentType: response.headers.get('content-type') ?? '', etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'), url: response.url || url,
    };
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'error', message: `no complete response within ${limits.timeoutMs} ms` };
    return { kind: 'error', message: `fetch failed: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}
