// The web console in real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/adapters/logger.ts';
import { loadCorpus } from '../../../src/core/store/corpus-index.ts';
import { buildIndex } from '../../../src/core/store/build-index-node.ts';
import { loadConfig } from '../../../src/index/config.ts';
import { startServer, type RunningServer } from '../../../src/index/node.ts';
import { fixedClock, ROOT, seedCorpus } from '../../helpers/seed-corpus.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of the console go here (git-ignored), one per width. */
const SHOTS = join(ROOT, 'test-results', 'console');

/** A corpus whose article carries markup and a javascript: link, to prove the page shows them as text. */
function hostileCorpus() {
  const data = buildIndex([{
    id: 'hostile-article', title: 'Talks <img src=x onerror="window.__pwned=1"> resume', source: '<b>Wire</b>',
    url: 'javascript:window.__pwned=2', published: '2025-12-24', standfirst: null,
    paragraphs: ['The ceasefire talks resumed at the <script>window.__pwned=3</script> Chanthaburi checkpoint on Wednesday, officials said.'],
  }], new Date('2025-12-25T00:00:00Z'));
  return loadCorpus(JSON.parse(JSON.stringify(data)));
}

async function serve(corpus = seedCorpus()): Promise<RunningServer> {
  return startServer({ config: loadConfig({ HOST: '127.0.0.1', PORT: '0' }), corpus, clock: fixedClock(), logger: silentLogger, integrations: [] });
}

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().textContent()) ?? '';
}

async function ask(page: Page, question: string): Promise<void> {
  const input = page.getByLabel('Question');
  await input.fill(question);
  await input.press('Enter');
  await page.locator('#result h2').waitFor();
  await page.waitForFunction(() => document.getElementById('result')?.getAttribute('aria-busy') === 'false');
}

describe('web console in Chromium', () => {
  let seed: RunningServer;
  let hostile: RunningServer;
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does, or set CHROMIUM_PATH.`);
    }
    [seed, hostile] = await Promise.all([serve(), serve(hostileCorpus())]);
    profile = mkdtempSync(join(tmpdir(), 'sitrep-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await context?.close();
    await Promise.all([seed?.close(), hostile?.close()]);
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('asks a question and shows a cited answer with figures and an as-of date', async () => {
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    page.on('pageerror', (e) => failed.push(e.message));
    await page.goto(`${seed.url}/`);
    await page.waitForFunction(() => /articles/.test(document.getElementById('about')?.textContent ?? ''));
    await ask(page, 'latest casualty figures');

    expect(await text(page, '#result h2')).toBe('Answer');
    expect(await text(page, '.answer-text')).toMatch(/\b80\b/);
    const citations = page.locator('.citations li');
    expect(await citations.count()).toBeGreaterThan(0);
    const first = citations.first();
    expect((await first.locator('blockquote').textContent())?.trim()).toBeTruthy();
    expect(await first.textContent()).toMatch(/\d{1,2} \w+ 20\d\d/);
    expect(await page.locator('.answer-text a[href="#cite-1"]').first().textContent()).toBe('[1]');
    expect(await page.locator('table.figures tbody tr').count()).toBeGreaterThan(1);
    expect(await page.locator('.as-of time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.getByRole('status').textContent()).toContain('Answer ready');
    expect(new URL(page.url()).searchParams.get('q')).toBe('latest casualty figures');
    expect(failed).toEqual([]);
    await page.close();
  });

  it('shows the "not covered" reply for an off-topic question', async () => {
    const page = await context.newPage();
    await page.goto(`${seed.url}/`);
    await ask(page, 'Who won the 2022 World Cup?');
    expect(await text(page, '#result h2')).toBe('Not covered by the sources');
    expect(await text(page, '.answer-text')).toContain("don't cover");
    expect(await page.locator('.citations li').count()).toBe(0);
    await page.close();
  });

  it('works from the keyboard: / focuses the question, Enter asks', async () => {
    const page = await context.newPage();
    await page.goto(`${seed.url}/`);
    await page.locator('body').click();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question');
    await page.keyboard.type('who mediated the October accord');
    await page.keyboard.press('Enter');
    await page.locator('#result h2').waitFor();
    await page.waitForFunction(() => document.getElementById('result')?.getAttribute('aria-busy') === 'false');
    expect(await text(page, '#result h2')).toBe('Answer');
    expect(await text(page, '.answer-text')).toContain('Malaysia');
    await page.close();
  });

  it.each([375, 1280])('fits %i px with no horizontal scroll, and charts a figure reported on several dates', async (width) => {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${seed.url}/?q=${encodeURIComponent('latest casualty figures')}`);
    await page.locator('#result h2').waitFor();
    await page.waitForFunction(() => document.getElementById('result')?.getAttribute('aria-busy') === 'false');
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    // killed on 22, 23 and 24 December, by two claimants: one accessible SVG chart with a line per claimant
    const chart = page.locator('svg.chart[role="img"]');
    expect(await chart.count()).toBe(1);
    expect(await chart.locator('title').first().textContent()).toBe('Killed over time, by who reported it');
    expect(await chart.locator('desc').textContent()).toMatch(/Cambodian Ministry of Interior: 20 on 23 Dec 2025/);
    expect(await page.locator('.legend li').allTextContents()).toEqual(['Reported (no claimant named)', 'Cambodian Ministry of Interior']);
    // the table scrolls inside its own box, the page does not
    expect(await page.locator('.table-scroll').evaluate((n) => getComputedStyle(n).overflowX)).toBe('auto');
    // supporting lines are a real list, and the lead's figure is not listed again under it
    expect(await page.locator('.answer-text ul.answer-list li').count()).toBe(2);
    expect((await text(page, '.answer-text')).match(/at least 80 \("at least eighty"\)/g)).toHaveLength(1);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `console-${width}.png`), fullPage: true });
    await page.close();
  });

  it('asks a suggested follow-up in the same session, and copies the link', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${seed.url}/`);
    await ask(page, 'latest casualty figures');
    const suggestion = page.locator('.follow-ups button').filter({ hasText: 'What about injuries?' });
    expect(await suggestion.count()).toBe(1);
    const request = page.waitForRequest((r) => r.url().endsWith('/v1/ask') && r.method() === 'POST');
    await suggestion.click();
    const sent = (await request).postDataJSON() as { question: string; session: string };
    expect(sent.question).toBe('What about injuries?');
    expect(sent.session).toMatch(/^[\w-]{8,64}$/);
    await page.waitForFunction(() => /What about injuries\?/.test(document.querySelector('.asked')?.textContent ?? ''));
    expect(new URL(page.url()).searchParams.get('q')).toBe('What about injuries?');
    expect(await page.locator('#question').inputValue()).toBe('What about injuries?');
    await page.locator('button.copy-link').click();
    await page.waitForFunction(() => /Link copied|http/.test(document.getElementById('status')?.textContent ?? ''));
    await page.close();
  });

  it('shows markup from articles as text and never links a javascript: URL', async () => {
    const page = await context.newPage();
    await page.goto(`${hostile.url}/`);
    await ask(page, 'where were the ceasefire talks');
    expect(await text(page, '#result h2')).toBe('Answer');
    expect(await page.locator('.citations li').first().textContent()).toContain('Talks <img src=x onerror="window.__pwned=1"> resume');
    expect(await page.locator('.citations blockquote').first().textContent()).toContain('<script>');
    expect(await page.locator('#result img, #result script, #result b').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });
});
