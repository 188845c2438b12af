import { CONSOLE_CHART_JS } from './console-chart.ts';

/**
 * The console's browser script, served as /console.js. It builds every node with createElement and text nodes,
 * so nothing from an answer or an article is ever parsed as HTML.
 */
export const CONSOLE_JS = `(function () {
  'use strict';
  var form = document.getElementById('ask-form');
  var input = document.getElementById('question');
  var button = document.getElementById('ask-button');
  var tokenBox = document.getElementById('token-box');
  var tokenInput = document.getElementById('token');
  var status = document.getElementById('status');
  var result = document.getElementById('result');
  var about = document.getElementById('about');
  // One conversation per tab: the server reads a follow-up ("who signed it?") against this session's earlier questions.
  var session = (function () {
    try {
      var kept = sessionStorage.getItem('sitrep-session');
      if (kept) return kept;
      var made = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + String(Date.now()));
      sessionStorage.setItem('sitrep-session', made);
      return made;
    } catch (e) { return String(Math.random()).slice(2) + String(Date.now()); }
  })();

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'class') node.className = attrs[key]; else node.setAttribute(key, attrs[key]);
    });
    for (var i = 2; i < arguments.length; i++) {
      [].concat(arguments[i]).forEach(function (child) {
        if (child !== null && child !== undefined) node.append(child);
      });
    }
    return node;
  }

  function safeUrl(url) {
    try {
      var parsed = new URL(url);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
    } catch (e) { return null; }
  }

  function formatDate(iso, month) {
    if (!iso) return '';
    var date = new Date(iso + 'T00:00:00Z');
    if (isNaN(date.getTime())) return String(iso);
    return date.toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: month || 'long', year: 'numeric' });
  }

  function dateNode(iso, month) { return el('time', { datetime: String(iso) }, formatDate(iso, month)); }
${CONSOLE_CHART_JS}

  function withMarkers(node, text, known) {
    text.split(/(\\[\\d+\\])/).forEach(function (part) {
      var m = /^\\[(\\d+)\\]$/.exec(part);
      if (m && known[m[1]]) node.append(el('a', { href: '#cite-' + m[1], 'aria-label': 'source ' + m[1] }, part));
      else if (part) node.append(part);
    });
    return node;
  }

  // The same rule as the chat renderers (src/adapters/answer-view.ts), here in the browser: a dated bullet that only
  // repeats an earlier line (the lead's figure listed again) is left out, so each figure shows once.
  var DATED_BULLET = /^[-*]\\s+\\d{1,2} \\w{3,9} \\d{4}:\\s+(.+)$/;

  /** The answer as paragraphs, with the core's "- " lines as real lists. */
  function answerLines(answer) {
    var known = {};
    answer.citations.forEach(function (c) { known[c.n] = true; });
    var kept = [];
    String(answer.answer).split('\\n').map(function (l) { return l.trim(); }).filter(Boolean).forEach(function (line) {
      var repeat = DATED_BULLET.exec(line);
      if (repeat && kept.some(function (earlier) { return earlier.indexOf(repeat[1]) >= 0; })) return;
      kept.push(line);
    });
    var nodes = [];
    var list = null;
    kept.forEach(function (line) {
      var bullet = /^[-*]\\s+/.exec(line);
      if (bullet) {
        if (!list) { list = el('ul', { class: 'answer-list' }); nodes.push(list); }
        list.append(withMarkers(el('li'), line.slice(bullet[0].length), known));
      } else {
        list = null;
        nodes.push(withMarkers(el('p'), line, known));
      }
    });
    return nodes;
  }

  function figuresTable(answer) {
    var byArticle = {};
    answer.citations.forEach(function (c) { if (!(c.id in byArticle)) byArticle[c.id] = c.n; });
    var head = el('tr', {}, el('th', { scope: 'col' }, 'What'), el('th', { scope: 'col' }, 'Figure'), el('th', { scope: 'col' }, 'Scope'),
      el('th', { scope: 'col' }, 'Said by'), el('th', { scope: 'col' }, 'As of'), el('th', { scope: 'col' }, 'Source'));
    var body = el('tbody');
    answer.figures.forEach(function (f) {
      var n = byArticle[f.articleId];
      var value = (f.qualifier ? f.qualifier + ' ' : '') + Number(f.value).toLocaleString('en-GB') + (f.unit ? ' ' + f.unit : '');
      body.append(el('tr', {}, el('td', {}, f.kind), el('td', { class: 'num' }, value), el('td', {}, f.scope || ''),
        el('td', {}, f.claimant || ''), el('td', {}, dateNode(f.asOf, 'short')),
        el('td', {}, n ? el('a', { href: '#cite-' + n }, '[' + n + ']') : f.articleId)));
    });
    var caption = answer.figures.length > 1 ? 'Figures, newest first: sources may disagree' : 'Figure';
    // the table scrolls in its own box on a narrow screen; the page never does
    return el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Figures table' },
      el('table', { class: 'figures' }, el('caption', {}, caption), el('thead', {}, head), body));
  }

  /** One entry per cited article, with every number it has and each quoted sentence under it. */
  function citationList(answer) {
    var groups = [];
    var byId = {};
    answer.citations.forEach(function (c) {
      var g = byId[c.id];
      if (!g) { g = byId[c.id] = { c: c, ns: [], quotes: [] }; groups.push(g); }
      g.ns.push(c.n);
      (Array.isArray(c.quotes) && c.quotes.length ? c.quotes : [c.quote]).forEach(function (q) { if (q && g.quotes.indexOf(q) < 0) g.quotes.push(q); });
    });
    var list = el('ol', { class: 'citations' });
    groups.forEach(function (g) {
      var c = g.c;
      var href = c.url ? safeUrl(c.url) : null;
      var title = href ? el('a', { href: href, rel: 'noopener noreferrer', target: '_blank' }, c.title) : el('strong', {}, c.title);
      var meta = el('span', { class: 'meta' }, [g.ns.map(function (n) { return '[' + n + ']'; }).join(''), c.source, formatDate(c.published)].filter(Boolean).join(' · '));
      var anchors = g.ns.slice(1).map(function (n) { return el('span', { id: 'cite-' + n }); });
      list.append(el('li', { id: 'cite-' + g.ns[0], value: String(g.ns[0]) }, anchors, title, meta, g.quotes.map(function (q) { return el('blockquote', {}, q); })));
    });
    return list;
  }

  // Follow-ups the engine reads against the question before (issue 11): picked by what the answer was about.
  var FOLLOW_UPS = {
    casualties: ['And before that?', 'What about injuries?', 'How many displaced?'],
    figures: ['And before that?', 'Who said so?', 'latest casualty figures'],
    who: ['When was that?', 'Where did it happen?', 'What was agreed?'],
    when: ['Where?', 'Who was there?', 'What was agreed?'],
    where: ['When?', 'Who was there?'],
    agreed: ['Who signed it?', 'When was it signed?', 'What happened next?'],
    latest: ['latest casualty figures', 'What was agreed?', 'timeline of events'],
    timeline: ['What happened next?', 'latest casualty figures'],
  };

  function followUps(answer) {
    var list = (answer.answered && FOLLOW_UPS[answer.intent]) || ['latest news', 'latest casualty figures', 'What was agreed?'];
    var asked = String(answer.question).trim().toLowerCase();
    var items = list.filter(function (q) { return q.toLowerCase() !== asked; }).slice(0, 3).map(function (q) {
      var button = el('button', { type: 'button', class: 'suggestion' }, q);
      button.addEventListener('click', function () { input.value = q; ask(q); });
      return el('li', {}, button);
    });
    return el('nav', { class: 'follow-ups', 'aria-label': 'Suggested follow-up questions' }, el('h3', {}, 'Ask next'), el('ul', {}, items));
  }

  function copyLinkButton() {
    var button = el('button', { type: 'button', class: 'copy-link' }, 'Copy link');
    button.addEventListener('click', function () {
      var done = function () { status.textContent = 'Link copied.'; button.textContent = 'Link copied'; };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(location.href).then(done, function () { status.textContent = location.href; });
      else status.textContent = location.href;
    });
    return button;
  }

  function showAnswer(answer) {
    var parts = [el('div', { class: 'result-head' }, el('h2', { id: 'result-heading' }, answer.answered ? 'Answer' : 'Not covered by the sources'), copyLinkButton())];
    parts.push(el('p', { class: 'asked meta' }, 'You asked: ' + answer.question));
    parts.push(el('div', { class: 'answer-text' }, answerLines(answer)));
    if (answer.figures && answer.figures.length) {
      var charts = figureCharts(answer);
      if (charts.length) parts.push(el('div', { class: 'charts' }, charts));
      parts.push(figuresTable(answer));
    }
    if (answer.asOf) parts.push(el('p', { class: 'as-of meta' }, 'As of ', dateNode(answer.asOf)));
    parts.push(followUps(answer));
    if (answer.citations.length) parts.push(el('h3', {}, 'Sources'), citationList(answer));
    result.className = answer.answered ? 'answered' : 'not-covered';
    result.replaceChildren.apply(result, parts);
    result.hidden = false;
  }

  function showError(message) {
    result.className = 'failed';
    result.replaceChildren(el('h2', { id: 'result-heading' }, 'Something went wrong'), el('p', { class: 'error' }, message));
    result.hidden = false;
    status.textContent = message;
  }

  function setBusy(busy) {
    button.disabled = busy;
    result.setAttribute('aria-busy', busy ? 'true' : 'false');
    if (busy) status.textContent = 'Asking...';
  }

  function ask(question) {
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    var token = tokenInput.value.trim();
    if (token) headers.Authorization = 'Bearer ' + token;
    setBusy(true);
    return fetch('/v1/ask', { method: 'POST', headers: headers, body: JSON.stringify({ question: question, session: session }) })
      .then(function (res) {
        return res.json().catch(function () { return null; }).then(function (data) {
          if (!res.ok || !data || !Array.isArray(data.citations)) {
            var message = data && data.error && data.error.message ? data.error.message : 'The server answered ' + res.status + '.';
            showError(message);
            if (res.status === 401) { tokenBox.open = true; tokenInput.focus(); }
            return;
          }
          showAnswer(data);
          status.textContent = data.answered ? 'Answer ready, with ' + data.citations.length + ' sources.' : 'Not covered by the sources.';
          var url = new URL(location.href);
          url.searchParams.set('q', question);
          history.replaceState(null, '', url.href);
        });
      })
      .catch(function (error) { showError('Could not reach the server: ' + error.message); })
      .then(function () { setBusy(false); });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question) { showError('Type a question first.'); input.focus(); return; }
    ask(question);
  });

  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) { event.preventDefault(); input.focus(); }
  });

  fetch('/healthz').then(function (res) { return res.ok ? res.json() : null; }).then(function (health) {
    if (health && health.articles) about.textContent = 'Cited answers from ' + health.articles + ' articles, the newest from ' + formatDate(health.newest) + '.';
  }).catch(function () {});

  var initial = new URLSearchParams(location.search).get('q');
  if (initial) { input.value = initial; ask(initial.trim()); }
})();
`;
