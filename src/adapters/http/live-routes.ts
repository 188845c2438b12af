import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { SitrepError } from '../../core/ingest/article-file.ts';
import type { IngestOptions } from '../../core/ingest/ingest.ts';
import type { Article } from '../../core/schema.ts';
import type { SourceRef } from '../../core/sources/registry.ts';
import { parseInterval, type SourceRecord } from '../../core/sources/source-record.ts';
import type { AppEnv } from './context.ts';
import { HttpProblem } from './errors.ts';

/** Where followed sources and live articles are kept: a data folder on Node, R2 and KV on Workers. */
export interface LiveStore {
  listSources(): Promise<SourceRecord[]>;
  addSource(url: string, options: { name?: string | null; intervalSeconds?: number }): Promise<SourceRecord>;
  removeSource(url: string): Promise<void>;
  /** fetches every source once now */
  poll(which: 'due' | 'all'): Promise<{ added: Article[]; alternates: number; fetched: number }>;
  addArticle(input: { text: string; options: IngestOptions } | { url: string; options: IngestOptions }): Promise<{ article: Article; status: 'added' | 'already_stored' | 'copy'; copyOf: string | null }>;
  articleSources(id: string): Promise<{ article: Article; sources: SourceRef[] } | null>;
}

export interface LiveRouteDeps {
  store: LiveStore;
  /** these routes change the corpus: without a configured token they refuse to run */
  noToken: boolean;
  /** called after a change, so the process answers from the new corpus */
  onChange?: () => Promise<void>;
}

const SourceBody = z.object({ url: z.string().min(1), name: z.string().min(1).max(200).optional(), every: z.string().optional() });
const meta = { title: z.string().min(1).max(300).optional(), source: z.string().min(1).max(200).optional(), published: z.string().optional(), id: z.string().optional() };
const ArticleBody = z.union([
  z.object({ text: z.string().min(1), url: z.string().url().optional(), ...meta }),
  z.object({ url: z.string().url(), ...meta }),
]);

const STATUS_OF: Record<string, 400 | 404 | 409 | 502> = {
  duplicate_source: 409, unknown_source: 404, duplicate_id: 409, duplicate_text: 409, fetch_failed: 502, page_unavailable: 502,
};

async function jsonBody<T>(c: Context<AppEnv>, schema: z.ZodType<T>): Promise<T> {
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(c.req.header('Content-Type') ?? '')) {
    throw new HttpProblem(415, 'unsupported_media_type', 'Send JSON with "Content-Type: application/json".');
  }
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch {
    throw new HttpProblem(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpProblem(400, 'invalid_body', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}

/** A refusal of the store (a SitrepError) as a JSON error with a fitting status. */
async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SitrepError) throw new HttpProblem(STATUS_OF[error.code] ?? 400, error.code, error.message);
    throw error;
  }
}

const articleJson = (a: Article) => ({ id: a.id, title: a.title, source: a.source, url: a.url, published: a.published, paragraphs: a.paragraphs.length });

/** `/sources` (list, follow, unfollow, poll) and `/articles` (add one, read its sources), mounted under /v1. */
export function liveRoutes(deps: LiveRouteDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('/sources', guard(deps)).use('/sources/*', guard(deps)).use('/articles', guard(deps)).use('/articles/*', guard(deps));
  const changed = async () => deps.onChange?.();

  routes.get('/sources', async (c) => c.json({ sources: await deps.store.listSources() }, 200, { 'Cache-Control': 'no-store' }));
  routes.post('/sources', async (c) => {
    const body = await jsonBody(c, SourceBody);
    const intervalSeconds = body.every === undefined ? undefined : parseInterval(body.every);
    if (intervalSeconds === null) throw new HttpProblem(400, 'invalid_body', `every: "${body.every}" is not an interval such as 90s, 15m or 2h.`);
    const source = await storeCall(() => deps.store.addSource(body.url, { name: body.name ?? null, ...(intervalSeconds ? { intervalSeconds } : {}) }));
    return c.json({ source }, 201);
  });
  routes.delete('/sources', async (c) => {
    const url = c.req.query('url');
    if (!url) throw new HttpProblem(400, 'invalid_body', 'Name the source to remove: DELETE /v1/sources?url=...');
    await storeCall(() => deps.store.removeSource(url));
    return c.json({ removed: url });
  });
  routes.post('/sources/poll', async (c) => {
    const change = await storeCall(() => deps.store.poll('all'));
    if (change.added.length || change.alternates) await changed();
    return c.json({ fetched: change.fetched, added: change.added.map(articleJson), alternates: change.alternates, sources: await deps.store.listSources() });
  });
  routes.post('/articles', async (c) => {
    const body = await jsonBody(c, ArticleBody);
    const options: IngestOptions = { title: body.title, source: body.source ?? null, published: body.published, id: body.id, url: 'text' in body ? body.url ?? null : null };
    const result = await storeCall(() => deps.store.addArticle('text' in body ? { text: body.text, options } : { url: body.url, options: { ...options, url: undefined } }));
    if (result.status !== 'already_stored') await changed();
    return c.json({ status: result.status, article: articleJson(result.article), copyOf: result.copyOf }, result.status === 'added' ? 201 : 200);
  });
  routes.get('/articles/:id', async (c) => {
    const found = await deps.store.articleSources(c.req.param('id'));
    if (!found) throw new HttpProblem(404, 'not_found', `No article "${c.req.param('id')}".`);
    return c.json({ article: { ...articleJson(found.article), paragraphs: found.article.paragraphs }, sources: found.sources }, 200, { 'Cache-Control': 'no-store' });
  });
  return routes;
}

function guard(deps: LiveRouteDeps) {
  return async (_c: Context<AppEnv>, next: () => Promise<void>) => {
    if (deps.noToken) throw new HttpProblem(403, 'token_required', 'These routes change the corpus: set SITREP_API_TOKEN and send it as "Authorization: Bearer <token>".');
    await next();
  };
}
