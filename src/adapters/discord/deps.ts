import { answerQuestion } from '../../core/answer/answer.ts';
import type { Corpus } from '../../core/store/corpus-index.ts';
import type { Clock } from '../../core/schema.ts';
import { buildSuggestions, matchSuggestions } from '../../core/answer/suggest.ts';
import type { Logger } from '../logger.ts';
import type { ChatStore } from '../store/chat-store.ts';
import type { BriefDeps } from './brief.ts';

/** The core behind `/brief` on any runtime: answers from the corpus, suggestions built once on first use. */
export function coreBriefDeps(getCorpus: () => Promise<Corpus>, clock: Clock, logger: Logger, store?: ChatStore): BriefDeps {
  let suggestions: Promise<string[]> | undefined;
  const allSuggestions = () => {
    suggestions ??= getCorpus().then((corpus) => buildSuggestions(corpus, clock));
    suggestions.catch(() => (suggestions = undefined));
    return suggestions;
  };
  return {
    ask: async (question, history) => answerQuestion(question, { corpus: await getCorpus(), clock, history }),
    suggest: async (typed) => matchSuggestions(await allSuggestions(), typed),
    logger, clock,
    ...(store ? { store } : {}),
  };
}
