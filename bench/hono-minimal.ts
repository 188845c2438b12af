// The stack's ceiling for bench/http.ts: a hono app on @hono/node-server that answers /v1/ask (GET and POST) with a
// fixed JSON body of an answer's size, doing no work. Prints "listening http://127.0.0.1:PORT" on stderr.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = process.env.MINIMAL_BODY ?? '{"answered":true}';
const app = new Hono();
const reply = () => new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
app.get('/v1/ask', reply);
app.post('/v1/ask', async (c) => {
  await c.req.text();
  return reply();
});
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => process.stderr.write(`listening http://127.0.0.1:${info.port}\n`));
