import type { Corpus } from '../store/corpus-index.ts';
import { nameWordSet } from '../store/corpus-index.ts';
import { itemBytes } from '../store/byte-items.ts';
import { countDocumentLengthsSteps } from '../store/score-terms.ts';
import { synonymsByStem, termTable } from '../store/retrieve.ts';
import { newestOfKind } from './answer-figures.ts';
import { prepareNewestRoles } from './answer-people.ts';
import { upcomingEvents } from './answer-time.ts';
import { coverageHint, passagesByDaySteps } from './answer.ts';
import { namesByWord, prepareRoleHolders } from './candidates.ts';
import { peopleIndexSteps } from './people-index.ts';
import { runSteps, type Steps } from '../store/steps.ts';

/**
 * Makes every lookup the engine builds once per corpus (the people by word, the passages by day, the terms by first
 * letter, the newest figures of each kind, ...) ahead of the first question. Each is otherwise made by the first
 * question that needs it, which then pays for it (about 250 ms at 5,000 articles): a server calls this right after
 * loading a corpus, off the request path, and a question asked meanwhile simply makes what it needs itself.
 */
export function prepareCorpus(corpus: Corpus): void {
  runSteps(prepareCorpusSteps(corpus));
}

/** prepareCorpus in steps (see steps.ts), one lookup a step: for a server preparing a new corpus while it answers. */
export function* prepareCorpusSteps(corpus: Corpus): Steps<void> {
  // postings and term lists as bytes for scoring (packed here when the index holds them as strings)
  itemBytes(corpus.data.lunr.postings);
  yield;
  yield* countDocumentLengthsSteps(corpus.docs);
  yield;
  yield* peopleIndexSteps(corpus.data.people);
  yield;
  prepareRoleHolders(corpus);
  yield;
  prepareNewestRoles(corpus);
  yield;
  namesByWord(corpus);
  yield;
  nameWordSet(corpus);
  yield;
  yield* passagesByDaySteps(corpus);
  yield;
  termTable(corpus);
  synonymsByStem();
  yield;
  newestOfKind(corpus.data.figures, 'killed');
  upcomingEvents(corpus);
  yield;
  coverageHint(corpus);
}
