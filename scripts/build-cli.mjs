// Compiles the Node CLI and server to dist/node (one ESM bundle plus lazily loaded chunks), so `sitrep` starts
// without compiling TypeScript. `npm run build`; `npm ci` runs it via `prepare`.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // An install without devDependencies: the bin runs the TypeScript through tsx instead.
  console.warn('sitrep: esbuild is not installed, so no compiled build; `sitrep` will run from source (slower to start)');
  process.exit(0);
}

const target = `${root}dist/node`;
// Built beside the target and swapped in, so a sitrep already running never finds half a build.
const outdir = `${target}.${process.pid}.tmp`;
// zod (about a hundred small ES modules) and lunr are bundled: every `sitrep ask` loads them, and one file compiles
// faster than many. The rest stays in node_modules: Bolt, discord.js and the server load only when used.
const BUNDLED = new Set(['zod', 'lunr']);
const { dependencies } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const external = Object.keys(dependencies).filter((name) => !BUNDLED.has(name)).flatMap((name) => [name, `${name}/*`]);
// zod's namespace exports every locale (about 300 KB, half the bundled zod) though only English, its default, is ever
// used: `z.locales` is given English alone, so V8 has half as much to compile on every run.
const englishOnlyZod = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => (/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-english-only' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({ contents: "export { default as en } from 'zod/v4/locales/en.js';", resolveDir: root, loader: 'js' }));
  },
};
const { metafile } = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/index/cli.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  plugins: [englishOnlyZod],
  // lunr is CommonJS; a bundled CommonJS module may call require(), which an ES module has to be given.
  banner: { js: "import { createRequire as __sitrepRequire } from 'node:module'; const require = __sitrepRequire(import.meta.url);" },
  // The same depth as src/index/cli.ts, so paths made from import.meta.url (the default data/) still resolve.
  chunkNames: '[name]-[hash]',
  sourcemap: 'linked',
  // Smaller files compile faster; identifiers keep their names, so stack traces in logs stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  metafile: true,
});
// The project files the build read (src/, package.json), for bin/sitrep.js to check for edits since without walking src/.
const sources = Object.keys(metafile.inputs).filter((path) => !path.includes('node_modules/') && !path.includes(':')).sort();
writeFileSync(`${outdir}/sources.json`, `${JSON.stringify({ sources }, null, 1)}\n`);
const old = `${target}.${process.pid}.old`;
if (existsSync(target)) renameSync(target, old);
renameSync(outdir, target);
rmSync(old, { recursive: true, force: true });
