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
// zod's `z` namespace re-exports parts of zod that sitrep never uses, and a namespace keeps everything it names in the
// bundle. Where zod's index files (and only they) name those parts, the build gives a slimmer module: every locale but
// English, its default (about 300 KB, half the bundled zod), and compile() and fromJSONSchema() (about 65 KB), which
// throw if called. Half as much for V8 to compile on every run; validation and its messages are zod's own.
const notBuilt = (name) => `export function ${name}() { throw new Error("zod's ${name}() is left out of sitrep's CLI build (scripts/build-cli.mjs)"); }`;
const SLIM_ZOD = [
  { importer: /zod\/v4\/(core\/index|classic\/external|mini\/external)\.js$/, path: '../locales/index.js', contents: "export { default as en } from 'zod/v4/locales/en.js';" },
  {
    importer: /zod\/v4\/core\/index\.js$/, path: './compile.js',
    contents: `export const INVALID = Symbol.for('zod.compile.invalid'); export class ZodCompileAsyncError extends Error {} export class ZodCompileUnsupportedError extends Error {} ${['compile', 'compileFn', 'withParser'].map(notBuilt).join(' ')}`,
  },
  { importer: /zod\/v4\/classic\/external\.js$/, path: './from-json-schema.js', contents: notBuilt('fromJSONSchema') },
];
const slimZod = {
  name: 'slim-zod',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/(locales\/index|compile|from-json-schema)\.js$/ }, (args) => {
      const importer = args.importer.replaceAll('\\', '/');
      const slim = SLIM_ZOD.findIndex((part) => part.path === args.path && part.importer.test(importer));
      return slim < 0 ? undefined : { path: String(slim), namespace: 'slim-zod' };
    });
    build.onLoad({ filter: /.*/, namespace: 'slim-zod' }, (args) => ({ contents: SLIM_ZOD[Number(args.path)].contents, resolveDir: root, loader: 'js' }));
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
  plugins: [slimZod],
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
