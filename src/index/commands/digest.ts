import { DigestLedger, type DeliveryStatus } from '../../adapters/digest/ledger.ts';
import { realSleep } from '../../adapters/digest/retry-fetch.ts';
import { runDigestJob } from '../../adapters/digest/run.ts';
import { createJsonLogger } from '../../adapters/logger.ts';
import { renderDigestText } from '../../adapters/terminal/render-digest.ts';
import { SitrepError } from '../../core/ingest/article-file.ts';
import { composeDigest } from '../../core/digest/digest.ts';
import type { Digest } from '../../core/digest/digest-schema.ts';
import type { Clock } from '../../core/schema.ts';
import { checkDigestPost, loadDigestConfig } from '../digest-config.ts';
import { digestStatePath, FileDigestStore } from '../digest-state-file.ts';
import { digestTargets } from '../digest-targets.ts';
import { nodeChatStore } from '../node-chat-store.ts';
import { openCorpus } from '../fs-corpus.ts';
import { ownerAlive, processOwner } from '../process-owner.ts';
import { outputStyle } from '../terminal-style.ts';

export interface DigestFlags {
  date?: string;
  json?: boolean;
  post?: string;
  /** post even though a stopped run may already have posted and the channel could not be checked */
  resend?: boolean;
}

/** Exit status when another run holds the date (EX_TEMPFAIL): nothing failed, but this run did not post; try later. */
export const EXIT_IN_PROGRESS = 75;

function print(digest: Digest | null, date: string, json: boolean | undefined): void {
  if (json) process.stdout.write(`${JSON.stringify(digest, null, 2)}\n`);
  else process.stdout.write(`${digest ? renderDigestText(digest, outputStyle()) : `No digest for ${date}: no new reports.`}\n`);
}

/** The note after a destination's state on stderr: what happened, and what to do about it. */
function statusNotes(status: DeliveryStatus): string[] {
  return [
    status.recovered === 'found_in_channel' ? 'found in the channel: a stopped run had posted it' : status.recovered === 'posted' ? 'a stopped run had not posted it' : '',
    status.state === 'in_progress' ? 'another run holds it: try again later' : '',
    status.state === 'off' ? 'the channel turned the digest off with /brief config digest off' : '',
    status.error ?? '',
  ].filter(Boolean);
}

/**
 * `sitrep digest [--date YYYY-MM-DD] [--json] [--post slack|discord|all]`: prints the digest (default date: today,
 * UTC); with --post, also sends it to the configured destinations and the Slack channels whose settings turned it
 * on, once per date and channel, a status line each on stderr.
 */
export async function runDigestCommand(flags: DigestFlags, dataDir: string, clock: Clock): Promise<number> {
  const date = flags.date ?? clock.now().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new SitrepError('usage', `--date must be YYYY-MM-DD, got "${date}"`);
  const config = loadDigestConfig(process.env);
  const only = flags.post !== undefined ? checkDigestPost(config, flags.post) : null;
  const corpus = await openCorpus(dataDir, clock);
  if (!only) {
    print(composeDigest({ corpus, date, options: config.options }), date, flags.json);
    return 0;
  }
  const ledger = new DigestLedger(new FileDigestStore(digestStatePath(config.stateFile, dataDir)));
  const logger = createJsonLogger({ write: (line) => process.stderr.write(`${line}\n`), clock, level: 'warn' });
  const targets = await digestTargets(config, only, nodeChatStore(dataDir, clock), logger);
  const job = await runDigestJob({
    corpus, date, options: config.options, ...targets,
    deps: {
      ledger, fetch, sleep: realSleep, now: () => clock.now(), logger, runId: crypto.randomUUID(),
      owner: processOwner(), ownerAlive, ...(flags.resend ? { resend: true } : {}),
    },
  });
  print(job.digest, date, flags.json);
  for (const [destination, status] of Object.entries(job.results)) {
    const notes = statusNotes(status);
    process.stderr.write(`digest ${date} -> ${destination}: ${status.state}${notes.length ? ` (${notes.join('; ')})` : ''}\n`);
  }
  if (!Object.keys(job.results).length) process.stderr.write(`digest ${date}: no destination (no Slack channel turned it on, and DIGEST_SLACK_CHANNEL is not set)\n`);
  const states = Object.values(job.results).map((s) => s.state);
  return states.includes('failed') ? 1 : states.includes('in_progress') ? EXIT_IN_PROGRESS : 0;
}
