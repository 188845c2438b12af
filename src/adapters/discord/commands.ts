import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { MAX_ANALYSED_CHARS } from '../../core/query/question.ts';
import { COMMAND_TYPE, OPTION_TYPE } from './api.ts';

/** Command and option names, shared by the definitions, the gateway handler and the interactions endpoint. */
export const BRIEF_COMMAND = 'brief';
export const HELP_COMMAND = 'brief-help';
export const QUESTION_OPTION = 'question';
export const PRIVATE_OPTION = 'private';

/** The slash commands, exactly as `sitrep discord register` sends them (PUT replaces the whole set). */
export const DISCORD_COMMANDS: RESTPutAPIApplicationCommandsJSONBody = [
  {
    type: COMMAND_TYPE.ChatInput,
    name: BRIEF_COMMAND,
    description: 'Ask sitrep about the news it follows; the answer cites its sources.',
    options: [
      {
        type: OPTION_TYPE.String,
        name: QUESTION_OPTION,
        description: 'Your question, e.g. "latest casualty figures"',
        required: true,
        min_length: 2,
        max_length: MAX_ANALYSED_CHARS,
        autocomplete: true,
      },
      {
        type: OPTION_TYPE.Boolean,
        name: PRIVATE_OPTION,
        description: 'Show the answer only to you',
        required: false,
      },
    ],
  },
  {
    type: COMMAND_TYPE.ChatInput,
    name: HELP_COMMAND,
    description: 'How to ask sitrep, with example questions.',
  },
];
