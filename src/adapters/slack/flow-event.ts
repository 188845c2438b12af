import { rateLimitedText } from '../chat-rate-limit.ts';
import { askInConversation } from '../conversation.ts';
import { TTL } from '../store/chat-store.ts';
import { renderApology, renderHelp } from './messages.ts';
import type { ChatEvent } from './payloads.ts';
import { renderAnswer } from './render-answer.ts';
import { planEventReply, type SlackFlowDeps } from './respond.ts';
import type { SlackOut } from './slack-out.ts';

/** The reaction shown on a question while sitrep works on it. */
export const WORKING_REACTION = 'hourglass_flowing_sand';

/** Reactions are a courtesy: a failure (missing scope, message gone) is logged and never stops the answer. */
async function react(out: SlackOut, method: 'reactions.add' | 'reactions.remove', channel: string, ts: string, deps: SlackFlowDeps): Promise<void> {
  try {
    await out.call(method, { channel, timestamp: ts, name: WORKING_REACTION });
  } catch (error) {
    deps.logger.warn({ msg: `slack: ${method} failed`, error: (error as Error).message });
  }
}

/**
 * Answers a mention, a direct message or a reply in a thread where sitrep already spoke (no mention needed there),
 * with the thread's earlier questions as context. Marks the question with a reaction while working, posts the
 * answer with chat.postMessage in the thread, and removes the mark. Over the rate limit: a polite note to the asker.
 */
export async function handleChatEvent(event: ChatEvent, botUserId: string | undefined, out: SlackOut, deps: SlackFlowDeps): Promise<void> {
  const plan = planEventReply(event, botUserId);
  if (!plan) return;
  if (plan.followUp && !(await deps.store.history(plan.conversation).catch(() => [])).length) return;
  const where = { channel: plan.channel, ...(plan.thread_ts ? { thread_ts: plan.thread_ts } : {}) };
  const post = (message: { text: string; blocks: unknown[] }) =>
    out.call('chat.postMessage', { ...where, text: message.text, blocks: message.blocks, link_names: false, unfurl_links: false, unfurl_media: false });
  if (plan.help) {
    await post(renderHelp('/brief', deps.defaultVisibility ?? 'public'));
    return;
  }
  const wait = deps.limiter.hit(`slack:${plan.user}`, `slack:${plan.channel}`);
  if (wait !== null) {
    await out.call('chat.postEphemeral', { ...where, user: plan.user, text: rateLimitedText(wait) });
    return;
  }
  await react(out, 'reactions.add', plan.channel, plan.ts, deps);
  try {
    let message;
    try {
      const { answer, answerId } = await askInConversation(plan.question, {
        read: [plan.conversation], write: [{ key: plan.conversation, ttlSeconds: TTL.thread }], channel: plan.channel, user: plan.user, private: false,
      }, { ...deps, onStoreError: (error) => deps.logger.warn({ msg: 'slack: conversation store failed', error }) });
      message = renderAnswer(answer, { answerId });
    } catch (error) {
      deps.logger.error({ msg: 'slack: answering failed', error });
      message = renderApology();
    }
    await post(message);
  } finally {
    await react(out, 'reactions.remove', plan.channel, plan.ts, deps);
  }
}
