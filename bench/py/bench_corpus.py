#!/usr/bin/python3
"""echotrace's corpus benchmark: speed, memory and quality at 1k ... 1M documents.

Run through scripts/bench_corpus.sh (which sets up and builds first). For each
corpus -- generated ones of the requested sizes (echotrace_gen, seed fixed, with
ground truth) and the real scale_news corpus -- it measures, each step under
/usr/bin/time -v (wall time, user+system CPU time, peak RSS):

  generate  echotrace_gen (generated corpora only; skipped when the file exists)
  analyze   `echotrace analyze` end to end, then precision/recall of the planted
            near-duplicate pairs from its pairs.tsv (bench/py/quality.py). A
            corpus analyze refuses (today: more documents than --dense-limit)
            is recorded as "refused" with analyze's message, and the run goes on.
  sketch    echotrace_stages sketch: streaming read + tokenize + shingle + MinHash
  tfidf     echotrace_stages tfidf -t 1: TF-IDF fit, transform, cosine matrix
  sklearn   the same with scikit-learn on the same tokens (bench/py/peer_sklearn.py),
            its time relative to echotrace's, and the largest cosine difference.

Writes results/bench/<date>-<commit>.json, .csv and .svg (bench/py/svg_plot.py).
"""
import argparse
import datetime
import json
import os
import pathlib
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import quality  # noqa: E402
import svg_plot  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
GRID = {"minhash_jaccard": [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
        "exact_jaccard": [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
        "cosine": [0.5, 0.6, 0.7, 0.8, 0.9]}
CHOSEN = {"minhash_jaccard": 0.5, "exact_jaccard": 0.5, "cosine": 0.8}


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def parse_elapsed(s):
    parts = [float(p) for p in s.strip().split(":")]
    secs = 0.0
    for p in parts:
        secs = secs * 60 + p
    return secs


def timed(cmd, timeout):
    """Runs `cmd` under /usr/bin/time -v; returns a measurement dict."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        tpath = tf.name
    log("$ " + " ".join(str(c) for c in cmd))
    try:
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", tpath] + [str(c) for c in cmd],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        os.unlink(tpath)
        return {"status": "timeout", "timeout_s": timeout}
    stats = {}
    with open(tpath, encoding="utf-8") as f:
        for line in f:
            if ":" in line:
                k, v = line.strip().rsplit(": ", 1) if ": " in line else (line, "")
                stats[k.strip()] = v.strip()
    os.unlink(tpath)
    m = {
        "status": "ok" if proc.returncode == 0 else "failed",
        "exit_code": proc.returncode,
        "wall_s": parse_elapsed(stats.get("Elapsed (wall clock) time (h:mm:ss or m:ss)", "0")),
        "cpu_s": round(float(stats.get("User time (seconds)", 0)) + float(stats.get("System time (seconds)", 0)), 2),
        "peak_rss_mb": int(stats.get("Maximum resident set size (kbytes)", 0)) / 1024.0,
        "stdout": proc.stdout,
        "stderr_tail": proc.stderr.strip().splitlines()[-3:],
    }
    return m


def git(*args):
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "unknown"


def machine():
    cpu = "unknown"
    mem_gb = None
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory_gb": mem_gb, "os": platform.platform(),
            "python": platform.python_version(), "loadavg_start": list(os.getloadavg())}


def planted_pairs_tsv(truth_path, out_path):
    _, planted, _ = quality.load_truth(truth_path)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("id_a\tid_b\n")
        for a, b in sorted(planted):
            f.write(f"{a}\t{b}\n")


def label(n):
    return f"{n // 1000000}M" if n >= 1000000 and n % 1000000 == 0 else (f"{n // 1000}k" if n % 1000 == 0 else str(n))


def bench_corpus(c, a, build, work):
    """Runs every step on corpus `c` (dict with name, path, truth); returns its record."""
    rec = {"name": c["name"], "kind": c["kind"], "path": str(c["path"])}
    if c["kind"] == "generated":
        if c["path"].exists() and c["truth"].exists() and not a.regenerate:
            rec["generate"] = {"status": "reused"}
        else:
            m = timed([build / "echotrace_gen", "-n", c["documents"], "--seed", a.seed, "-o", c["path"]], a.timeout)
            m.pop("stdout", None)
            rec["generate"] = m
            if m["status"] != "ok":
                return rec
        truth = json.load(open(c["truth"], encoding="utf-8"))
        rec["documents"] = truth["documents"]
        rec["text_bytes"] = truth["text_bytes"]
        rec["truth"] = {"families": len(truth["families"]),
                        "copies": sum(len(f["copies"]) for f in truth["families"]),
                        "talking_points": len(truth["talking_points"]),
                        "sentence_source": truth["sentence_source"]}

    # Streaming sketch first: it also tells the size of a real corpus.
    m = timed([build / "echotrace_stages", "sketch", c["path"], "-t", a.threads], a.timeout)
    if m["status"] == "ok":
        m["stages"] = json.loads(m.pop("stdout"))
        rec.setdefault("documents", m["stages"]["documents"])
        rec.setdefault("text_bytes", m["stages"]["text_bytes"])
    m.pop("stdout", None)
    rec["sketch"] = m

    out_dir = work / f"analyze-{c['name']}"
    m = timed([build / "echotrace", "analyze", c["path"], "-o", out_dir, "-t", a.threads] + a.analyze_args.split(),
              a.timeout)
    m.pop("stdout", None)
    if m["status"] == "failed" and any("limit" in s or "exceed" in s for s in m["stderr_tail"]):
        m["status"] = "refused"
    if m["status"] == "ok":
        run_json = out_dir / "run.json"
        if run_json.exists():
            m["stages"] = json.load(open(run_json, encoding="utf-8")).get("timings", {})
        if c.get("truth") and (out_dir / "pairs.tsv").exists():
            log(f"quality of {c['name']} from pairs.tsv")
            m["quality"] = quality.evaluate(out_dir / "pairs.tsv", c["truth"], GRID)
    # Recall of planted talking points joins here once analyze reports phrases
    # (the truth's "talking_points": phrase, variants, first outlet and date).
    rec["analyze"] = m
    if not a.keep_outputs and out_dir.exists():
        shutil.rmtree(out_dir)

    if rec.get("documents", 0) <= a.peer_max_docs:
        echo_pairs = work / f"cosine-{c['name']}.tsv"
        cmd = [build / "echotrace_stages", "tfidf", c["path"], "-t", "1", "--matrix-limit", a.matrix_limit,
               "--sample", "20000", "--pairs-out", echo_pairs]
        if c.get("truth"):
            planted = work / f"planted-{c['name']}.tsv"
            planted_pairs_tsv(c["truth"], planted)
            cmd += ["--pairs", planted]
        m = timed(cmd, a.timeout)
        if m["status"] == "ok":
            m["stages"] = json.loads(m.pop("stdout"))
        m.pop("stdout", None)
        rec["tfidf"] = m
        if a.sklearn and m["status"] == "ok":
            p = timed([sys.executable, ROOT / "bench/py/peer_sklearn.py", c["path"], "--pairs", echo_pairs,
                       "--matrix-limit", a.matrix_limit], a.timeout)
            if p["status"] == "ok":
                p["stages"] = json.loads(p.pop("stdout"))
                ours, theirs = m["stages"]["seconds"], p["stages"]["seconds"]
                ratios = {}
                for k in ("tokenize", "fit", "transform", "cosine_matrix"):
                    if ours.get(k) and theirs.get(k):
                        ratios[k] = theirs[k] / ours[k]
                ratios["fit+transform"] = (theirs["fit"] + theirs["transform"]) / (ours["fit"] + ours["transform"])
                p["time_ratio_sklearn_over_echotrace"] = ratios
            p.pop("stdout", None)
            rec["sklearn"] = p
    else:
        rec["tfidf"] = {"status": "skipped", "reason": f"more than --peer-max-docs {a.peer_max_docs} documents"}
    return rec


def csv_rows(results):
    head = ["corpus", "kind", "documents", "text_mb", "step", "status", "threads", "wall_s", "cpu_s", "peak_rss_mb",
            "text_mb_per_s", "docs_per_s", "precision", "recall", "sklearn_time_ratio", "max_abs_cosine_diff", "note"]
    rows = [head]
    for r in results["corpora"]:
        n, mb = r.get("documents"), (r.get("text_bytes") or 0) / 1e6
        for step in ("generate", "sketch", "analyze", "tfidf", "sklearn"):
            m = r.get(step)
            if not m:
                continue
            wall = m.get("wall_s")
            threads = results["settings"]["threads"] if step in ("sketch", "analyze") else (1 if step in ("tfidf", "sklearn") else "")
            note = "; ".join(m.get("stderr_tail", [])) if m.get("status") in ("refused", "failed") else m.get("reason", "")
            ratio = diff = ""
            if step == "sklearn" and "time_ratio_sklearn_over_echotrace" in m:
                ratio = round(m["time_ratio_sklearn_over_echotrace"]["fit+transform"], 3)
                diff = m["stages"].get("agreement", {}).get("max_abs_diff", "")
            ok = m.get("status") in ("ok", "reused")
            rows.append([r["name"], r["kind"], n, round(mb, 3), step, m.get("status"), threads,
                         wall if wall is not None else "", m.get("cpu_s", ""),
                         round(m["peak_rss_mb"], 1) if "peak_rss_mb" in m else "",
                         round(mb / wall, 3) if wall and ok else "", round(n / wall, 1) if wall and n and ok else "",
                         "", "", ratio, diff, note.replace(",", " ")])
            q = m.get("quality")
            if q:
                for score, t in CHOSEN.items():
                    if score in q["scores"]:
                        v = q["scores"][score]["thresholds"][str(t)]
                        rows.append([r["name"], r["kind"], n, round(mb, 3), f"quality {score}>={t}", "ok", "", "", "",
                                     "", "", "", round(v["precision"], 4) if v["precision"] is not None else "",
                                     round(v["recall"], 4) if v["recall"] is not None else "", "", "",
                                     f"{q['planted_pairs']} planted pairs"])
    return rows


def main():
    ap = argparse.ArgumentParser(description="echotrace corpus benchmark")
    ap.add_argument("--build", default="build-bench", help="build folder with echotrace, echotrace_gen, echotrace_stages")
    ap.add_argument("--sizes", default="1000,10000,100000", help="generated corpus sizes, comma separated")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--real", default=str(ROOT.parent / "shared/corpora/scale_news.jsonl.zst"),
                    help="a real corpus to run as well ('' to skip)")
    ap.add_argument("--work", default="corpus/generated", help="where generated corpora and scratch outputs go")
    ap.add_argument("--out", default="results/bench", help="where the JSON, CSV and SVG go")
    ap.add_argument("--threads", type=int, default=0, help="threads for analyze and sketch (0 = all cores)")
    ap.add_argument("--analyze-args", default="", help="extra echotrace analyze options")
    ap.add_argument("--peer-max-docs", type=int, default=100000, help="largest corpus for the TF-IDF comparison")
    ap.add_argument("--matrix-limit", type=int, default=10000, help="largest n for full cosine matrices in the comparison")
    ap.add_argument("--no-sklearn", dest="sklearn", action="store_false")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds allowed per step")
    ap.add_argument("--regenerate", action="store_true", help="regenerate corpora that already exist")
    ap.add_argument("--keep-outputs", action="store_true", help="keep analyze's output folders")
    ap.add_argument("--final", action="store_true", help="mark the results final (a quiet, unshared machine)")
    a = ap.parse_args()

    os.chdir(ROOT)
    build, work, out = pathlib.Path(a.build).resolve(), pathlib.Path(a.work), pathlib.Path(a.out)
    for tool in ("echotrace", "echotrace_gen", "echotrace_stages"):
        if not (build / tool).exists():
            sys.exit(f"bench_corpus: {build / tool} not found; build with -DECHOTRACE_BUILD_BENCH=ON")
    if a.sklearn:
        try:
            import sklearn  # noqa: F401
        except ImportError:
            log("scikit-learn not installed (ECHOTRACE_SETUP_BENCH=1 bash scripts/setup.sh); peers skipped")
            a.sklearn = False
    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)

    commit = git("rev-parse", "--short=10", "HEAD")
    dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    started = datetime.datetime.now(datetime.timezone.utc)
    results = {
        "schema": 1,
        "preliminary": not a.final,
        "note": ("PRELIMINARY: measured on a machine shared with other jobs; rerun with --final on a quiet machine"
                 if not a.final else "measured on a quiet machine"),
        "date": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": commit + ("-dirty" if dirty else ""),
        "machine": machine(),
        "settings": {"sizes": a.sizes, "seed": a.seed, "threads": a.threads or os.cpu_count(),
                     "analyze_args": a.analyze_args, "peer_max_docs": a.peer_max_docs,
                     "matrix_limit": a.matrix_limit, "chosen_thresholds": CHOSEN, "threshold_grid": GRID},
        "corpora": [],
    }
    corpora = []
    for n in (int(s) for s in a.sizes.split(",") if s):
        base = f"news-{label(n)}-s{a.seed}"
        corpora.append({"name": f"generated-{label(n)}", "kind": "generated", "documents": n,
                        "path": work / f"{base}.jsonl.zst", "truth": work / f"{base}.truth.json"})
    if a.real and pathlib.Path(a.real).exists():
        corpora.append({"name": pathlib.Path(a.real).name.split(".")[0], "kind": "real", "path": pathlib.Path(a.real)})
    elif a.real:
        log(f"{a.real} not found; real corpus skipped")

    stem = out / f"{started.strftime('%Y-%m-%d')}-{commit}"
    for c in corpora:
        log(f"corpus {c['name']}")
        results["corpora"].append(bench_corpus(c, a, build, work))
        results["machine"]["loadavg_end"] = list(os.getloadavg())
        results["total_wall_s"] = (datetime.datetime.now(datetime.timezone.utc) - started).total_seconds()
        write_results(results, stem)  # after every corpus, so an interrupted run keeps what it measured
    log(f"wrote {stem}.json, .csv and .svg")


def write_results(results, stem):
    for suffix, text in ((".json", json.dumps(results, indent=1) + "\n"),
                         (".csv", "".join(",".join(str(x) for x in row) + "\n" for row in csv_rows(results)))):
        tmp = stem.with_name(stem.name + suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(stem.with_name(stem.name + suffix))
    svg_plot.write_svg(results, stem.with_name(stem.name + ".svg"))


if __name__ == "__main__":
    main()
