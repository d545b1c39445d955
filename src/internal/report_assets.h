// The fixed text of report.html: its style sheet and its script. The script
// reads the page's JSON data block (id "echotrace-data": measure names,
// colour stops, heatmap titles, document metadata, embedded texts with their
// removed spans, the top pairs' aligned spans and terms, all offsets in UTF-16
// units) and adds the measure switch, grouping, hover details and the
// side-by-side viewer to the markup render_report_html() writes. It marks
// <body data-render="ok"> when done, or "error" with the message in
// #js-errors; the browser test relies on both.
#pragma once

namespace echotrace::internal {

inline constexpr const char* kReportStyle = R"CSS(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#263238;color:#fff;padding:14px 24px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#cfd8dc}
nav{padding:6px 24px;background:#eceff1;position:sticky;top:0;z-index:5}nav a{margin-right:16px;color:#37474f}
section{padding:8px 24px 18px;border-bottom:1px solid #ddd}h2{font-size:18px;margin:14px 0 8px}
table{border-collapse:collapse;font-size:13px}th,td{padding:3px 8px;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums}
.note{color:#666;font-size:12px}.controls{margin:6px 0}.controls label{margin-right:14px;font-size:13px}
#tooltip{position:fixed;pointer-events:none;background:#fff;border:1px solid #999;padding:5px 8px;font-size:12px;
  max-width:420px;box-shadow:0 2px 6px rgba(0,0,0,.2);display:none;z-index:10}
rect.cell:hover{stroke:#000;stroke-width:1.5}
tr.pair{cursor:pointer}tr.pair:hover,tr.pair.active{background:#fff3c4}
.chip{display:inline-block;padding:0 6px;margin:1px 2px;border-radius:8px;color:#fff;font-size:12px;
  text-shadow:0 0 2px #000,0 0 1px #000}
.variants{color:#555;font-size:12px}.kwic td{font-size:12px}.kwic .before{text-align:right;color:#444}
.kwic mark,.doc mark.occ{background:#ffcc80}.voice-quotation{color:#6a1b9a}
#viewer{display:none;margin-top:12px;border:1px solid #ccc;background:#fff;padding:8px}
#viewer .panes{display:flex;gap:12px}#viewer .pane{flex:1;min-width:0}
#viewer .doc{white-space:pre-wrap;font-family:Georgia,serif;font-size:14px;line-height:1.45;max-height:520px;
  overflow:auto;border:1px solid #eee;padding:8px}
.doc .chrome{color:#aaa;background:#f1f1f1}.doc mark.shared{background:#c8e6c9}
.doc mark.shared.hot{background:#66bb6a}.terms{font-size:12px;color:#333}
a.open{cursor:pointer;color:#1565c0;text-decoration:underline}
#js-errors{color:#b00020;white-space:pre-wrap}
)CSS";

inline constexpr const char* kReportScript = R"JS(
(function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (e) {
    errors.push(String(e.message));
    var box = document.getElementById('js-errors');
    box.hidden = false;
    box.textContent = errors.join('\n');
    document.body.setAttribute('data-render', 'error');
  });
  var data = JSON.parse(document.getElementById('echotrace-data').textContent);
  var tooltip = document.getElementById('tooltip');
  var measure = data.default_measure;

  function colour(v) {
    if (isNaN(v)) return '#cccccc';
    var x = Math.min(Math.max(v, 0), 1) * 8, i = Math.min(Math.floor(x), 7), f = x - i;
    var a = data.stops[i], b = data.stops[i + 1], out = '#';
    for (var c = 0; c < 3; c++) {
      var h = Math.round(a[c] + f * (b[c] - a[c])).toString(16);
      out += h.length < 2 ? '0' + h : h;
    }
    return out;
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }
  function docLabel(i) {
    var d = data.meta[i];
    return esc(d.id) + ' <span class="note">' + esc(d.outlet) + (d.date ? ', ' + esc(d.date) : '') + '</span>' +
        (d.title ? '<br><i>' + esc(d.title) + '</i>' : '');
  }

  // Heatmap: measure switch, grouping, hover.
  var cells = document.querySelectorAll('#heatmap rect.cell');
  function paint() {
    for (var k = 0; k < cells.length; k++) {
      var c = cells[k];
      var v = c.dataset.c ? parseFloat(c.dataset.c.split(',')[measure]) : parseFloat(c.dataset.s.split(',')[measure]);
      c.setAttribute('fill', colour(v));
    }
    var title = document.querySelector('#heatmap .heatmap-title');
    if (title) title.textContent = data.heatmap_titles[measure];
  }
  document.querySelectorAll('input[name=measure]').forEach(function (r) {
    r.addEventListener('change', function () { measure = parseInt(r.value, 10); paint(); });
  });
  var grid = document.querySelector('#heatmap .heatmap-grid[data-order-outlet]');
  function regroup(by) {
    if (!grid) return;
    var order = grid.dataset['order' + (by === 'cluster' ? 'Cluster' : 'Outlet')].split(',').map(Number);
    var pos = [], left = parseFloat(grid.dataset.left), top = parseFloat(grid.dataset.top);
    var cell = parseFloat(grid.dataset.cell);
    order.forEach(function (d, p) { pos[d] = p; });
    cells.forEach(function (c) {
      c.setAttribute('x', (left + pos[+c.dataset.j] * cell).toFixed(2));
      c.setAttribute('y', (top + pos[+c.dataset.i] * cell).toFixed(2));
    });
    grid.querySelectorAll('.row-label,.band').forEach(function (t) {
      var y = top + pos[+t.dataset.doc] * cell;
      t.setAttribute('y', (t.classList.contains('band') ? y : y + cell / 2 + 4).toFixed(2));
    });
    grid.querySelectorAll('.col-label').forEach(function (t) {
      var x = left + pos[+t.dataset.doc] * cell + cell / 2 + 4;
      t.setAttribute('transform', 'translate(' + x.toFixed(2) + ',' + (top - 6).toFixed(1) + ') rotate(-60)');
    });
    grid.querySelectorAll('.outlet-only').forEach(function (l) { l.style.display = by === 'cluster' ? 'none' : ''; });
  }
  document.querySelectorAll('input[name=group]').forEach(function (r) {
    r.addEventListener('change', function () { regroup(r.value); });
  });
  cells.forEach(function (c) {
    c.addEventListener('mousemove', function (e) {
      var s = c.dataset.s.split(',');
      var head;
      if (c.dataset.i !== undefined) {
        head = docLabel(+c.dataset.i) + '<br>× ' + docLabel(+c.dataset.j);
      } else {
        head = esc(c.dataset.a) + ' × ' + esc(c.dataset.b);
      }
      var lines = data.measure_names.map(function (name, m) {
        return (m === measure ? '<b>' : '') + esc(name) + ': ' + esc(s[m]) + (m === measure ? '</b>' : '');
      });
      tooltip.innerHTML = head + '<br>' + lines.join('<br>');
      tooltip.style.display = 'block';
      tooltip.style.left = Math.min(e.clientX + 14, window.innerWidth - 440) + 'px';
      tooltip.style.top = (e.clientY + 14) + 'px';
    });
    c.addEventListener('mouseleave', function () { tooltip.style.display = 'none'; });
  });

  // Side-by-side viewer.
  var viewer = document.getElementById('viewer');
  // `ranges`: [begin, end, class, spanIndex] in UTF-16 units; overlapping ranges nest by splitting.
  function render(doc, ranges) {
    var text = doc.text, cuts = [0, text.length];
    ranges.forEach(function (r) { cuts.push(r[0], r[1]); });
    cuts = cuts.filter(function (x, i, a) { return a.indexOf(x) === i; }).sort(function (a, b) { return a - b; });
    var html = '';
    for (var k = 0; k + 1 < cuts.length; k++) {
      var p = cuts[k], q = cuts[k + 1], cls = [], span = -1;
      ranges.forEach(function (r) {
        if (r[0] <= p && q <= r[1]) {
          if (cls.indexOf(r[2]) < 0) cls.push(r[2]);
          if (r[3] !== undefined) span = r[3];
        }
      });
      var piece = esc(text.substring(p, q));
      if (cls.indexOf('shared') >= 0 || cls.indexOf('occ') >= 0) {
        html += '<mark class="' + cls.join(' ') + '"' + (span >= 0 ? ' data-span="' + span + '"' : '') + '>' + piece + '</mark>';
      } else if (cls.length) {
        html += '<span class="' + cls.join(' ') + '">' + piece + '</span>';
      } else {
        html += piece;
      }
    }
    return html;
  }
  function chrome(doc) { return doc.removed.map(function (r) { return [r[0], r[1], 'chrome']; }); }
  function show(title, left, leftRanges, right, rightRanges, extra) {
    viewer.style.display = 'block';
    viewer.querySelector('.viewer-title').innerHTML = title;
    viewer.querySelector('.viewer-extra').innerHTML = extra || '';
    var panes = viewer.querySelectorAll('.pane');
    [[left, leftRanges], [right, rightRanges]].forEach(function (side, k) {
      var d = side[0];
      panes[k].style.display = d === null ? 'none' : '';
      if (d === null) return;
      panes[k].querySelector('.pane-head').innerHTML = docLabel(d);
      panes[k].querySelector('.doc').innerHTML = render(data.docs[d], chrome(data.docs[d]).concat(side[1]));
    });
    viewer.scrollIntoView({block: 'start'});
  }
  function linkSpans() {
    viewer.querySelectorAll('mark.shared').forEach(function (m) {
      m.addEventListener('mouseenter', function () {
        viewer.querySelectorAll('mark.shared[data-span="' + m.dataset.span + '"]').forEach(function (o) {
          o.classList.add('hot');
        });
      });
      m.addEventListener('mouseleave', function () {
        viewer.querySelectorAll('mark.hot').forEach(function (o) { o.classList.remove('hot'); });
      });
    });
  }
  function showPair(k) {
    var p = data.pairs[k];
    document.querySelectorAll('tr.pair').forEach(function (r) { r.classList.toggle('active', +r.dataset.pair === k); });
    if (!data.docs[p.a] || !data.docs[p.b]) {
      show('Pair ' + (k + 1) + ': texts not embedded (report text budget)', null, [], null, [], '');
      return;
    }
    var left = p.spans.map(function (s, i) { return [s[0], s[1], 'shared', i]; });
    var right = p.spans.map(function (s, i) { return [s[2], s[3], 'shared', i]; });
    var terms = p.terms.map(function (t) { return esc(t[0]) + ' (' + t[1] + ')'; }).join(', ');
    show('Pair ' + (k + 1) + ': ' + p.spans.length + ' shared passages highlighted; removed chrome greyed',
         p.a, left, p.b, right, terms ? '<div class="terms">Top shared TF-IDF terms: ' + terms + '</div>' : '');
    linkSpans();
  }
  document.querySelectorAll('tr.pair').forEach(function (r) {
    r.addEventListener('click', function () { showPair(+r.dataset.pair); });
  });
  document.querySelectorAll('a.open').forEach(function (a) {
    a.addEventListener('click', function (e) {
      e.preventDefault();
      var row = a.closest('tr'), table = a.closest('table');
      var doc = +row.dataset.doc, here = [[+row.dataset.b, +row.dataset.e, 'occ']];
      // The other pane: the same talking point in another outlet's text.
      var other = null, there = [];
      table.querySelectorAll('tr[data-doc]').forEach(function (o) {
        if (other === null && o.dataset.outlet !== row.dataset.outlet && o.querySelector('a.open')) {
          other = +o.dataset.doc;
          there = [[+o.dataset.b, +o.dataset.e, 'occ']];
        }
      });
      show('"' + esc(table.dataset.phrase) + '"', doc, here, other, there, '');
      var first = viewer.querySelector('.pane .doc mark.occ');
      if (first) first.scrollIntoView({block: 'center'});
    });
  });
  paint();
  // report.html#pair-3 opens the third pair side by side: links into the report.
  var wanted = /^#pair-(\d+)$/.exec(window.location.hash);
  if (wanted && +wanted[1] >= 1 && +wanted[1] <= data.pairs.length) showPair(+wanted[1] - 1);
  if (document.body.getAttribute('data-render') !== 'error') document.body.setAttribute('data-render', 'ok');
})();
)JS";

}  // namespace echotrace::internal
