import { z } from 'zod';

/** The message-like events sitrep answers: `app_mention` and `message` (direct messages). */
export const ChatEventSchema = z.object({
  type: z.string(),
  channel: z.string().min(1),
  user: z.string().optional(),
  text: z.string().optional().default(''),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  channel_type: z.string().optional(),
});
export type ChatEvent = z.infer<typeof ChatEventSchema>;

/** An Events API delivery (`event_callback`). */
export const EventCallbackSchema = z.object({
  type: z.literal('event_callback'),
  event_id: z.string().min(1),
  team_id: z.string().optional(),
  authorizations: z.array(z.object({ user_id: z.string().optional() })).optional(),
  event: z.object({ type: z.string() }).loose(),
});
export type EventCallback = z.infer<typeof EventCallbackSchema>;

export const UrlVerificationSchema = z.object({ type: z.literal('url_verification'), challenge: z.string() });

/** A slash command invocation (form-encoded fields). */
export const SlashCommandSchema = z.object({
  command: z.string().min(1),
  text: z.string().default(''),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  team_id: z.string().optional(),
  response_url: z.string().optional(),
  trigger_id: z.string().optional(),
});
export type SlashCommand = z.infer<typeof SlashCommandSchema>;

/** A click on one of sitrep's buttons (interactivity, `block_actions`). */
export const BlockActionsSchema = z.object({
  type: z.literal('block_actions'),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  user: z.object({ id: z.string().min(1), username: z.string().optional(), name: z.string().optional() }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional(), is_ephemeral: z.boolean().optional() }).loose().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional(), action_ts: z.string().optional() })).min(1),
});
export type BlockActions = z.infer<typeof BlockActionsSchema>;

/** Someone opened sitrep's App Home. */
export const AppHomeOpenedSchema = z.object({
  type: z.literal('app_home_opened'),
  user: z.string().min(1),
  tab: z.string().optional(),
});
