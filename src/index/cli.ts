import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SitrepError } from '../core/ingest/article-file.ts';
import type { Clock } from '../core/schema.ts';
import { parseCommandArgs, portFlag } from './args.ts';
import { COMMAND_HELP, wantsHelp } from './command-help.ts';
import { loadEnvFile } from './env-file.ts';
import { runAsk } from './commands/ask.ts';
import { openCorpus } from './fs-corpus.ts';

/** The project's own data/ folder, the default for --data. */
export const DEFAULT_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');

const HELP = `sitrep - cited answers about a news story, from the articles it has ingested

usage: sitrep <command> [--data DIR]

  ask "QUESTION" [--json]     answer one question (text, or Answer JSON)
  ask --jsonl                 answer one question per stdin line, one Answer JSON per line
  ingest FILE... [--id ID] [--title T] [--source S] [--url U] [--published YYYY-MM-DD]
                              add articles (.txt, or .md with front matter) to the index
  ingest URL [--title T] [--source S] [--published YYYY-MM-DD]
                              add the article of a web page (its text read with Readability)
  follow add URL [--name N] [--every 15m] | list [--json] | remove URL | poll
                              follow RSS, Atom and JSON feeds; poll fetches every source once now
  build                       rebuild the index from the articles
  export-d1 [--out FILE]      the corpus as SQL for Cloudflare D1 (wrangler d1 execute --file)
  eval FILE|STORY_DIR...      score question files or story folders; last line "N passed, M failed"
  serve [--port N] [--host H] the HTTP API and web console (and Slack / Discord when configured)
  digest [--date YYYY-MM-DD] [--json] [--post slack|discord|all]
                              the daily digest for a date (default today, UTC); --post sends it
  discord register [--guild ID] [--dry-run]
                              register /brief and /brief-help with Discord (--dry-run prints the JSON)
  help [COMMAND]              this text, or one command's options (also: sitrep COMMAND --help)

--data DIR picks the data folder (default: the project's data/). Variables are read from the environment and from
.env in the current folder (SITREP_ENV_FILE names another file, or "none"); NO_COLOR turns colour off.`;

const systemClock: Clock = { now: () => new Date() };

/** Notes about the data folder (a recovered change, articles not yet indexed) go to stderr. */
const notice = (message: string) => process.stderr.write(`sitrep: ${message}\n`);

type Command = (argv: string[], clock: Clock) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  async ask(argv, clock) {
    const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, jsonl: { type: 'boolean' } }, 'sitrep ask "QUESTION" [--json] | --jsonl');
    const corpus = await openCorpus(dataDir(values.data), clock, { notice });
    return runAsk(positionals, values, corpus, clock);
  },
  async ingest(argv, clock) {
    const { values, positionals } = parseCommandArgs(argv, {
      id: { type: 'string' }, title: { type: 'string' }, source: { type: 'string' }, url: { type: 'string' }, published: { type: 'string' },
    }, 'sitrep ingest FILE... [--id ID] [--title T] [--source S] [--url U] [--published YYYY-MM-DD]');
    // Loaded when used, like every command but ask: ingest brings the feed and page readers, eval the index builder.
    return (await import('./commands/ingest.ts')).runIngest(positionals, values, dataDir(values.data), clock);
  },
  async follow(argv, clock) {
    return (await import('./commands/follow.ts')).runFollow(argv, dataDir, clock);
  },
  async build(argv, clock) {
    const { values } = parseCommandArgs(argv, {}, 'sitrep build [--data DIR]');
    const { rebuildIndex } = await import('./fs-commit.ts');
    const built = await rebuildIndex(dataDir(values.data), clock, notice);
    process.stdout.write(`index built: ${built.articles} articles, ${built.passages} passages, ${built.bytes} bytes\n`);
    return 0;
  },
  async digest(argv, clock) {
    const { values } = parseCommandArgs(argv, { date: { type: 'string' }, json: { type: 'boolean' }, post: { type: 'string' }, resend: { type: 'boolean' } }, 'sitrep digest [--date YYYY-MM-DD] [--json] [--post slack|discord|all [--resend]]');
    return (await import('./commands/digest.ts')).runDigestCommand(values, dataDir(values.data), clock);
  },
  async discord(argv, clock) {
    return (await import('./commands/discord.ts')).runDiscord(argv, clock);
  },
  async serve(argv, clock) {
    const { values } = parseCommandArgs(argv, { port: { type: 'string' }, host: { type: 'string' } }, 'sitrep serve [--port N] [--host H] [--data DIR]');
    return (await import('./commands/serve.ts')).runServe({ port: portFlag(values.port), host: values.host, dataDir: dataDir(values.data) }, clock);
  },
  async 'export-d1'(argv, clock) {
    const { values } = parseCommandArgs(argv, { out: { type: 'string' } }, 'sitrep export-d1 [--out FILE] [--data DIR]');
    return (await import('./commands/export-d1.ts')).runExportD1(values, dataDir(values.data), clock, notice);
  },
  async eval(argv, clock) {
    const { values, positionals } = parseCommandArgs(argv, { 'hold-back': { type: 'string', multiple: true } }, 'sitrep eval FILE|STORY_DIR... [--data DIR] [--hold-back STORY]');
    return (await import('./commands/evaluate.ts')).runEval(positionals, () => openCorpus(dataDir(values.data), clock, { notice }), clock, values['hold-back'] ?? []);
  },
};

function dataDir(flag: string | undefined): string {
  return flag ? resolve(flag) : DEFAULT_DATA_DIR;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic && !COMMAND_HELP[topic]) {
      process.stderr.write(`sitrep: no command "${topic}"\n\n${HELP}\n`);
      return 2;
    }
    process.stdout.write(`${topic ? COMMAND_HELP[topic] : HELP}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`sitrep: unknown command "${name}"\n\n${HELP}\n`);
    return 2;
  }
  if (wantsHelp(rest)) {
    process.stdout.write(`${COMMAND_HELP[name] ?? HELP}\n`);
    return 0;
  }
  try {
    loadEnvFile();
    return await command(rest, systemClock);
  } catch (error) {
    if (error instanceof SitrepError) {
      process.stderr.write(`sitrep ${name}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`sitrep ${name}: unexpected error: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
