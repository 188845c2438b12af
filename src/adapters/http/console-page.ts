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
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem 1rem 3rem; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { margin: 0; font-size: 1.6rem; }
#about, .hint, footer, .meta { color: var(--muted); }
.hint { font-size: .875rem; margin: .25rem 0 .75rem; }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
.row { display: flex; gap: .5rem; }
input { flex: 1; min-width: 0; font: inherit; padding: .55rem .7rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
button { font: inherit; font-weight: 600; padding: .55rem 1.2rem; border: 0; border-radius: 6px; background: var(--accent); color: var(--bg); cursor: pointer; }
button[disabled] { opacity: .6; cursor: progress; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
details { margin-bottom: 1rem; font-size: .9rem; }
details input { width: 100%; margin-top: .25rem; }
#result { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; background: var(--panel); }
#result h2 { margin: 0 0 .5rem; font-size: 1.15rem; }
#result.not-covered h2 { color: var(--warn); }
.answer-text p { margin: 0 0 .5rem; }
.as-of { font-size: .9rem; }
table { border-collapse: collapse; margin: .75rem 0; font-size: .9rem; width: 100%; }
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
