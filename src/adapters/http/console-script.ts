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

  function answerLines(answer) {
    var known = {};
    answer.citations.forEach(function (c) { known[c.n] = true; });
    return String(answer.answer).split('\\n').filter(function (line) { return line.trim(); }).map(function (line) {
      var p = el('p');
      line.split(/(\\[\\d+\\])/).forEach(function (part) {
        var m = /^\\[(\\d+)\\]$/.exec(part);
        if (m && known[m[1]]) p.append(el('a', { href: '#cite-' + m[1], 'aria-label': 'source ' + m[1] }, part));
        else if (part) p.append(part);
      });
      return p;
    });
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
    return el('table', { class: 'figures' }, el('caption', {}, caption), el('thead', {}, head), body);
  }

  function citationList(answer) {
    var list = el('ol', { class: 'citations' });
    answer.citations.forEach(function (c) {
      var href = c.url ? safeUrl(c.url) : null;
      var title = href ? el('a', { href: href, rel: 'noopener noreferrer', target: '_blank' }, c.title) : el('strong', {}, c.title);
      var meta = el('span', { class: 'meta' }, [c.source, formatDate(c.published)].filter(Boolean).join(', '));
      list.append(el('li', { id: 'cite-' + c.n, value: String(c.n) }, title, meta, el('blockquote', {}, c.quote)));
    });
    return list;
  }

  function showAnswer(answer) {
    var parts = [el('h2', { id: 'result-heading' }, answer.answered ? 'Answer' : 'Not covered by the sources')];
    parts.push(el('div', { class: 'answer-text' }, answerLines(answer)));
    if (answer.figures && answer.figures.length) parts.push(figuresTable(answer));
    if (answer.asOf) parts.push(el('p', { class: 'as-of meta' }, 'As of ', dateNode(answer.asOf)));
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
    return fetch('/v1/ask', { method: 'POST', headers: headers, body: JSON.stringify({ question: question }) })
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
