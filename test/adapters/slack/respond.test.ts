import { describe, expect, it } from 'vitest';
import { parseBriefCommand } from '../../../src/adapters/slack/command.ts';
import { ChatEventSchema } from '../../../src/adapters/slack/payloads.ts';
import { ChatRateLimiter } from '../../../src/adapters/chat-rate-limit.ts';
import { handleHomeOpened } from '../../../src/adapters/slack/app-home.ts';
import { handleCommand } from '../../../src/adapters/slack/flow-command.ts';
import type { SlashCommand } from '../../../src/adapters/slack/payloads.ts';
import { planEventReply, withSlackDefaults, type SlackResponderDeps } from '../../../src/adapters/slack/respond.ts';
import type { SlackOut } from '../../../src/adapters/slack/slack-out.ts';
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
    expect(parseBriefCommand('latest figures', 'public')).toEqual({ kind: 'ask', question: 'latest figures', visibility: 'public', explicit: false });
    expect(parseBriefCommand('config visibility Private', 'public')).toEqual({ kind: 'config', args: ['visibility', 'private'] });
    expect(parseBriefCommand('latest figures', 'private')).toMatchObject({ visibility: 'private' });
    expect(parseBriefCommand('-p latest figures', 'public')).toMatchObject({ question: 'latest figures', visibility: 'private' });
    expect(parseBriefCommand('--public who mediated', 'private')).toMatchObject({ question: 'who mediated', visibility: 'public' });
    expect(parseBriefCommand('help with the ceasefire talks', 'public')).toMatchObject({ kind: 'ask' });
  });
});

describe('handleCommand', () => {
  const command = (text: string, extra: Partial<SlashCommand> = {}): SlashCommand => ({ command: '/brief', text, user_id: 'U1', channel_id: 'C1', response_url: 'https://hooks.slack.test/r', ...extra });
  const responder = () => {
    const posted: Array<Record<string, unknown>> = [];
    const out: SlackOut = { call: async () => ({}), respond: async (_url, message) => void posted.push(message) };
    return { out, posted };
  };

  it('acknowledges a question at once with a note only the asker sees, then answers through response_url', async () => {
    const { out, posted } = responder();
    const flow = withSlackDefaults(deps);
    const outcome = await handleCommand(command('latest casualty figures'), flow);
    expect(outcome.ack).toMatchObject({ response_type: 'ephemeral', text: 'Looking into: latest casualty figures' });
    expect(posted).toEqual([]);
    await outcome.later!(out);
    expect(posted[0]).toMatchObject({ response_type: 'in_channel', text: expect.stringMatching(/^Killed/) });
    const own = await handleCommand(command('-p latest casualty figures'), flow);
    await own.later!(out);
    expect(posted[1]).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Killed/) });
  });

  it('answers help in the acknowledgement, only to the asker', async () => {
    const flow = withSlackDefaults(deps);
    expect((await handleCommand(command(''), flow)).ack).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/brief &lt;question&gt;') });
    expect((await handleCommand(command('help'), flow)).later).toBeUndefined();
  });

  it('follows the channel setting from /brief config, which a flag still overrides', async () => {
    const { out, posted } = responder();
    const flow = withSlackDefaults(deps);
    expect((await handleCommand(command('config'), flow)).ack.text).toContain('in the channel (the default)');
    expect((await handleCommand(command('config visibility private'), flow)).ack.text).toMatch(/^Saved\. Answers to \/brief here: only to the asker/);
    expect((await handleCommand(command('config digest on'), flow)).ack.text).toContain('Daily digest here: on');
    expect((await handleCommand(command('config colour blue'), flow)).ack.text).toContain("I didn't understand");
    await (await handleCommand(command('who mediated'), flow)).later!(out);
    await (await handleCommand(command('--public who mediated'), flow)).later!(out);
    await (await handleCommand(command('who mediated', { channel_id: 'C2' }), flow)).later!(out);
    expect(posted.map((p) => p.response_type)).toEqual(['ephemeral', 'in_channel', 'in_channel']);
    expect(await flow.store.channelSettings('C1')).toMatchObject({ visibility: 'private', digest: true, updatedBy: 'U1' });
  });

  it('says truly whether a channel gets the digest: the configured channel unless it turns it off, others once they turn it on', async () => {
    const flow = withSlackDefaults({ ...deps, digest: { channel: 'C0ENV' } });
    const configIn = async (channel: string, text = 'config') => (await handleCommand(command(text, { channel_id: channel }), flow)).ack.text;
    expect(await configIn('C0ENV')).toContain('Daily digest here: on (this is the channel the digest is set up for).');
    // a visibility setting alone leaves the digest as it was
    expect(await configIn('C0ENV', 'config visibility private')).toContain('Daily digest here: on (this is the channel the digest is set up for).');
    expect(await configIn('C0ENV', 'config digest off')).toContain('Daily digest here: off (this is the channel the digest is set up for, but the setting here wins).');
    expect(await configIn('C1')).toContain('Daily digest here: off (the default).');
    expect(await configIn('C1', 'config digest on')).toMatch(/Daily digest here: on\.$/);
    expect(await configIn('C1', 'config digest off')).toMatch(/Daily digest here: off\.$/);
  });

  it('says when a digest that is on cannot be posted yet, and why', async () => {
    const flow = withSlackDefaults({ ...deps, digest: { channel: null, blocked: 'this sitrep has no Slack bot token (SLACK_BOT_TOKEN) to post it with' } });
    expect((await handleCommand(command('config digest on'), flow)).ack.text)
      .toContain('Daily digest here: on. It cannot be posted yet: this sitrep has no Slack bot token (SLACK_BOT_TOKEN) to post it with.');
    expect((await handleCommand(command('config digest off'), flow)).ack.text).not.toContain('cannot be posted');
  });

  it('App Home shows each channel\'s digest as the run decides it, and where the digest goes', async () => {
    const flow = withSlackDefaults({ ...deps, digest: { channel: 'C0ENV' } });
    await flow.store.saveChannelSettings('C0ENV', { visibility: 'private' });
    await flow.store.saveChannelSettings('C0ON', { digest: true });
    await flow.store.saveChannelSettings('C0QUIET', { visibility: 'public' });
    let view: unknown;
    await handleHomeOpened('U1', { call: async (_method, args) => { view = (args as { view: unknown }).view; return {}; }, respond: async () => {} }, flow);
    const text = JSON.stringify(view);
    expect(text).toContain('The daily digest goes to <#C0ENV> (unless it is turned off there) and to every channel that turns it on with /brief config digest on.');
    expect(text).toContain('<#C0ENV>: answers only to the asker, digest on');
    expect(text).toContain('<#C0ON>: answers in the channel, digest on');
    expect(text).toContain('<#C0QUIET>: answers in the channel, digest off');
  });

  it('says politely when a person asks too fast, and asks the core nothing more', async () => {
    let asked = 0;
    const flow = withSlackDefaults({ ...deps, ask: (q, h) => { asked++; return deps.ask(q, h); }, limiter: new ChatRateLimiter(fixedClock(), { user: { limit: 2, windowSeconds: 60 }, channel: { limit: 10, windowSeconds: 60 } }) });
    const { out } = responder();
    for (let i = 0; i < 2; i++) await (await handleCommand(command('latest figures'), flow)).later!(out);
    const third = await handleCommand(command('latest figures'), flow);
    expect(third.later).toBeUndefined();
    expect(third.ack.text).toMatch(/^You're asking faster than I can keep up with\. Please try again in \d+ seconds?\.$/);
    expect(asked).toBe(2);
  });

  it('logs a failure and apologises through response_url without details', async () => {
    const logged: unknown[] = [];
    const { out, posted } = responder();
    const failing = withSlackDefaults({ ...deps, ask: () => { throw new Error('index exploded at /srv/secret'); }, logger: { ...silent, error: (f) => logged.push(f.error) } });
    await (await handleCommand(command('latest figures'), failing)).later!(out);
    expect(posted[0]).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Sorry, something went wrong/) });
    expect(JSON.stringify(posted)).not.toContain('exploded');
    expect(logged.some((e) => e instanceof Error)).toBe(true);
  });
});

describe('planEventReply', () => {
  it('flags a reply without a mention in a channel thread as a follow-up of that thread', () => {
    expect(planEventReply(event({ type: 'message', channel: 'C1', channel_type: 'channel', thread_ts: '1699.1', text: 'who signed it?' }), 'UBOT'))
      .toMatchObject({ channel: 'C1', thread_ts: '1699.1', followUp: true, conversation: 'slack:C1:1699.1', question: 'who signed it?' });
  });
  it('answers a channel mention in its thread, and a threaded mention in the same thread', () => {
    expect(planEventReply(event({ type: 'app_mention', channel: 'C1' }), 'UBOT')).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000100', question: 'hi', followUp: false, conversation: 'slack:C1:1700000000.000100' });
    expect(planEventReply(event({ type: 'app_mention', channel: 'C1', thread_ts: '1699.1' }), 'UBOT')).toMatchObject({ thread_ts: '1699.1' });
  });
  it('answers a direct message in the conversation, not in a new thread', () => {
    const plan = planEventReply(event({ type: 'message', channel: 'D1', channel_type: 'im' }), 'UBOT');
    expect(plan).toMatchObject({ channel: 'D1', question: 'hi', followUp: false });
    expect(plan!.thread_ts).toBeUndefined();
  });
  it('ignores bots, itself, edits, channel chatter and mentions inside DMs', () => {
    expect(planEventReply(event({ type: 'app_mention', channel: 'C1', bot_id: 'B2' }), 'UBOT')).toBeNull();
    expect(planEventReply(event({ type: 'message', channel: 'D1', channel_type: 'im', user: 'UBOT' }), 'UBOT')).toBeNull();
    expect(planEventReply(event({ type: 'message', channel: 'D1', channel_type: 'im', subtype: 'message_changed' }), 'UBOT')).toBeNull();
    expect(planEventReply(event({ type: 'message', channel: 'C1', channel_type: 'channel' }), 'UBOT')).toBeNull();
    // a reply in a thread that mentions sitrep is answered as the app_mention, not twice
    expect(planEventReply(event({ type: 'message', channel: 'C1', channel_type: 'channel', thread_ts: '1699.1', text: '<@UBOT> and before that?' }), 'UBOT')).toBeNull();
    expect(planEventReply(event({ type: 'app_mention', channel: 'D1' }), 'UBOT')).toBeNull();
  });
});
