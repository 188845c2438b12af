import type {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from 'discord-api-types/v10';

// discord-api-types' enums as plain constants, checked against its types: its CommonJS module does not load in
// workerd's test runner, and the Worker needs only these few values.

export const INTERACTION_TYPE = { Ping: 1, ApplicationCommand: 2, Autocomplete: 4 } as const satisfies Record<string, InteractionType>;

export const RESPONSE_TYPE = {
  Pong: 1, ChannelMessageWithSource: 4, AutocompleteResult: 8,
} as const satisfies Record<string, InteractionResponseType>;

export const COMMAND_TYPE = { ChatInput: 1 } as const satisfies Record<string, ApplicationCommandType>;

export const OPTION_TYPE = { String: 3, Boolean: 5 } as const satisfies Record<string, ApplicationCommandOptionType>;

export const MESSAGE_FLAG = { Ephemeral: 64 } as const satisfies Record<string, MessageFlags>;
