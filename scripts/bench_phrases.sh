#!/usr/bin/env bash
# Issue 6's speed benchmark: the talking-point stage against sketching the
# same documents. Runs `echotrace phrases` and `echotrace dedup` on one corpus
# in turn, REPEATS times (so both meet the same state of a shared machine),
# reads run.json's `phrases` and `read+sketch` timings, the peak RSS, and each
# command's CPU and system time and minor page faults (the phrase stage's time
# follows the system time its page faults cost, which drifts with the host),
# and writes their medians and the ratio to
# results/scale/phrases-vs-sketch-<date>-<commit>.json. Each command runs
# under `flock /tmp/echotrace-bench.lock`, so benchmarks do not overlap.
#
#   bash scripts/bench_phrases.sh [CORPUS] [REPEATS]
#     CORPUS   default corpus/generated/news-100k.jsonl.zst (generated when
#              missing: echotrace_gen -n 100000, seed 1)
#     REPEATS  default 5 (after one untimed run of each)
#   BUILD=build-bench THREADS=2 bash scripts/bench_phrases.sh /tmp/gen/g100k.jsonl.zst 7
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-bench}
THREADS=${THREADS:-2}
CORPUS=${1:-corpus/generated/news-100k.jsonl.zst}
REPEATS=${2:-5}
ECHOTRACE_SETUP_BENCH=1 bash scripts/setup.sh
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DECHOTRACE_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target echotrace_gen echotrace_cli
if [ ! -s "$CORPUS" ]; then
  mkdir -p "$(dirname "$CORPUS")"
  "$BUILD/echotrace_gen" -n 100000 -o "$CORPUS"
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# One untimed run of each first: the corpus into the page cache, the build's
# load off the machine.
for cmd in phrases dedup; do
  flock /tmp/echotrace-bench.lock "$BUILD/echotrace" "$cmd" "$CORPUS" --threads "$THREADS" -o "$WORK/warm" >/dev/null
done
for i in $(seq 1 "$REPEATS"); do
  flock /tmp/echotrace-bench.lock /usr/bin/time -f "%M %U %S %R" -o "$WORK/phrases-$i.rss" \
    "$BUILD/echotrace" phrases "$CORPUS" --threads "$THREADS" -o "$WORK/phrases-$i" >/dev/null
  flock /tmp/echotrace-bench.lock /usr/bin/time -f "%M %U %S %R" -o "$WORK/dedup-$i.rss" \
    "$BUILD/echotrace" dedup "$CORPUS" --threads "$THREADS" -o "$WORK/dedup-$i" >/dev/null
  echo "repeat $i done" >&2
done
COMMIT=$(git rev-parse --short=10 HEAD)
OUT="results/scale/phrases-vs-sketch-$(date +%F)-$COMMIT.json"
python3 - "$WORK" "$REPEATS" "$CORPUS" "$THREADS" "$COMMIT" "$OUT" <<'EOF'
import json, os, statistics, sys
work, repeats, corpus, threads, commit, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
def timing(kind, i, stage):
    return json.load(open(f"{work}/{kind}-{i}/run.json"))["timings"][stage]
def usage(kind, i):  # /usr/bin/time's last line: peak RSS (KB), user s, system s, minor faults
    rss, user, system, faults = open(f"{work}/{kind}-{i}.rss").read().split("\n")[-2].split()
    return {"rss_gb": int(rss) / 1e6, "user_seconds": float(user), "system_seconds": float(system),
            "minor_faults": int(faults)}
def rss_gb(kind, i):
    return usage(kind, i)["rss_gb"]
phrases = [timing("phrases", i, "phrases") for i in range(1, repeats + 1)]
sketch = [timing("dedup", i, "read+sketch") for i in range(1, repeats + 1)]
run = json.load(open(f"{work}/phrases-1/run.json"))
result = {
    "what": "talking-point stage (run.json timings.phrases of `echotrace phrases`) against read+sketch "
            "(run.json timings['read+sketch'] of `echotrace dedup`), same corpus, run in turn",
    "commit": commit,
    "corpus": corpus,
    "documents": run["input"]["documents"],
    "threads": threads,
    "repeats": repeats,
    "load_average_at_end": os.getloadavg()[0],
    "phrases_seconds": phrases,
    "sketch_seconds": sketch,
    "phrases_median_seconds": statistics.median(phrases),
    "sketch_median_seconds": statistics.median(sketch),
    "ratio_of_medians": statistics.median(phrases) / statistics.median(sketch),
    "phrases_peak_rss_gb": [rss_gb("phrases", i) for i in range(1, repeats + 1)],
    # Whole commands (reading and writing included), per repeat.
    "phrases_command_usage": [usage("phrases", i) for i in range(1, repeats + 1)],
    "dedup_command_usage": [usage("dedup", i) for i in range(1, repeats + 1)],
    "shared_ngrams": run["shared_ngrams"],
    "scored_phrases": run["scored_phrases"],
    "target_ratio": 5.0,
}
with open(out + ".tmp", "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
os.replace(out + ".tmp", out)
print(f"phrases {result['phrases_median_seconds']:.3f} s, read+sketch {result['sketch_median_seconds']:.3f} s: "
      f"{result['ratio_of_medians']:.1f}x (target <= 5x); wrote {out}")
EOF
