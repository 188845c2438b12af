/** The few Block Kit shapes sitrep sends, and Slack's limits for them. */

export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  headerText: 150,
  actionElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** Slack truncates longer `text`; notifications show far less. */
  fallbackText: 3000,
} as const;

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  verbatim?: boolean;
}
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface SectionBlock {
  type: 'section';
  text?: MrkdwnText;
  fields?: MrkdwnText[];
}
export interface ContextBlock {
  type: 'context';
  elements: MrkdwnText[];
}
export interface HeaderBlock {
  type: 'header';
  text: PlainText;
}
export interface DividerBlock {
  type: 'divider';
}
export interface ButtonElement {
  type: 'button';
  text: PlainText;
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
}
/** A row of buttons (helpful / not helpful / share). */
export interface ActionsBlock {
  type: 'actions';
  block_id?: string;
  elements: ButtonElement[];
}
export type Block = SectionBlock | ContextBlock | HeaderBlock | DividerBlock | ActionsBlock;

/** What chat.postMessage, a slash-command reply and response_url all take. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** mrkdwn with `verbatim` so Slack does not auto-link names or channels inside already escaped text. */
export function mrkdwn(text: string): MrkdwnText {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** A problem with a message that Slack would refuse, or null when it is within every limit. */
export function findBlockProblem(message: SlackMessage): string | null {
  if (!message.text.trim()) return 'empty fallback text';
  if (message.text.length > LIMITS.fallbackText) return 'fallback text too long';
  if (message.blocks.length > LIMITS.blocksPerMessage) return `${message.blocks.length} blocks`;
  for (const [i, block] of message.blocks.entries()) {
    if (block.type === 'section') {
      if (!block.text && !block.fields?.length) return `section ${i} is empty`;
      if (block.text && (!block.text.text.trim() || block.text.text.length > LIMITS.sectionText)) return `section ${i} text length ${block.text.text.length}`;
      if (block.fields && (block.fields.length > LIMITS.fieldsPerSection || block.fields.some((f) => !f.text.trim() || f.text.length > LIMITS.fieldText))) return `section ${i} fields`;
    } else if (block.type === 'context') {
      if (!block.elements.length || block.elements.length > LIMITS.contextElements) return `context ${i} has ${block.elements.length} elements`;
      if (block.elements.some((e) => !e.text.trim() || e.text.length > LIMITS.contextText)) return `context ${i} element length`;
    } else if (block.type === 'actions') {
      if (!block.elements.length || block.elements.length > LIMITS.actionElements) return `actions ${i} has ${block.elements.length} elements`;
      if (block.elements.some((e) => !e.text.text.trim() || e.text.text.length > LIMITS.buttonText || e.value.length > LIMITS.buttonValue || !e.action_id || e.action_id.length > LIMITS.actionId)) return `actions ${i} button`;
      if (new Set(block.elements.map((e) => e.action_id)).size !== block.elements.length) return `actions ${i} repeats an action_id`;
    } else if (block.type === 'header') {
      if (!block.text.text.trim() || block.text.text.length > LIMITS.headerText) return `header ${i} length`;
    }
  }
  return null;
}
