// The Worker the segments benchmark runs inside workerd (bundled by bench/segments.ts with esbuild): it loads index
// files from its R2 bucket, merged into one corpus, and answers questions from it. No node:* here.
import { answerQuestion } from '../src/core/answer/answer.ts';
import { loadCorpus, type Corpus, type IndexFile } from '../src/core/store/corpus-index.ts';
import { mergeIndexFiles } from '../src/core/store/segments.ts';

interface Env {
  BENCH: { get(key: string): Promise<{ text(): Promise<string> } | null> };
}

let corpus: Corpus | null = null;
const clock = { now: () => new Date('2026-01-05T09:00:00Z') };

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/load') {
      corpus = null;
      const keys = (await request.json()) as string[];
      const files: IndexFile[] = [];
      for (const key of keys) {
        const object = await env.BENCH.get(key);
        if (!object) return new Response(`missing ${key}`, { status: 500 });
        files.push(JSON.parse(await object.text()) as IndexFile);
      }
      corpus = loadCorpus(files.length === 1 ? files[0] : mergeIndexFiles(files));
      return Response.json({ articles: corpus.data.articles.length, passages: corpus.data.passages.length });
    }
    if (url.pathname === '/ask' && corpus) {
      const answer = answerQuestion(url.searchParams.get('q') ?? '', { corpus, clock });
      return Response.json({ answered: answer.answered, citations: answer.citations.length });
    }
    return new Response('load first', { status: 400 });
  },
};
