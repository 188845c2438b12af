// What the benches that run the built Worker in workerd share: its modules from dist/worker (npm run build:worker),
// the resident memory of the workerd processes miniflare starts, the V8 heap of an isolate (read through workerd's
// inspector), and latency figures.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './news-index.ts';
import { percentile } from './measure.ts';

/** The built Worker (npm run build:worker) as Miniflare modules: worker.js and the bundled index text module. */
export function builtWorkerModules(): Array<{ type: 'ESModule' | 'Text'; path: string; contents: string }> {
  const dist = join(ROOT, 'dist/worker');
  let files: string[];
  try {
    files = readdirSync(dist);
  } catch {
    throw new Error('no dist/worker: run `npm run build:worker` first');
  }
  const indexModule = files.find((f) => f.endsWith('-index.json'));
  return [
    { type: 'ESModule', path: join(dist, 'worker.js'), contents: readFileSync(join(dist, 'worker.js'), 'utf8') },
    ...(indexModule ? [{ type: 'Text' as const, path: join(dist, indexModule), contents: readFileSync(join(dist, indexModule), 'utf8') }] : []),
  ];
}

/** Resident memory of the workerd processes started by this process (miniflare's runtime), in bytes. */
export function workerdRss(): number {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,comm='], { encoding: 'utf8' });
  const rows = out.trim().split('\n').map((l) => l.trim().split(/\s+/)).map(([pid, ppid, rss, comm]) => ({ pid: Number(pid), ppid: Number(ppid), rss: Number(rss) * 1024, comm: comm ?? '' }));
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of rows) if (mine.has(r.ppid) && !mine.has(r.pid)) { mine.add(r.pid); grew = true; }
  }
  return rows.filter((r) => mine.has(r.pid) && r.comm.startsWith('workerd')).reduce((sum, r) => sum + r.rss, 0);
}

/**
 * The V8 heap of the Worker's isolate (used and total bytes) after a full garbage collection, from workerd's inspector
 * (Chrome DevTools Protocol: HeapProfiler.collectGarbage twice, then Runtime.getHeapUsage). Needs Node's WebSocket (Node 22,
 * or Node 20 with --experimental-websocket); null when it is missing or the inspector does not answer.
 */
export async function isolateHeap(inspectorPort: number, workerName?: string): Promise<{ used: number; total: number; backing: number | null } | null> {
  const Socket = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  if (!Socket) return null;
  try {
    const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as Array<{ id: string; title?: string; webSocketDebuggerUrl?: string }>;
    const target = targets.find((t) => !workerName || t.title?.includes(workerName) || t.id.includes(workerName)) ?? targets[0];
    const url = target?.webSocketDebuggerUrl ?? (target ? `ws://127.0.0.1:${inspectorPort}/${target.id}` : null);
    if (!url) return null;
    const socket = new Socket(url);
    await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
    let next = 1;
    const call = (method: string) => new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => reject(new Error(`${method}: no answer`)), 30_000);
      socket.addEventListener('message', function onMessage(event: MessageEvent) {
        const message = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, unknown>; error?: unknown };
        if (message.id !== id) return;
        socket.removeEventListener('message', onMessage);
        clearTimeout(timer);
        if (message.error) reject(new Error(JSON.stringify(message.error)));
        else resolve(message.result ?? {});
      });
      socket.send(JSON.stringify({ id, method }));
    });
    // twice: objects held by native wrappers (requests, responses) become garbage only after a first collection
    await call('HeapProfiler.collectGarbage').catch(() => undefined);
    await call('HeapProfiler.collectGarbage').catch(() => undefined);
    const usage = await call('Runtime.getHeapUsage');
    socket.close();
    // backingStorageSize (ArrayBuffer memory outside the heap) is reported by newer V8s only
    return { used: Number(usage.usedSize), total: Number(usage.totalSize), backing: usage.backingStorageSize === undefined ? null : Number(usage.backingStorageSize) };
  } catch {
    return null;
  }
}

/**
 * What the isolate holds alive, from a heap snapshot (HeapProfiler.takeHeapSnapshot, which collects garbage first):
 * the objects' sizes summed, ArrayBuffer contents apart. Steadier than Runtime.getHeapUsage after a collection,
 * whose used size also counts dead objects not yet swept (in workerd it varied by 50 MiB between alike runs).
 * Null when the inspector does not answer.
 */
export async function liveHeap(inspectorPort: number): Promise<{ objects: number; arrayBuffers: number } | null> {
  const Socket = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  if (!Socket) return null;
  try {
    const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as Array<{ id: string; webSocketDebuggerUrl?: string }>;
    const target = targets[0];
    if (!target) return null;
    const socket = new Socket(target.webSocketDebuggerUrl ?? `ws://127.0.0.1:${inspectorPort}/${target.id}`);
    await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
    const chunks: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('takeHeapSnapshot: no answer')), 120_000);
      socket.addEventListener('message', (event: MessageEvent) => {
        const message = JSON.parse(String(event.data)) as { id?: number; method?: string; params?: { chunk: string } };
        if (message.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(message.params!.chunk);
        if (message.id === 1) { clearTimeout(timer); resolve(); }
      });
      socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.takeHeapSnapshot', params: { reportProgress: false } }));
    });
    socket.close();
    const snapshot = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[]; strings: string[] };
    const fields = snapshot.snapshot.meta.node_fields;
    const [name, size] = [fields.indexOf('name'), fields.indexOf('self_size')];
    let objects = 0;
    let arrayBuffers = 0;
    for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
      if (snapshot.strings[snapshot.nodes[i + name]!] === 'system / JSArrayBufferData') arrayBuffers += snapshot.nodes[i + size]!;
      else objects += snapshot.nodes[i + size]!;
    }
    return { objects, arrayBuffers };
  } catch {
    return null;
  }
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const loadAverage = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** p50, p90, p99 and max of wall times in ms, rounded to 0.1 ms. */
export function latencies(times: number[]): { p50: number; p90: number; p99: number; max: number; n: number } {
  const r = (x: number) => Math.round(x * 10) / 10;
  return { p50: r(percentile(times, 50)), p90: r(percentile(times, 90)), p99: r(percentile(times, 99)), max: r(Math.max(...times)), n: times.length };
}
