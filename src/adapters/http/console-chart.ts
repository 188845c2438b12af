/**
 * The console's chart of each figure over time by claimant, as browser JavaScript (served inside /console.js).
 * A small SVG renderer of our own: the page loads nothing but its own two assets (CSP `script-src 'self'`, no build
 * step), and the chart libraries that would fit (Chart.js, uPlot) draw on canvas, which screen readers cannot read.
 * Each kind gets a figure with a line per claimant, a title, a description, and the values as a table beside it.
 */
export const CONSOLE_CHART_JS = `
  var SVG_NS = 'http://www.w3.org/2000/svg';
  function svgEl(tag, attrs, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  var KIND_NAMES = { killed: 'Killed', injured: 'Injured', displaced: 'Displaced', evacuated: 'Evacuated', detained: 'Detained', missing: 'Missing', duration: 'Duration', distance: 'Distance' };

  /** Figures of one kind grouped by who said them, each series sorted by date. */
  function seriesOf(figures) {
    var by = {};
    figures.forEach(function (f) {
      var who = f.claimant || 'Reported (no claimant named)';
      (by[who] = by[who] || []).push(f);
    });
    return Object.keys(by).map(function (who) {
      return { who: who, points: by[who].slice().sort(function (a, b) { return a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0; }) };
    });
  }

  /** One SVG line chart for a kind whose figures span more than one date; null otherwise. */
  function figureChart(kind, figures) {
    var dates = {};
    figures.forEach(function (f) { dates[f.asOf] = true; });
    var days = Object.keys(dates).sort();
    if (days.length < 2) return null;
    var W = 400, H = 220, L = 56, R = 24, T = 16, B = 36;
    var t0 = Date.parse(days[0]), t1 = Date.parse(days[days.length - 1]);
    var max = Math.max.apply(null, figures.map(function (f) { return f.value; }));
    var x = function (iso) { return L + (W - L - R) * ((Date.parse(iso) - t0) / Math.max(1, t1 - t0)); };
    var y = function (v) { return H - B - (H - T - B) * (v / (max || 1)); };
    var titleId = 'chart-' + kind + '-title', descId = 'chart-' + kind + '-desc';
    var series = seriesOf(figures);
    var summary = series.map(function (s) {
      return s.who + ': ' + s.points.map(function (p) { return Number(p.value).toLocaleString('en-GB') + ' on ' + formatDate(p.asOf, 'short'); }).join(', ');
    }).join('; ');
    var svg = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-labelledby': titleId + ' ' + descId, class: 'chart', preserveAspectRatio: 'xMidYMid meet' });
    svg.append(svgEl('title', { id: titleId }, (KIND_NAMES[kind] || kind) + ' over time, by who reported it'));
    svg.append(svgEl('desc', { id: descId }, summary));
    svg.append(svgEl('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, class: 'axis' }));
    svg.append(svgEl('line', { x1: L, y1: T, x2: L, y2: H - B, class: 'axis' }));
    [0, max].forEach(function (v) {
      svg.append(svgEl('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, Number(v).toLocaleString('en-GB')));
    });
    days.forEach(function (d) { svg.append(svgEl('text', { x: x(d), y: H - B + 18, 'text-anchor': 'middle', class: 'tick' }, formatDate(d, 'short').replace(/ \\d{4}$/, ''))); });
    series.forEach(function (s, i) {
      var cls = 'series s' + (i % 4);
      if (s.points.length > 1) svg.append(svgEl('polyline', { points: s.points.map(function (p) { return x(p.asOf) + ',' + y(p.value); }).join(' '), class: cls, fill: 'none' }));
      s.points.forEach(function (p) {
        var dot = svgEl('circle', { cx: x(p.asOf), cy: y(p.value), r: 5, class: cls });
        dot.append(svgEl('title', {}, s.who + ': ' + Number(p.value).toLocaleString('en-GB') + ' (' + formatDate(p.asOf) + ')'));
        svg.append(dot);
      });
    });
    var legend = el('ul', { class: 'legend' }, series.map(function (s, i) { return el('li', { class: 'series s' + (i % 4) }, s.who); }));
    return el('figure', { class: 'chart-box' }, svg, el('figcaption', {}, (KIND_NAMES[kind] || kind) + ' over time, by who reported it'), legend);
  }

  /** A chart per kind of figure reported on more than one date. */
  function figureCharts(answer) {
    var byKind = {};
    (answer.figures || []).forEach(function (f) { (byKind[f.kind] = byKind[f.kind] || []).push(f); });
    return Object.keys(byKind).map(function (k) { return figureChart(k, byKind[k]); }).filter(Boolean);
  }
`;
