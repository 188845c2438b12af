/** The web console: one static page whose script renders answers with DOM text nodes only (no innerHTML). */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** Scripts and styles come from this origin only; nothing inline, nothing from a CDN. */
export const CONSOLE_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' data:",
  "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'",
].join('; ');

/** The console's HTML; `version` busts the asset cache, `maxQuestionChars` mirrors the API's limit. */
export function renderConsolePage(options: { version: string; maxQuestionChars: number }): string {
  const v = encodeURIComponent(options.version);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sitrep briefing console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console.css?v=${v}">
<script src="/console.js?v=${v}" defer></script>
</head>
<body>
<header>
<h1>sitrep</h1>
<p id="about">Cited answers from the articles this server follows.</p>
</header>
<main>
<form id="ask-form" role="search" aria-label="Ask sitrep" novalidate>
<label for="question">Question</label>
<div class="row">
<input id="question" name="q" type="text" maxlength="${Number(options.maxQuestionChars)}" autocomplete="off" spellcheck="true" placeholder="e.g. latest casualty figures" aria-describedby="question-hint">
<button id="ask-button" type="submit">Ask</button>
</div>
<p id="question-hint" class="hint">Press Enter to ask. Press / to come back to the question.</p>
<details id="token-box">
<summary>API token</summary>
<label for="token">Bearer token, only if this server sets SITREP_API_TOKEN</label>
<input id="token" type="password" autocomplete="off">
</details>
</form>
<p id="status" role="status" aria-live="polite"></p>
<section id="result" aria-labelledby="result-heading" hidden></section>
</main>
<noscript><p>The console needs JavaScript. The API works without it: <code>GET /v1/ask?q=...</code></p></noscript>
<footer><p>sitrep ${escapeHtml(options.version)} &middot; <a href="/healthz">health</a></p></footer>
</body>
</html>
`;
}

export const CONSOLE_CSS = `:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa; --line: #d0d7de; --accent: #0b5cad; --warn: #8a4b00; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --panel: #161b22; --line: #30363d; --accent: #6cb6ff; --warn: #e3b341; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; min-width: 0; padding: 1.5rem 1rem 3rem; overflow-wrap: anywhere; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { margin: 0; font-size: 1.6rem; }
#about, .hint, footer, .meta { color: var(--muted); }
.hint { font-size: .875rem; margin: .25rem 0 .75rem; }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
.row { display: flex; flex-wrap: wrap; gap: .5rem; }
.row input { flex: 1 1 12rem; }
input { flex: 1; min-width: 0; font: inherit; padding: .55rem .7rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
button { font: inherit; font-weight: 600; padding: .55rem 1.2rem; border: 0; border-radius: 6px; background: var(--accent); color: var(--bg); cursor: pointer; }
button[disabled] { opacity: .6; cursor: progress; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
details { margin-bottom: 1rem; font-size: .9rem; }
details input { width: 100%; margin-top: .25rem; }
#result { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; background: var(--panel); min-width: 0; }
.result-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .5rem; }
.asked { margin: 0 0 .5rem; font-size: .9rem; }
button.copy-link, button.suggestion { font-weight: 500; padding: .3rem .7rem; background: transparent; color: var(--accent); border: 1px solid var(--line); }
.answer-list { margin: 0 0 .5rem; padding-left: 1.25rem; }
.answer-list li { margin-bottom: .25rem; }
.follow-ups ul { list-style: none; padding: 0; margin: .25rem 0 1rem; display: flex; flex-wrap: wrap; gap: .4rem; }
.follow-ups h3 { margin: 1rem 0 .25rem; font-size: 1rem; }
.table-scroll { max-width: 100%; overflow-x: auto; margin: .75rem 0; }
.table-scroll table { margin: 0; }
.charts { display: grid; gap: 1rem; margin: .75rem 0; }
.chart-box { margin: 0; }
.chart-box figcaption { font-weight: 600; font-size: .9rem; }
svg.chart { display: block; width: 100%; height: auto; max-width: 36rem; }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
svg.chart .tick { fill: var(--muted); font-size: 14px; }
svg.chart polyline.series { stroke-width: 2.5; }
.legend { list-style: none; padding: 0; margin: .25rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .875rem; }
.legend li::before { content: ""; display: inline-block; width: .8rem; height: .8rem; margin-right: .35rem; border-radius: 50%; background: currentColor; vertical-align: -1px; }
.s0 { color: #0b5cad; stroke: #0b5cad; fill: #0b5cad; } .s1 { color: #b35c00; stroke: #b35c00; fill: #b35c00; }
.s2 { color: #2f855a; stroke: #2f855a; fill: #2f855a; } .s3 { color: #9b2c9b; stroke: #9b2c9b; fill: #9b2c9b; }
polyline.s0, polyline.s1, polyline.s2, polyline.s3 { fill: none; }
#result h2 { margin: 0 0 .5rem; font-size: 1.15rem; }
#result.not-covered h2 { color: var(--warn); }
.answer-text p { margin: 0 0 .5rem; }
.as-of { font-size: .9rem; }
table { border-collapse: collapse; margin: .75rem 0; font-size: .9rem; width: 100%; overflow-wrap: normal; }
caption { text-align: left; font-weight: 600; margin-bottom: .25rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num, td time { white-space: nowrap; }
.citations { padding-left: 1.5rem; }
.citations li { margin-bottom: .75rem; }
.citations .meta { display: block; font-size: .875rem; }
blockquote { margin: .25rem 0 0; padding-left: .75rem; border-left: 3px solid var(--line); }
.error { color: var(--warn); font-weight: 600; }
`;
