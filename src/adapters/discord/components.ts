import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIComponentInMessageActionRow } from 'discord-api-types/v10';

/** custom_id prefixes of the buttons under an answer; the saved answer's id follows the last colon. */
export const BUTTON = { helpful: 'sitrep:helpful:', notHelpful: 'sitrep:not_helpful:', share: 'sitrep:share:' } as const;

const ACTION_ROW = 1;
const BUTTON_TYPE = 2;
const STYLE = { primary: 1, secondary: 2 } as const;

function button(label: string, customId: string, style: number): APIButtonComponentWithCustomId {
  return { type: BUTTON_TYPE, label, custom_id: customId.slice(0, 100), style } as APIButtonComponentWithCustomId;
}

/** Helpful / Not helpful under every answer, and Share on a private one. */
export function answerButtons(answerId: string, isPrivate: boolean): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const buttons = [button('Helpful', `${BUTTON.helpful}${answerId}`, STYLE.secondary), button('Not helpful', `${BUTTON.notHelpful}${answerId}`, STYLE.secondary)];
  if (isPrivate) buttons.push(button('Share', `${BUTTON.share}${answerId}`, STYLE.primary));
  return [{ type: ACTION_ROW, components: buttons }];
}

/** Which button a custom_id names, and the answer it belongs to; null for anything else. */
export function parseButton(customId: string): { action: keyof typeof BUTTON; answerId: string } | null {
  for (const [action, prefix] of Object.entries(BUTTON) as Array<[keyof typeof BUTTON, string]>) {
    if (customId.startsWith(prefix) && customId.length > prefix.length) return { action, answerId: customId.slice(prefix.length) };
  }
  return null;
}
