// A fake news site on 127.0.0.1 for the followed-sources tests (Node, and workerd through the workers project's
// global setup): RSS, Atom and JSON feeds with ETag/Last-Modified and 304s, a 500, a 429, a slow response, malformed
// XML, a 5 MB item, teaser feeds and article pages. POST /__set, /__requests and /__reset script and inspect it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { articlePage, atomFeed, hugeItemFeed, jsonFeed, rssFeed, STORIES, teaserFeed, wireCopy, WIRE_OUTLETS } from './feed-fixtures.ts';

export interface Resource {
  body: string;
  type: string;
  status?: number;
  delayMs?: number;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  path: string;
  status: number;
  /** true when the request carried If-None-Match or If-Modified-Since */
  conditional: boolean;
  userAgent: string;
}

export interface FakeFeedServer {
  url: string;
  set(path: string, resource: Resource): void;
  requests(): RecordedRequest[];
  reset(): void;
  close(): Promise<void>;
}

const XML = 'application/rss+xml; charset=utf-8';

/** The resources the fake site starts with. */
export function defaultResources(base: string): Record<string, Resource> {
  const pages = Object.fromEntries(Object.values(STORIES).map((s) => [`/pages${s.path}.html`, { body: articlePage(s), type: 'text/html; charset=utf-8' }]));
  const wire = Object.fromEntries(WIRE_OUTLETS.map((outlet, i) => [`/wire/${i}.xml`, { body: rssFeed(outlet, base, [wireCopy(i)]), type: XML }]));
  return {
    '/rss.xml': { body: rssFeed('Riverwatch', base, [STORIES.floods!]), type: XML },
    '/atom.xml': { body: atomFeed('Atom Wire', base, [STORIES.bridge!]), type: 'application/atom+xml; charset=utf-8' },
    '/feed.json': { body: jsonFeed('JSON Desk', base, [STORIES.rice!]), type: 'application/feed+json' },
    '/teasers.xml': { body: teaserFeed(base, [STORIES.ferry!]), type: XML },
    '/error.xml': { body: 'internal error', type: 'text/plain', status: 500 },
    '/busy.xml': { body: 'slow down', type: 'text/plain', status: 429, headers: { 'Retry-After': '3600' } },
    '/slow.xml': { body: rssFeed('Slow Wire', base, [STORIES.floods!]), type: XML, delayMs: 3000 },
    '/malformed.xml': { body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Half an item</ti', type: XML },
    '/huge.xml': { body: hugeItemFeed(base, 5 * 1024 * 1024), type: XML },
    ...pages,
    ...wire,
  };
}

function etagOf(body: string): string {
  let h = 0;
  for (let i = 0; i < body.length; i++) h = (Math.imul(h, 31) + body.charCodeAt(i)) | 0;
  return `"${(h >>> 0).toString(16)}-${body.length}"`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

/** Starts the fake site on 127.0.0.1 (a free port). */
export async function startFakeFeedServer(): Promise<FakeFeedServer> {
  let resources: Record<string, Resource & { etag: string; modified: string }> = {};
  const log: RecordedRequest[] = [];
  const put = (path: string, r: Resource) => {
    resources[path] = { ...r, etag: etagOf(r.body), modified: new Date(Math.floor(Date.now() / 1000) * 1000).toUTCString() };
  };
  let base = '';
  const reset = () => {
    resources = {};
    log.length = 0;
    for (const [path, r] of Object.entries(defaultResources(base))) put(path, r);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method === 'POST' && path.startsWith('/__')) {
        const body = await readBody(req);
        if (path === '/__set') {
          const { path: target, resource } = JSON.parse(body) as { path: string; resource: Resource };
          put(target, resource);
        } else if (path === '/__reset') reset();
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(path === '/__requests' ? log : { ok: true }));
        return;
      }
      const r = resources[path];
      const conditional = Boolean(req.headers['if-none-match'] || req.headers['if-modified-since']);
      const record = (status: number) => log.push({ path, status, conditional, userAgent: String(req.headers['user-agent'] ?? '') });
      if (!r) {
        record(404);
        res.writeHead(404).end('not found');
        return;
      }
      if (r.delayMs) await new Promise((resolve) => setTimeout(resolve, r.delayMs));
      if (res.destroyed) return;
      if (!r.status && (req.headers['if-none-match'] === r.etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === r.modified))) {
        record(304);
        res.writeHead(304, { ETag: r.etag, 'Last-Modified': r.modified }).end();
        return;
      }
      record(r.status ?? 200);
      res.writeHead(r.status ?? 200, { 'Content-Type': r.type, ...(r.status ? {} : { ETag: r.etag, 'Last-Modified': r.modified }), ...r.headers }).end(r.body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  reset();
  return {
    url: base,
    set: put,
    requests: () => [...log],
    reset,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
