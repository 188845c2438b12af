// Renders an answer as sitrep sends it to Slack (the real Block Kit JSON) into a Slack-like HTML card and takes a
// screenshot with headless Chromium: `npx tsx scripts/slack-preview.ts "question" docs/slack-answer.png`.
// A preview only: Slack's own client is the reference; this shows the blocks' structure, text and buttons.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Block } from '../src/adapters/slack/blocks.ts';
import { renderAnswer } from '../src/adapters/slack/render-answer.ts';
import { answerQuestion } from '../src/core/answer/answer.ts';
import { loadCorpus } from '../src/core/store/corpus-index.ts';

const [question = 'latest casualty figures', out = 'docs/slack-answer.png'] = process.argv.slice(2);
const corpus = loadCorpus(JSON.parse(readFileSync(new URL('../data/index.json', import.meta.url), 'utf8')));
const answer = answerQuestion(question, { corpus, clock: { now: () => new Date('2025-12-25T09:00:00Z') } });
const message = renderAnswer(answer, { answerId: 'preview', private: true });

const esc = (t: string) => t.replace(/&(?!amp;|lt;|gt;)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Slack mrkdwn (already escaped by sitrep) to HTML: links, bold, italics, line breaks. */
function mrkdwnHtml(text: string): string {
  return text
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, (_m, url: string, label: string) => `<a href="${url}">${label}</a>`)
    .replace(/(^|\s)\*([^*\n]+)\*/g, '$1<b>$2</b>')
    .replace(/(^|\s)_([^_\n]+)_/g, '$1<i>$2</i>')
    .replace(/\n/g, '<br>');
}
function blockHtml(block: Block): string {
  switch (block.type) {
    case 'section': return `<div class="section">${block.text ? mrkdwnHtml(block.text.text) : ''}${block.fields ? `<div class="fields">${block.fields.map((f) => `<div>${mrkdwnHtml(f.text)}</div>`).join('')}</div>` : ''}</div>`;
    case 'context': return `<div class="context">${block.elements.map((e) => mrkdwnHtml(e.text)).join(' ')}</div>`;
    case 'header': return `<h3>${esc(block.text.text)}</h3>`;
    case 'actions': return `<div class="actions">${block.elements.map((b) => `<span class="button${b.style ? ` ${b.style}` : ''}">${esc(b.text.text)}</span>`).join('')}</div>`;
    default: return '<hr>';
  }
}
const html = `<!doctype html><meta charset="utf-8"><style>
body { font: 15px/1.46 "Lato", system-ui, sans-serif; color: #1d1c1d; background: #fff; margin: 0; padding: 16px; width: 640px; }
.msg { display: flex; gap: 8px; } .avatar { width: 36px; height: 36px; border-radius: 4px; background: #1d3557; color: #fff; font-weight: 700; display: grid; place-items: center; }
.name { font-weight: 900; } .app { font-size: 10px; background: #ddd; border-radius: 2px; padding: 1px 3px; margin-left: 4px; color: #555; } .only { color: #616061; font-size: 13px; margin-left: 6px; }
.section { margin: 4px 0 8px; white-space: normal; } .context { color: #616061; font-size: 13px; margin: 4px 0 8px; }
a { color: #1264a3; text-decoration: none; } .actions { display: flex; gap: 8px; margin-top: 8px; }
.button { border: 1px solid #bbb; border-radius: 4px; padding: 3px 12px; font-weight: 700; font-size: 13px; } .button.primary { background: #007a5a; color: #fff; border-color: #007a5a; }
</style><div class="msg"><div class="avatar">s</div><div><div><span class="name">sitrep</span><span class="app">APP</span><span class="only">Only visible to you</span></div>
${message.blocks.map(blockHtml).join('\n')}</div></div>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 672, height: 400 } });
await page.setContent(html);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(`wrote ${out}`);
