import { Hono } from 'hono';

/** A hono sub-app for `POST /slack/events` that hands each request to Bolt's FetchReceiver. */
export function createBoltRoute(handle: (request: Request) => Promise<Response>): Hono {
  const route = new Hono();
  route.post('/', (c) => handle(c.req.raw));
  return route;
}
