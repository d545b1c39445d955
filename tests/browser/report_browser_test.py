#!/usr/bin/env python3
"""Loads the seed corpus's report.html in headless Chromium and checks what it rendered.

Runs `echotrace analyze corpus/seeds`, opens report.html from disk in Chromium
(--headless, no network, a throw-away profile), dumps the DOM after the
page's scripts have run and asserts the rendered content: 25 heatmap cells
for the five seeds, the talking point "de-escalation zone" with its three
outlets, the top pairs and timeline, and no JavaScript error (the page's own
error hook and Chromium's console log on stderr). A second load with
#pair-3 checks the side-by-side viewer. A screenshot is saved among the test
outputs. Before trusting these checks, the same checks are run on a page
that throws, and must fail there.

Usage: report_browser_test.py --cli ECHOTRACE --chromium CHROMIUM --source SRC_DIR --out OUTPUT_DIR
"""
import argparse
import html.parser
import os
import subprocess
import sys
import tempfile
import time


class Dom(html.parser.HTMLParser):
    """Just enough of the DOM: elements with attributes, their text, and nesting."""

    def __init__(self):
        super().__init__()
        self.elements = []  # (tag, attrs dict, [ancestor indices])
        self.text = {}  # element index -> text inside it (all descendants)
        self.stack = []

    def handle_starttag(self, tag, attrs):
        index = len(self.elements)
        self.elements.append((tag, dict(attrs), list(self.stack)))
        self.text[index] = []
        if tag not in ("br", "meta", "input", "img", "hr", "link", "stop", "line", "circle", "rect", "path"):
            self.stack.append(index)

    def handle_startendtag(self, tag, attrs):
        index = len(self.elements)
        self.elements.append((tag, dict(attrs), list(self.stack)))
        self.text[index] = []

    def handle_endtag(self, tag):
        for k in range(len(self.stack) - 1, -1, -1):
            if self.elements[self.stack[k]][0] == tag:
                del self.stack[k:]
                break

    def handle_data(self, data):
        for i in self.stack:
            self.text[i].append(data)

    def find(self, tag=None, cls=None, inside=None, **attrs):
        out = []
        for i, (t, a, ancestors) in enumerate(self.elements):
            if tag and t != tag:
                continue
            if cls and cls not in a.get("class", "").split():
                continue
            if any(a.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            if inside is not None and inside not in ancestors:
                continue
            out.append(i)
        return out

    def attrs(self, i):
        return self.elements[i][1]

    def string(self, i):
        return "".join(self.text[i])


FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def chromium(binary, url, profile, extra):
    """Runs Chromium on `url`; returns (stdout, stderr, seconds)."""
    command = [binary] + FLAGS + ["--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"] + extra + [url]
    start = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    seconds = time.monotonic() - start
    if done.returncode != 0:
        raise AssertionError("chromium exited %d: %s" % (done.returncode, done.stderr[-2000:]))
    return done.stdout, done.stderr, seconds


def console_errors(stderr):
    """Console messages Chromium logged for the page (it logs none when all is well)."""
    return [line for line in stderr.splitlines() if "CONSOLE" in line]


def check_page(dom, stderr):
    """The checks every report page must pass; returns a list of failures."""
    failures = []
    body = dom.find("body")
    if not body or dom.attrs(body[0]).get("data-render") != "ok":
        failures.append("body data-render is %r, not 'ok' (the script did not finish)" %
                        (dom.attrs(body[0]).get("data-render") if body else None))
    errors = dom.find(id="js-errors")
    if not errors or dom.string(errors[0]).strip():
        failures.append("the page's error box is missing or not empty: %r" %
                        (dom.string(errors[0]) if errors else None))
    logged = console_errors(stderr)
    if logged:
        failures.append("console messages: %s" % logged[:5])
    return failures


def self_test(binary, profile, workdir):
    """The checks must fail on a page whose script throws."""
    broken = os.path.join(workdir, "broken.html")
    with open(broken, "w") as f:
        f.write('<!DOCTYPE html><html><body data-render="pending"><div id="js-errors" hidden></div>'
                '<script>window.addEventListener("error", function (e) {'
                'document.getElementById("js-errors").textContent = e.message; });'
                'null.f(); document.body.setAttribute("data-render", "ok");</script></body></html>')
    out, err, _ = chromium(binary, "file://" + broken, profile, ["--dump-dom"])
    dom = Dom()
    dom.feed(out)
    failures = check_page(dom, err)
    if len(failures) < 2:
        raise AssertionError("the checks did not catch a throwing page: %s" % failures)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--chromium", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="echotrace_browser_") as work:
        profile = os.path.join(work, "profile")
        self_test(args.chromium, profile, work)

        results = os.path.join(work, "seeds")
        subprocess.run([args.cli, "analyze", os.path.join(args.source, "corpus", "seeds"), "-o", results,
                        "--threads", "2"], check=True, capture_output=True)
        report = os.path.join(results, "report.html")
        page = open(report, encoding="utf-8").read()
        for outside in ("src=", 'href="http', "url(http", "<link"):
            assert outside not in page, "report.html loads something from outside: %r" % outside

        out, err, seconds = chromium(args.chromium, "file://" + report, profile, ["--dump-dom"])
        dom = Dom()
        dom.feed(out)
        failures = check_page(dom, err)

        section = dom.find(id="heatmap")
        cells = dom.find("rect", cls="cell", inside=section[0]) if section else []
        if len(cells) != 25:
            failures.append("heatmap has %d cells, expected 25 for the five seeds" % len(cells))
        # After the script ran, every cell is painted from its scores.
        unpainted = [c for c in cells if not dom.attrs(c).get("fill", "").startswith("#")]
        if unpainted:
            failures.append("%d heatmap cells without a colour" % len(unpainted))

        rows = dom.find("tr", cls="tp", data_canonical="de-escalation zone")
        if len(rows) != 1:
            failures.append("talking point 'de-escalation zone' rows: %d, expected 1" % len(rows))
        else:
            outlets = [dom.string(i) for i in dom.find("span", cls="outlet", inside=rows[0])]
            expected = ["(unattributed: 002_5c4f401af33235dc)", "Sputnik", "TASS"]
            if sorted(outlets) != expected:
                failures.append("'de-escalation zone' outlets %s, expected %s" % (outlets, expected))
            kwic = dom.find("tr", inside=rows[0], data_outlet="TASS")
            if not kwic:
                failures.append("'de-escalation zone' lists no TASS occurrence")

        pairs = dom.find("tr", cls="pair")
        if len(pairs) != 10:
            failures.append("top pairs: %d rows, expected the 10 pairs of five seeds" % len(pairs))
        timeline = dom.find("svg", cls="timeline")
        if not timeline or not dom.find("circle", inside=timeline[0]):
            failures.append("the timeline has no dots")

        # The side-by-side viewer, opened by the #pair-3 link.
        out3, err3, _ = chromium(args.chromium, "file://" + report + "#pair-3", profile, ["--dump-dom"])
        dom3 = Dom()
        dom3.feed(out3)
        failures += ["#pair-3: " + f for f in check_page(dom3, err3)]
        viewer = dom3.find(id="viewer")
        if not viewer or "display: block" not in dom3.attrs(viewer[0]).get("style", ""):
            failures.append("#pair-3 did not open the viewer")
        else:
            shared = dom3.find("mark", cls="shared", inside=viewer[0])
            chrome = dom3.find("span", cls="chrome", inside=viewer[0])
            if not shared:
                failures.append("the viewer highlights no shared passage for pair 3")
            if not chrome:
                failures.append("the viewer shows no removed chrome for pair 3 (Sputnik 001 has some)")

        shot = os.path.join(args.out, "report-seeds.png")
        chromium(args.chromium, "file://" + report, profile,
                 ["--screenshot=" + shot, "--window-size=1400,1800", "--hide-scrollbars"])
        if not os.path.exists(shot) or os.path.getsize(shot) < 10000:
            failures.append("no screenshot at %s" % shot)

        print("report.html: %d bytes, loaded and dumped in %.2f s; screenshot %s" % (len(page.encode()), seconds, shot))
        if failures:
            print("FAILED:\n  " + "\n  ".join(failures))
            return 1
        print("all browser checks passed")
        return 0


if __name__ == "__main__":
    sys.exit(main())
