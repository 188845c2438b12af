import type { Corpus } from '../store/corpus-index.ts';
import { nameWordSet } from '../store/corpus-index.ts';
import { itemBytes } from '../store/byte-items.ts';
import { countDocumentLengths } from '../store/score-terms.ts';
import { synonymsByStem, termTable } from '../store/retrieve.ts';
import { newestOfKind } from './answer-figures.ts';
import { prepareNewestRoles } from './answer-people.ts';
import { upcomingEvents } from './answer-time.ts';
import { coverageHint, passagesByDay } from './answer.ts';
import { namesByWord, prepareRoleHolders } from './candidates.ts';
import { peopleIndex } from './people-index.ts';

/**
 * Makes every lookup the engine builds once per corpus (the people by word, the passages by day, the terms by first
 * letter, the newest figures of each kind, ...) ahead of the first question. Each is otherwise made by the first
 * question that needs it, which then pays for it (about 250 ms at 5,000 articles): a server calls this right after
 * loading a corpus, off the request path, and a question asked meanwhile simply makes what it needs itself.
 */
export function prepareCorpus(corpus: Corpus): void {
  // postings and term lists as bytes for scoring (packed here when the index holds them as strings)
  itemBytes(corpus.data.lunr.postings);
  countDocumentLengths(corpus.docs);
  peopleIndex(corpus.data.people);
  prepareRoleHolders(corpus);
  prepareNewestRoles(corpus);
  namesByWord(corpus);
  nameWordSet(corpus);
  passagesByDay(corpus);
  termTable(corpus);
  synonymsByStem();
  newestOfKind(corpus.data.figures, 'killed');
  upcomingEvents(corpus);
  coverageHint(corpus);
}
