import { buildSuggestions } from '../core/answer/suggest.ts';
import type { Clock } from '../core/schema.ts';
import type { Corpus } from '../core/store/corpus-index.ts';
import type { AboutInfo } from './slack/respond.ts';

/** What a corpus holds, for App Home and help: article count, newest date, newest titles, example questions. */
export function aboutCorpus(getCorpus: () => Promise<Corpus>, clock: Clock): () => Promise<AboutInfo> {
  let about: Promise<AboutInfo> | undefined;
  return () => {
    about ??= getCorpus().then((corpus) => ({
      articles: corpus.data.articles.length,
      newest: corpus.data.articles[0]?.published ?? null,
      titles: corpus.data.articles.slice(0, 5).map((a) => a.title),
      examples: buildSuggestions(corpus, clock),
    }));
    about.catch(() => (about = undefined));
    return about;
  };
}
