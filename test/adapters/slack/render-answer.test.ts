import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBlockProblem, LIMITS, type Block, type SlackMessage } from '../../../src/adapters/slack/blocks.ts';
import { renderAnswer } from '../../../src/adapters/slack/render-answer.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import type { Answer } from '../../../src/core/schema.ts';
import { fixedClock, seedCorpus } from '../../helpers/seed-corpus.ts';

const ask = (q: string) => answerQuestion(q, { corpus: seedCorpus(), clock: fixedClock() });

function texts(blocks: Block[]): string[] {
  return blocks.flatMap((b) => {
    if (b.type === 'section') return [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)];
    if (b.type === 'context') return b.elements.map((e) => e.text);
    if (b.type === 'header') return [b.text.text];
    return [];
  });
}

/** Every `<` in the output opens a link the renderer built from a real http(s) URL; nothing else can ping. */
function expectNoPings(message: SlackMessage): void {
  for (const text of [message.text, ...texts(message.blocks)]) {
    expect(text).not.toMatch(/<(?!https?:\/\/[^\s|<>]+\|[^<>]*>)/);
    expect(text).not.toMatch(/(^|[^\u2060])\b@(channel|here|everyone)\b/i);
    expect(text).not.toMatch(/(^|[^@])@(channel|here|everyone)\b/i);
  }
}

const base: Answer = {
  question: 'q', answered: true, intent: 'general', answer: 'Direct answer [1].', figures: [], asOf: '2025-12-24',
  citations: [{ n: 1, id: 'a', title: 'Title', source: 'Wire', published: '2025-12-24', url: 'https://example.org/a', quote: 'Quote.' }],
};

describe('renderAnswer', () => {
  it('puts the direct answer first, each figure once (the lead, then the other sources), one line per article and "as of"', () => {
    const message = renderAnswer(ask('latest casualty figures'));
    expect(findBlockProblem(message)).toBeNull();
    const [first, second] = message.blocks;
    expect(first).toMatchObject({ type: 'section', text: { text: expect.stringMatching(/^\*?Killed: at least 80/) } });
    expect(second).toMatchObject({ type: 'section', text: { text: expect.stringContaining('• 23 Dec 2025: 20 civilians killed') } });
    const all = texts(message.blocks).join('\n');
    // the lead's figure is not repeated in the list of sources that differ, and there are no figure fields
    expect(all.match(/at least 80 \("at least eighty"\)/g)).toHaveLength(1);
    expect(message.blocks.some((b) => b.type === 'section' && b.fields)).toBe(false);
    const context = texts(message.blocks.filter((b) => b.type === 'context'));
    expect(context[0]).toMatch(/^\[1\] Thailand and Cambodia Resume Ceasefire Talks Amid Renewed Border Clashes · 24 December 2025\n_“/);
    expect(context.at(-1)).toBe('As of 24 December 2025');
    expect(message.text).toMatch(/^Killed: at least 80/);
  });

  it('lists an article cited twice once, with both numbers and each quoted sentence under it', () => {
    const message = renderAnswer({
      ...base,
      answer: 'First [1]. Second [2]. Third [3].',
      citations: [
        { ...base.citations[0]!, n: 1, quote: 'Quote one.' },
        { ...base.citations[0]!, n: 2, id: 'b', title: 'Other', url: null, quote: 'Quote two.' },
        { ...base.citations[0]!, n: 3, quote: 'Quote three.' },
      ],
    });
    const sources = texts(message.blocks.filter((b) => b.type === 'context')).filter((t) => t.startsWith('['));
    expect(sources).toEqual([
      '[1][3] <https://example.org/a|Title> · Wire · 24 December 2025\n_“Quote one.”_\n_“Quote three.”_',
      '[2] Other · Wire · 24 December 2025\n_“Quote two.”_',
    ]);
    expect(new Set(sources).size).toBe(sources.length);
  });

  it('takes the quotes of a citation that carries several (one number per article)', () => {
    const message = renderAnswer({ ...base, citations: [{ ...base.citations[0]!, quotes: ['A.', 'B.'] } as Answer['citations'][number]] });
    expect(texts(message.blocks).find((t) => t.startsWith('[1]'))).toContain('_“A.”_\n_“B.”_');
  });

  it('adds Helpful / Not helpful buttons carrying the answer id, Share on a private answer with the question shown', () => {
    const open = renderAnswer(base, { answerId: 'ans-1' });
    expect(findBlockProblem(open)).toBeNull();
    const actions = open.blocks.find((b) => b.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements.map((e) => [e.action_id, e.value])).toEqual([['sitrep_helpful', 'ans-1'], ['sitrep_not_helpful', 'ans-1']]);
    const own = renderAnswer({ ...base, question: 'who mediated?' }, { answerId: 'ans-2', private: true });
    const ownActions = own.blocks.find((b) => b.type === 'actions');
    expect(ownActions?.type === 'actions' && ownActions.elements.map((e) => e.text.text)).toEqual(['Helpful', 'Not helpful', 'Share in channel']);
    expect(own.blocks[0]).toMatchObject({ type: 'context', elements: [{ text: 'You asked: who mediated?' }] });
    const shared = renderAnswer({ ...base, question: 'who mediated?' }, { answerId: 'ans-2', sharedBy: 'dana' });
    expect(shared.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(shared.blocks[0]).toMatchObject({ type: 'context', elements: [{ text: 'Shared by dana · asked: who mediated?' }] });
  });

  it('links sources that have a URL, with title, source and date', () => {
    const message = renderAnswer(base);
    const context = texts(message.blocks.filter((b) => b.type === 'context'));
    expect(context[0]).toBe('[1] <https://example.org/a|Title> · Wire · 24 December 2025\n_“Quote.”_');
  });

  it('says so, and cites nothing, when the sources do not cover the question', () => {
    const message = renderAnswer(ask('what is the price of bitcoin'));
    expect(findBlockProblem(message)).toBeNull();
    expect(message.text).toMatch(/^My sources don't cover that\./);
    expect(texts(message.blocks).join('\n')).not.toMatch(/\[1\]|As of/);
  });

  it('escapes mentions, broadcasts and disguised links from the question and the articles', () => {
    const hostile = '<!channel> <!here> <@U123> <!subteam^S1> <#C1> <https://evil.example|https://good.example> @here @channel & co';
    const message = renderAnswer({
      ...base,
      question: hostile,
      answer: `${hostile} [1]\n- ${hostile}`,
      citations: [{ ...base.citations[0]!, title: hostile, source: hostile, url: 'javascript:alert(1)' }],
      figures: [
        { kind: 'killed', value: 1, qualifier: hostile, scope: hostile, claimant: hostile, asOf: '2025-12-24', articleId: 'a' },
        { kind: 'killed', value: 2, qualifier: null, scope: null, claimant: null, asOf: '2025-12-23', articleId: 'a' },
      ],
    });
    expect(findBlockProblem(message)).toBeNull();
    expectNoPings(message);
    expect(message.text).toContain('&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt;');
    expect(JSON.stringify(message)).not.toContain('javascript:');
  });

  it('keeps URLs with pipes and angle brackets from breaking out of their link', () => {
    const message = renderAnswer({ ...base, citations: [{ ...base.citations[0]!, url: 'https://example.org/a|<!channel>?x=1&y=2' }] });
    const source = texts(message.blocks).find((t) => t.startsWith('[1]'))!;
    expect(source).toBe('[1] <https://example.org/a%7C%3C!channel%3E?x=1&amp;y=2|Title> · Wire · 24 December 2025\n_“Quote.”_');
    expectNoPings(message);
  });

  it('splits a 20,000-character answer at sentence boundaries into valid blocks, losing nothing', () => {
    const sentences = Array.from({ length: 380 }, (_, i) => `Sentence ${i} reports that talks continued on day ${i}.`);
    const answer = sentences.join(' ');
    expect(answer.length).toBeGreaterThanOrEqual(20_000);
    const message = renderAnswer({ ...base, answer: `${answer}\n- ${answer}` });
    expect(findBlockProblem(message)).toBeNull();
    const sections = message.blocks.filter((b) => b.type === 'section').map((b) => (b.type === 'section' && b.text?.text) || '');
    expect(sections.length).toBeGreaterThan(12);
    for (const s of sections.slice(0, -1)) expect(s).toMatch(/\.$/);
    const joined = sections.join(' ').replace(/\s+/g, ' ');
    for (const s of sentences) expect(joined).toContain(s);
  });

  it('stays within 50 blocks and 3,000 characters a section for any length, and says it shortened', () => {
    const huge = 'x&y '.repeat(60_000) + 'z'.repeat(10_000);
    const message = renderAnswer({ ...base, answer: `${huge}\n${huge}`, citations: Array.from({ length: 25 }, (_, i) => ({ ...base.citations[0]!, n: i + 1, id: `a${i}` })) });
    expect(findBlockProblem(message)).toBeNull();
    expect(message.blocks).toHaveLength(LIMITS.blocksPerMessage);
    expect(texts(message.blocks).join('\n')).toContain('Shortened to fit');
    expect(texts(message.blocks).some((t) => t.startsWith('[25]'))).toBe(true);
    for (const t of texts(message.blocks)) expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it('renders any text as valid, ping-free blocks (property)', () => {
    const piece = fc.constantFrom('<!channel>', '<@U1>', '@here', '&', '<', '>', '|', '*', '\n', '. ', ' ', 'word', '😀', 'a'.repeat(700));
    const text = fc.array(piece, { maxLength: 80 }).map((a) => a.join(''));
    fc.assert(fc.property(text, text, (answer, title) => {
      const message = renderAnswer({ ...base, answer, citations: [{ ...base.citations[0]!, title: title || 't' }] });
      expect(findBlockProblem(message)).toBeNull();
      expectNoPings(message);
    }), { numRuns: 200 });
  });
});

describe('renderBlocks', () => {
  it('caps a header at 150 characters without splitting an emoji, and keeps it plain text', async () => {
    const { renderBlocks } = await import('../../../src/adapters/slack/render-blocks.ts');
    const message = renderBlocks({ fallback: 'f', header: `${'a'.repeat(148)}😀😀 <!channel>`, sections: [{ title: 'T', lines: ['x'] }] });
    expect(findBlockProblem(message)).toBeNull();
    const header = message.blocks[0]!;
    expect(header.type === 'header' && header.text.text).toBe(`${'a'.repeat(148)}…`);
  });
});
