// `npm run bench:cli`: wall time of one `sitrep ask` on the seed corpus, compiled (dist/node, the default) against
// run from source through tsx (SITREP_FROM_SOURCE=1, what every run cost before the build), with `node -e ''` as the
// floor. Runs alternate so all see the same machine load. Flags: --runs N (default 15); --against DIR adds the compiled
// `sitrep ask` of another checkout (built there), to compare a change with what it replaces in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { percentile } from './measure.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, against: { type: 'string' } } });
const runs = Math.max(1, Number(values.runs));
const question = 'latest casualty figures';

const other = values.against === undefined ? undefined : resolve(values.against);
for (const dir of [root, ...(other ? [other] : [])]) {
  if (!existsSync(`${dir}/dist/node/cli.js`)) {
    console.error(`no compiled build in ${dir}: run \`npm run build\` there first`);
    process.exit(1);
  }
}

interface Mode {
  args: string[];
  env: Record<string, string>;
  cwd: string;
}
const modes: Record<string, Mode> = {
  'node -e "" (floor)': { args: ['-e', ''], env: {}, cwd: root },
  'sitrep ask, compiled': { args: ['bin/sitrep.js', 'ask', question], env: {}, cwd: root },
  ...(other ? { 'sitrep ask, compiled, --against': { args: ['bin/sitrep.js', 'ask', question], env: {}, cwd: other } } : {}),
  'sitrep ask, from source (tsx)': { args: ['bin/sitrep.js', 'ask', question], env: { SITREP_FROM_SOURCE: '1' }, cwd: root },
};

/** CPU seconds (user + system) of this process's finished children, from /proc on Linux; null elsewhere. */
function childrenCpuMs(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // cutime and cstime, fields 16 and 17 of stat(5), counted from the state field (3) onwards; 100 ticks a second
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

const times = new Map<string, number[]>(Object.keys(modes).map((name) => [name, []]));
const cpu = new Map<string, number[]>(Object.keys(modes).map((name) => [name, []]));
for (let i = 0; i <= runs; i++) {
  for (const [name, mode] of Object.entries(modes)) {
    const cpuBefore = childrenCpuMs();
    const started = performance.now();
    const result = spawnSync(process.execPath, mode.args, { cwd: mode.cwd, env: { ...process.env, SITREP_ENV_FILE: 'none', ...mode.env }, encoding: 'utf8' });
    const ms = performance.now() - started;
    if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
    if (mode.args.length > 2 && !/as of/i.test(result.stdout)) throw new Error(`${name} gave no answer: ${result.stdout}`);
    const cpuAfter = childrenCpuMs();
    if (i > 0) {
      // the first round warms the file cache
      times.get(name)!.push(ms);
      if (cpuBefore !== null && cpuAfter !== null) cpu.get(name)!.push(cpuAfter - cpuBefore);
    }
  }
}

const ms = (n: number) => `${n.toFixed(0)} ms`.padStart(8);
if (other) console.log(`--against: ${other}`);
console.log(`sitrep ask "${question}", ${runs} runs each, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
console.log(`${'command'.padEnd(32)}   wall: median      p90      min   CPU: median`);
for (const [name, list] of times) {
  const cpuList = cpu.get(name)!;
  console.log(`${name.padEnd(32)}       ${ms(percentile(list, 50))} ${ms(percentile(list, 90))} ${ms(Math.min(...list))}        ${cpuList.length ? ms(percentile(cpuList, 50)) : '     n/a'}`);
}
const compiled = percentile(times.get('sitrep ask, compiled')!, 50);
const source = percentile(times.get('sitrep ask, from source (tsx)')!, 50);
console.log(`compiled / source: ${(compiled / source).toFixed(2)}x (target: under 300 ms on a quiet machine)`);
if (other) {
  const against = percentile(times.get('sitrep ask, compiled, --against')!, 50);
  console.log(`compiled / --against: ${(compiled / against).toFixed(2)}x (${(compiled - against).toFixed(0)} ms)`);
}
