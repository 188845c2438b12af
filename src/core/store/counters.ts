/**
 * Counts of the items the store touches while answering: lunr searches, postings read, index terms compared with a misspelt word,
 * passages whose term lists were decoded, articles laid out. A test asks the same questions of a small and a large corpus and checks
 * these stay the same (cost per question that does not grow with the corpus); they are never read when answering.
 */
export const storeCounters = { searches: 0, postingsRead: 0, termsCompared: 0, passagesDecoded: 0, articlesLaidOut: 0 };

export function resetStoreCounters(): void {
  storeCounters.searches = 0;
  storeCounters.postingsRead = 0;
  storeCounters.termsCompared = 0;
  storeCounters.passagesDecoded = 0;
  storeCounters.articlesLaidOut = 0;
}
