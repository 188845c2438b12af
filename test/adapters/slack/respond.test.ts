import { describe, expect, it } from 'vitest';
import { parseBriefCommand } from '../../../src/adapters/slack/command.ts';
import { ChatEventSchema } from '../../../src/adapters/slack/payloads.ts';
import { planEventReply, replyToCommand, type SlackResponderDeps } from '../../../src/adapters/slack/respond.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { silentLogger as silent } from '../../../src/adapters/logger.ts';
import { fixedClock, seedCorpus } from '../../helpers/seed-corpus.ts';

const deps: SlackResponderDeps = { ask: (q) => answerQuestion(q, { corpus: seedCorpus(), clock: fixedClock() }), logger: silent };
const event = (e: Record<string, unknown>) => ChatEventSchema.parse({ ts: '1700000000.000100', user: 'U1', text: 'hi', ...e });

describe('parseBriefCommand', () => {
  it('asks for help on empty text, "help" and a bare mention', () => {
    for (const text of ['', '   ', 'help', 'HELP', '-h', '<@U123>', '-p']) expect(parseBriefCommand(text, 'public')).toEqual({ kind: 'help' });
  });
  it('reads visibility flags before the question, falling back to the default', () => {
    expect(parseBriefCommand('latest figures', 'public')).toEqual({ kind: 'ask', question: 'latest figures', visibility: 'public' });
    expect(parseBriefCommand('latest figures', 'private')).toMatchObject({ visibility: 'private' });
    expect(parseBriefCommand('-p latest figures', 'public')).toMatchObject({ question: 'latest figures', visibility: 'private' });
    expect(parseBriefCommand('--public who mediated', 'private')).toMatchObject({ question: 'who mediated', visibility: 'public' });
    expect(parseBriefCommand('help with the ceasefire talks', 'public')).toMatchObject({ kind: 'ask' });
  });
});

describe('replyToCommand', () => {
  it('answers in the channel by default, only to the asker with -p, and help only to the asker', async () => {
    expect(await replyToCommand('latest casualty figures', '/brief', deps)).toMatchObject({ response_type: 'in_channel', text: expect.stringMatching(/^Killed/) });
    expect(await replyToCommand('-p latest casualty figures', '/brief', deps)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Killed/) });
    expect(await replyToCommand('', '/brief', deps)).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/brief &lt;question&gt;') });
    expect(await replyToCommand('latest casualty figures', '/brief', { ...deps, defaultVisibility: 'private' })).toMatchObject({ response_type: 'ephemeral' });
  });
  it('logs a failure and apologises without details', async () => {
    const logged: unknown[] = [];
    const failing: SlackResponderDeps = { ask: () => { throw new Error('index exploded at /srv/secret'); }, logger: { ...silent, error: (f) => logged.push(f.error) } };
    const reply = await replyToCommand('latest figures', '/brief', failing);
    expect(reply.text).toMatch(/^Sorry, something went wrong/);
    expect(JSON.stringify(reply)).not.toContain('exploded');
    expect(logged.some((e) => e instanceof Error)).toBe(true);
  });
});

describe('planEventReply', () => {
  it('answers a channel mention in its thread, and a threaded mention in the same thread', () => {
    expect(planEventReply(event({ type: 'app_mention', channel: 'C1' }), 'UBOT')).toEqual({ channel: 'C1', thread_ts: '1700000000.000100', question: 'hi' });
    expect(planEventReply(event({ type: 'app_mention', channel: 'C1', thread_ts: '1699.1' }), 'UBOT')).toMatchObject({ thread_ts: '1699.1' });
  });
  it('answers a direct message in the conversation, not in a new thread', () => {
    expect(planEventReply(event({ type: 'message', channel: 'D1', channel_type: 'im' }), 'UBOT')).toEqual({ channel: 'D1', question: 'hi' });
  });
  it('ignores bots, itself, edits, channel chatter and mentions inside DMs', () => {
    expect(planEventReply(event({ type: 'app_mention', channel: 'C1', bot_id: 'B2' }), 'UBOT')).toBeNull();
    expect(planEventReply(event({ type: 'message', channel: 'D1', channel_type: 'im', user: 'UBOT' }), 'UBOT')).toBeNull();
    expect(planEventReply(event({ type: 'message', channel: 'D1', channel_type: 'im', subtype: 'message_changed' }), 'UBOT')).toBeNull();
    expect(planEventReply(event({ type: 'message', channel: 'C1', channel_type: 'channel' }), 'UBOT')).toBeNull();
    expect(planEventReply(event({ type: 'app_mention', channel: 'D1' }), 'UBOT')).toBeNull();
  });
});
