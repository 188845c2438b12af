import type { DedupStore } from './dedup-store.ts';
import type { BlockActions } from './payloads.ts';
import { ACTION, renderAnswer } from './render-answer.ts';
import type { SlackFlowDeps } from './respond.ts';
import type { SlackOut } from './slack-out.ts';

const note = (text: string) => ({ response_type: 'ephemeral', replace_original: false, text });

/**
 * A click on an answer's buttons: helpful / not helpful are recorded with the question, answer and channel (one
 * vote per person and answer); "Share in channel" posts the private answer publicly through response_url, once.
 */
export async function handleAction(payload: BlockActions, out: SlackOut, deps: SlackFlowDeps & { dedup: DedupStore }): Promise<void> {
  const action = payload.actions[0]!;
  const answerId = action.value ?? '';
  const respond = (message: Record<string, unknown>) => (payload.response_url ? out.respond(payload.response_url, message) : Promise.resolve());
  if (action.action_id !== ACTION.helpful && action.action_id !== ACTION.notHelpful && action.action_id !== ACTION.share) return;
  const saved = answerId ? await deps.store.answer(answerId) : null;
  if (!saved) {
    await respond(note('That answer is too old to act on now: ask again with /brief.'));
    return;
  }
  const user = payload.user.id;
  if (action.action_id === ACTION.share) {
    if (!(await deps.dedup.claim(`share:${answerId}`))) {
      await respond(note('This answer is already shared in the channel.'));
      return;
    }
    const shared = renderAnswer(saved.answer, { sharedBy: payload.user.name ?? payload.user.username ?? 'someone' });
    await respond({ response_type: 'in_channel', replace_original: false, ...shared });
    deps.logger.info({ msg: 'slack: answer shared', answerId, channel: saved.channel });
    return;
  }
  const vote = action.action_id === ACTION.helpful ? 'helpful' : 'not_helpful';
  await deps.store.recordFeedback({
    answerId, user, vote, question: saved.answer.question, answer: saved.answer.answer,
    channel: payload.channel?.id ?? payload.container?.channel_id ?? saved.channel, at: deps.clock.now().toISOString(),
  });
  deps.logger.info({ msg: 'slack: feedback', answerId, vote });
  await respond(note(vote === 'helpful' ? 'Thanks: noted as helpful.' : 'Thanks: noted as not helpful. It helps improve the answers.'));
}
