import { Hono } from 'hono';
import type { Corpus } from '../../core/store/corpus-index.ts';
import { composeDigest } from '../../core/digest/digest.ts';
import type { DigestOptions } from '../../core/digest/digest-schema.ts';
import { IsoDate, type Clock } from '../../core/schema.ts';
import type { DigestStatuses } from '../digest/ledger.ts';
import type { AppEnv } from './context.ts';
import { HttpProblem } from './errors.ts';

/** What the HTTP app knows of the digest: how to compose it, and (when delivery runs) its last status per destination. */
export interface DigestHttpDeps {
  options: DigestOptions;
  /** for /healthz; absent where no digest is scheduled */
  status?: () => Promise<DigestStatuses>;
}

/** `GET /digest?date=YYYY-MM-DD` (default: today, UTC): the Digest JSON. */
export function digestRoutes(deps: { getCorpus: () => Promise<Corpus>; clock: Clock; digest: DigestHttpDeps }): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/digest', async (c) => {
    const date = c.req.query('date') ?? deps.clock.now().toISOString().slice(0, 10);
    const parsed = IsoDate.safeParse(date);
    if (!parsed.success) throw new HttpProblem(400, 'invalid_date', `date must be a real YYYY-MM-DD date (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
    const digest = composeDigest({ corpus: await deps.getCorpus(), date: parsed.data, options: deps.digest.options });
    if (!digest) throw new HttpProblem(404, 'no_digest', `No digest for ${parsed.data}: no new reports, and empty digests are off (DIGEST_WHEN_EMPTY=none).`);
    c.set('logFields', { digestDate: digest.date, articles: digest.articles.length });
    return c.json(digest, 200, { 'Cache-Control': 'no-store' });
  });
  return routes;
}

/** The digest part of /healthz: the last delivery per destination; a storage failure is reported, not thrown. */
export async function digestHealth(deps: DigestHttpDeps): Promise<Record<string, unknown> | undefined> {
  if (!deps.status) return undefined;
  try {
    return await deps.status();
  } catch (error) {
    return { error: `digest status unavailable: ${(error as Error).message}` };
  }
}
