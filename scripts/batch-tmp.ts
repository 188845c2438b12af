import { readFileSync } from 'node:fs';
import { answerQuestion } from '../src/core/answer/answer.ts';
import { parseQuery } from '../src/core/query/typed-query.ts';
import { storyCorpus } from '../src/index/commands/evaluate.ts';
const clock = { now: () => new Date('2026-12-01') };
const ids = process.argv.slice(2);
for (const story of ['gaza-ceasefire-2025', 'india-pakistan-2025', 'la-wildfires-2025']) {
  const dir = `/work/shared/eval/stories/${story}`;
  const qs = JSON.parse(readFileSync(`${dir}/questions.json`, 'utf8')).questions;
  const corpus = await storyCorpus(dir, clock);
  for (const q of qs) {
    if (!ids.some((i) => q.id.includes(i))) continue;
    const a = answerQuestion(q.question, { corpus, clock });
    const t = parseQuery(q.question);
    console.log(`\n### ${q.id}: ${q.question}\n  [${t.answerType} counted=${t.counted} event=${t.event} claimant=${t.claimant} latest=${t.wantsLatest}] expect ${JSON.stringify(q.expect)}`);
    console.log(a.answer.split('\n').slice(0, 6).map((l: string) => '  > ' + l.slice(0, 300)).join('\n'));
  }
}
