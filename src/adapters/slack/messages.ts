import type { SlackMessage } from './blocks.ts';
import type { Visibility } from './command.ts';
import { renderBlocks } from './render-blocks.ts';

/** Usage for `/brief help`, an empty question and a bare mention. */
export function renderHelp(command = '/brief', defaultVisibility: Visibility = 'public'): SlackMessage {
  const where = defaultVisibility === 'public' ? 'in the channel' : 'only to you';
  return renderBlocks({
    fallback: `Ask me about the news I follow: ${command} <question>`,
    lead: 'I answer questions about the news I follow, citing the articles each answer rests on.',
    sections: [{
      title: 'How to ask',
      lines: [
        `• ${command} latest casualty figures - answers ${where}`,
        `• ${command} -p who mediated the talks - answers only to you`,
        `• ${command} --public when do the ministers meet - answers in the channel`,
        '• Mention me in a channel with a question: I answer in the thread, and replies there need no mention.',
        '• Or send me a direct message.',
        `• ${command} config - this channel's settings (visibility, digest)`,
      ],
    }],
    notes: ['Answers say "as of" which date, and show where sources disagree.'],
  });
}

/** The short reply when answering failed: the error goes to the log, never to the user. */
export function renderApology(): SlackMessage {
  return renderBlocks({ fallback: 'Sorry, something went wrong while answering. Please try again in a moment.', lead: 'Sorry, something went wrong while answering. Please try again in a moment.' });
}

/** A short message only the asker sees: settings, a working note, a polite refusal. */
export function renderNote(text: string): SlackMessage {
  const [first = text, ...rest] = text.split('\n');
  return renderBlocks({ fallback: first, lead: first, ...(rest.length ? { sections: [{ lines: rest }] } : {}) });
}
