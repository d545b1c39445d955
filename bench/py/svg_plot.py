#!/usr/bin/python3
"""Hand-written SVG of a corpus benchmark run (no plotting library needed):
text throughput (MB/s) and peak memory (MB) against corpus size, log-log.

Usage: svg_plot.py RESULTS.json [OUT.svg]   (bench_corpus.py calls write_svg)
Generated corpora are filled markers joined by lines; a real corpus is a
hollow marker at its own size.
"""
import json
import math
import sys
from xml.sax.saxutils import escape

SERIES = [
    ("analyze, end to end (all threads)", "#1f77b4", "analyze", None),
    ("sketch: read+tokenize+shingle+MinHash (stream, all threads)", "#2ca02c", "sketch", None),
    ("TF-IDF fit+transform, echotrace (1 thread)", "#ff7f0e", "tfidf", ("fit", "transform")),
    ("TF-IDF fit+transform, scikit-learn (1 thread)", "#d62728", "sklearn", ("fit", "transform")),
]


def points(results, step, stages):
    """[(documents, MB/s, peak RSS MB, is_real)] for one series."""
    out = []
    for r in results["corpora"]:
        m = r.get(step) or {}
        if m.get("status") != "ok" or not r.get("documents"):
            continue
        mb = r["text_bytes"] / 1e6
        secs = sum(m["stages"]["seconds"][k] for k in stages) if stages else m["wall_s"]
        if secs <= 0:
            continue
        out.append((r["documents"], mb / secs, m["peak_rss_mb"], r["kind"] == "real"))
    return out


def log_range(values):
    lo, hi = min(values), max(values)
    lo_e, hi_e = math.floor(math.log10(lo) + 1e-9), math.ceil(math.log10(hi) - 1e-9)
    return 10 ** lo_e, 10 ** max(hi_e, lo_e + 1)


def panel(x0, y0, w, h, title, ylabel, data, xr, yr):
    """SVG for one log-log panel; data = [(color, [(x, y, hollow)])]."""
    def sx(v):
        return x0 + w * (math.log10(v) - math.log10(xr[0])) / (math.log10(xr[1]) - math.log10(xr[0]))

    def sy(v):
        return y0 + h - h * (math.log10(v) - math.log10(yr[0])) / (math.log10(yr[1]) - math.log10(yr[0]))

    s = [f'<text x="{x0 + w / 2}" y="{y0 - 12}" text-anchor="middle" font-size="14" font-weight="bold">'
         f'{escape(title)}</text>',
         f'<rect x="{x0}" y="{y0}" width="{w}" height="{h}" fill="none" stroke="#333"/>']
    e = math.log10(xr[0])
    while 10 ** e <= xr[1] * 1.0001:
        v = 10 ** e
        s.append(f'<line x1="{sx(v):.1f}" y1="{y0}" x2="{sx(v):.1f}" y2="{y0 + h}" stroke="#ddd"/>')
        lab = f"{int(v / 1000)}k" if 1000 <= v < 1e6 else (f"{int(v / 1e6)}M" if v >= 1e6 else f"{int(v)}")
        s.append(f'<text x="{sx(v):.1f}" y="{y0 + h + 16}" text-anchor="middle" font-size="11">{lab}</text>')
        e += 1
    e = math.log10(yr[0])
    while 10 ** e <= yr[1] * 1.0001:
        v = 10 ** e
        s.append(f'<line x1="{x0}" y1="{sy(v):.1f}" x2="{x0 + w}" y2="{sy(v):.1f}" stroke="#ddd"/>')
        s.append(f'<text x="{x0 - 6}" y="{sy(v) + 4:.1f}" text-anchor="end" font-size="11">{v:g}</text>')
        e += 1
    s.append(f'<text x="{x0 + w / 2}" y="{y0 + h + 34}" text-anchor="middle" font-size="12">documents (log)</text>')
    s.append(f'<text transform="translate({x0 - 48},{y0 + h / 2}) rotate(-90)" text-anchor="middle" '
             f'font-size="12">{escape(ylabel)}</text>')
    for color, pts in data:
        line = [(sx(x), sy(y)) for x, y, hollow in sorted(pts) if not hollow]
        if len(line) > 1:
            s.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>'
                     % (color, " ".join(f"{a:.1f},{b:.1f}" for a, b in line)))
        for x, y, hollow in pts:
            fill = "white" if hollow else color
            s.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="4.5" fill="{fill}" stroke="{color}" '
                     f'stroke-width="2"/>')
    return s


def write_svg(results, path):
    series = [(name, color, points(results, step, stages)) for name, color, step, stages in SERIES]
    series = [t for t in series if t[2]]
    width, height = 1000, 520
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif">',
           f'<rect width="{width}" height="{height}" fill="white"/>']
    m = results["machine"]
    title = f"echotrace corpus benchmark, {results['date'][:10]}, commit {results['commit']}"
    if results.get("preliminary"):
        title += " (PRELIMINARY: shared machine)"
    svg.append(f'<text x="{width / 2}" y="24" text-anchor="middle" font-size="16">{escape(title)}</text>')
    svg.append(f'<text x="{width / 2}" y="42" text-anchor="middle" font-size="11" fill="#555">'
               f'{escape(str(m.get("cpu")))}, {m.get("nproc")} threads, {m.get("memory_gb")} GB; load average '
               f'{m["loadavg_start"][0]:.1f} at start</text>')
    if series:
        xs = [p[0] for _, _, pts in series for p in pts]
        xr = log_range(xs)
        tput = [(c, [(x, t, h) for x, t, _, h in pts]) for _, c, pts in series]
        rss = [(c, [(x, r, h) for x, _, r, h in pts]) for _, c, pts in series]
        yr_t = log_range([p[1] for _, pts in tput for p in pts])
        yr_r = log_range([p[1] for _, pts in rss for p in pts])
        svg += panel(90, 80, 360, 300, "Throughput", "MB of text per second (log)", tput, xr, yr_t)
        svg += panel(600, 80, 360, 300, "Peak memory", "peak RSS, MB (log)", rss, xr, yr_r)
        y = 450
        for i, (name, color, _) in enumerate(series):
            x = 90 + (i % 2) * 470
            yy = y + (i // 2) * 20
            svg.append(f'<line x1="{x}" y1="{yy - 4}" x2="{x + 24}" y2="{yy - 4}" stroke="{color}" stroke-width="2"/>')
            svg.append(f'<circle cx="{x + 12}" cy="{yy - 4}" r="4" fill="{color}"/>')
            svg.append(f'<text x="{x + 32}" y="{yy}" font-size="12">{escape(name)}</text>')
        svg.append(f'<text x="90" y="{y + 44}" font-size="11" fill="#555">Filled: generated corpora '
                   f'(echotrace_gen). Hollow: the real scale_news corpus. Missing points: step refused or skipped '
                   f'(see the JSON).</text>')
    svg.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    res = json.load(open(sys.argv[1], encoding="utf-8"))
    write_svg(res, sys.argv[2] if len(sys.argv) > 2 else sys.argv[1].rsplit(".", 1)[0] + ".svg")
