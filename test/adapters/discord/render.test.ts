import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, buildEmbed, embedTextLength, trimAtSentence } from '../../../src/adapters/discord/embed.ts';
import type { DiscordMessage } from '../../../src/adapters/discord/message.ts';
import { renderAnswerMessage } from '../../../src/adapters/discord/render.ts';
import type { Answer, Citation, Figure } from '../../../src/core/schema.ts';

/** Every limit Discord enforces on a message body, checked independently of the code under test. */
function expectWithinLimits(message: DiscordMessage): void {
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect((message.content ?? '').length).toBeLessThanOrEqual(2000);
  expect(message.embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  for (const embed of message.embeds) {
    expect((embed.title ?? '').length).toBeLessThanOrEqual(256);
    expect((embed.description ?? '').length).toBeLessThanOrEqual(4096);
    expect((embed.fields ?? []).length).toBeLessThanOrEqual(25);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(1024);
    }
    expect((embed.footer?.text ?? '').length).toBeLessThanOrEqual(2048);
    total += (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length
      + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(6000);
}

function citation(n: number, extra: Partial<Citation> = {}): Citation {
  return {
    n, id: `article-${n}`, title: `Article number ${n} about the border talks and what each side said about them`,
    source: 'Wire', published: '2025-12-24', url: `https://news.example/articles/${n}`, quote: `Quote ${n}.`, ...extra,
  };
}

function figure(i: number): Figure {
  return { kind: 'killed', value: 1000 + i, unit: null, qualifier: 'at least', scope: 'civilians and soldiers', claimant: `Ministry ${i}`, asOf: '2025-12-24', articleId: `article-${(i % 3) + 1}` };
}

const SENTENCE = 'The delegations met again at the border checkpoint and agreed to keep talking [1].';

function longAnswer(chars: number, extra: Partial<Answer> = {}): Answer {
  const lines: string[] = [];
  for (let i = 0; lines.join('\n').length < chars; i++) lines.push(`${SENTENCE} Talks resumed on day ${i} [2].`);
  return {
    question: 'latest casualty figures', answered: true, intent: 'casualties', answer: lines.join('\n').slice(0, chars),
    citations: Array.from({ length: 40 }, (_, i) => citation(i + 1)), figures: Array.from({ length: 30 }, (_, i) => figure(i)),
    asOf: '2025-12-24', ...extra,
  };
}

describe('renderAnswerMessage', () => {
  it('renders a 20,000-character answer within every Discord limit', () => {
    const answer = longAnswer(20_000);
    expect(answer.answer.length).toBe(20_000);
    const message = renderAnswerMessage(answer);
    expectWithinLimits(message);
    const embed = message.embeds[0]!;
    expect(embed.title).toBe('latest casualty figures');
    expect(embed.footer?.text).toContain('24 December 2025');
    // figures are in the text once; no third copy as fields
    expect(embed.fields).toBeUndefined();
  });

  it('trims a long answer after a whole sentence and points to the sources', () => {
    const embed = renderAnswerMessage(longAnswer(20_000)).embeds[0]!;
    const [body, sources] = embed.description!.split('\n\n**Sources**\n');
    expect(body).toMatch(/\[2\]\. … \(answer shortened: see the sources below\)$/);
    expect(sources).toMatch(/^\[1\] \[Article number 1 [^\]]*\]\(https:\/\/news\.example\/articles\/1\) · Wire, 24 Dec 2025/);
  });

  it('keeps a short answer whole, with sources as links and their quotes, and no figure fields', () => {
    const answer: Answer = {
      question: 'how many killed', answered: true, intent: 'casualties',
      answer: 'Killed: at least 80 [1].\nSources differ: 20 according to the ministry [2].',
      citations: [citation(1, { id: 'a' }), citation(2, { id: 'b', url: null })],
      figures: [
        { kind: 'killed', value: 80, unit: null, qualifier: 'at least', scope: null, claimant: null, asOf: '2025-12-24', articleId: 'a' },
        { kind: 'killed', value: 20, unit: null, qualifier: null, scope: 'civilians', claimant: 'the ministry', asOf: '2025-12-23', articleId: 'b' },
      ],
      asOf: '2025-12-24',
    };
    const embed = renderAnswerMessage(answer).embeds[0]!;
    expect(embed.description).toContain(answer.answer);
    expect(embed.description).toContain('[1] [Article number 1');
    expect(embed.description).toContain('[2] Article number 2'); // no URL: plain title, no link
    expect(embed.fields).toBeUndefined();
  });

  it('shows the lead figure once, then the other sources, and one source line per article with its quotes', () => {
    const answer: Answer = {
      question: 'how many killed', answered: true, intent: 'casualties',
      answer: 'Killed: at least 80 civilians killed [1] (as of 24 December 2025).\nSources differ on the number killed, newest first:\n- 24 Dec 2025: at least 80 civilians killed [1]\n- 23 Dec 2025: 20 killed [2]\n- 22 Dec 2025: 41 killed [3]',
      citations: [citation(1, { id: 'a', quote: 'At least 80 civilians killed.' }), citation(2, { id: 'b', quote: 'Twenty killed.' }), citation(3, { id: 'a', quote: 'Forty-one killed.' })],
      figures: [], asOf: '2025-12-24',
    };
    const description = renderAnswerMessage(answer).embeds[0]!.description!;
    expect(description.match(/at least 80 civilians killed \[1\]/g)).toHaveLength(1);
    expect(description).toContain('• 23 Dec 2025: 20 killed [2]');
    const sources = description.split('**Sources**\n')[1]!;
    expect(sources.split('\n').filter((l) => l.startsWith('['))).toEqual([
      expect.stringMatching(/^\[1\]\[3\] \[Article number 1/),
      expect.stringMatching(/^\[2\] \[Article number 2/),
    ]);
    expect(sources).toContain('> At least 80 civilians killed.\n> Forty\\-one killed.');
  });

  it('shows markdown from an article as text: no link, heading, spoiler or ping', () => {
    const hostile = '[click here](https://evil.example/x) # Breaking ||secret|| **loud** @everyone https://bare.example';
    const answer: Answer = {
      question: '# big [q](https://evil.example)', answered: true, intent: 'general',
      answer: `${hostile} [1]\n# heading line\n- ${hostile}`,
      citations: [citation(1, { id: 'a', url: null, title: '[t](https://evil.example)', quote: hostile })],
      figures: [], asOf: '2025-12-24',
    };
    const description = renderAnswerMessage(answer).embeds[0]!.description!;
    expect(description).not.toMatch(/(^|[^\\])\[[^\]]*\]\(https?:/);
    expect(description).not.toMatch(/https?:\/\//);
    expect(description).not.toMatch(/^#/m);
    expect(description).not.toMatch(/(^|[^\\])\|\|/);
    expect(description).not.toMatch(/(^|[^\\])\*\*loud/);
    expect(description).not.toMatch(/@everyone/);
    expect(description).toContain('\\[click here\\]\\(https:\u200b//evil.example/x\\)');
    expect(description).toContain('\\# heading line');
  });

  it('sets the ephemeral flag only for private answers', () => {
    expect(renderAnswerMessage(longAnswer(100)).flags).toBeUndefined();
    expect(renderAnswerMessage(longAnswer(100), { ephemeral: true }).flags).toBe(64);
  });

  it('never lets a question or an article mention everyone, here, a user or a role', () => {
    const answer = longAnswer(300, {
      question: '@everyone what happened? @here <@123456789012345678> <@&223456789012345678>',
      answer: 'Quoted: "@everyone must leave" [1].',
      citations: [citation(1, { title: '@here is the news <@!323456789012345678>' })],
    });
    const message = renderAnswerMessage(answer);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    const text = JSON.stringify(message);
    expect(text).not.toMatch(/@(everyone|here)/);
    expect(text).not.toMatch(/<@[!&]?\d+>/);
    expect(message.embeds[0]!.title).toContain('everyone what happened?');
  });

  it('stays within every limit for arbitrary answers', () => {
    const text = fc.string({ unit: 'binary', maxLength: 9000 });
    const cite = fc.record({ title: fc.string({ maxLength: 400 }), url: fc.option(fc.webUrl(), { nil: null }), source: fc.option(fc.string({ maxLength: 300 }), { nil: null }) });
    fc.assert(fc.property(text, fc.string({ maxLength: 3000 }), fc.array(cite, { maxLength: 30 }), fc.integer({ min: 0, max: 40 }), (body, question, cites, nFigures) => {
      const answer = longAnswer(0, {
        question, answer: body,
        citations: cites.map((c, i) => citation(i + 1, c)),
        figures: Array.from({ length: nFigures }, (_, i) => ({ ...figure(i), scope: body.slice(0, 900) })),
      });
      expectWithinLimits(renderAnswerMessage(answer));
    }), { numRuns: 150 });
  });
});

describe('buildEmbed', () => {
  it('drops trailing fields before the description falls below its floor, and counts every character', () => {
    const fields = Array.from({ length: 25 }, (_, i) => ({ name: `Field ${i}`, value: 'v'.repeat(1024) }));
    const embed = buildEmbed({ title: 'T', description: 'A sentence. '.repeat(1000), fields, footer: 'F' });
    expect(embed.fields!.length).toBeLessThan(25);
    expect(embed.description!.length).toBeGreaterThanOrEqual(1400);
    expect(embedTextLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  });
});

describe('trimAtSentence', () => {
  it('cuts after the last whole sentence that fits, keeping its citation marker', () => {
    const text = 'First sentence here. [1] Second sentence is longer than the first. Third.';
    expect(trimAtSentence(text, 40, '(more)')).toBe('First sentence here. [1] (more)');
  });

  it('finds every sentence after one whose markers it kept', () => {
    const text = 'One. [1] Two is here. [2] (24 Oct) Three is the last one here.';
    expect(trimAtSentence(text, 40)).toBe('One. [1] Two is here. [2] (24 Oct)');
  });

  it('falls back to a word cut with an ellipsis when no sentence fits', () => {
    const out = trimAtSentence('one two three four five six seven eight nine ten', 20);
    expect(out.length).toBeLessThanOrEqual(20);
    expect(out).toMatch(/^one two .*…$/);
  });

  it('leaves text that fits untouched', () => {
    expect(trimAtSentence('Short.', 10, '(more)')).toBe('Short.');
  });
});
