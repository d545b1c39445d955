#!/usr/bin/env bash
# Recall of planted talking points without and with a background table, with
# no leakage between the two: scale_news is split by document into half A
# (odd lines), from which the generator draws its sentences, and half B (even
# lines), from which the background table is built. Writes everything under
# $WORK (default /tmp/echotrace-recall), never into the repository, and prints
# one line per seed. Tune on seed 1 only; seeds 2–5 are held out.
#
#   bash scripts/phrase_recall.sh [SEEDS...]        (default: 1 2 3 4 5)
#   BUILD=build-bench WORK=/tmp/x THREADS=2 bash scripts/phrase_recall.sh 1
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-bench}
WORK=${WORK:-/tmp/echotrace-recall}
THREADS=${THREADS:-2}
SOURCE=${SOURCE:-../shared/corpora/scale_news.jsonl.zst}
SEEDS=("$@")
[ ${#SEEDS[@]} -gt 0 ] || SEEDS=(1 2 3 4 5)

if [ ! -x "$BUILD/echotrace_gen" ] || [ ! -x "$BUILD/echotrace_phrase_recall" ] || [ ! -x "$BUILD/echotrace" ]; then
  cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DECHOTRACE_BUILD_BENCH=ON >/dev/null
  cmake --build "$BUILD" -j"$(nproc)" --target echotrace_gen echotrace_phrase_recall echotrace_cli
fi
mkdir -p "$WORK"

# 1. The split: line k of scale_news goes to A when k is odd, to B when even.
if [ ! -s "$WORK/A.jsonl" ] || [ ! -s "$WORK/B.jsonl" ]; then
  zstd -dc "$SOURCE" | awk -v a="$WORK/A.jsonl.part" -v b="$WORK/B.jsonl.part" \
    '{ if (NR % 2 == 1) print > a; else print > b }'
  mv "$WORK/A.jsonl.part" "$WORK/A.jsonl"
  mv "$WORK/B.jsonl.part" "$WORK/B.jsonl"
fi

# 2. The background table from half B only.
[ -s "$WORK/B.bg" ] || "$BUILD/echotrace" background "$WORK/B.jsonl" -o "$WORK/B.bg" -t "$THREADS"

# 3. Generated corpora from half A's sentences, and 4. recall without and with the table.
for s in "${SEEDS[@]}"; do
  corpus="$WORK/recall-s$s.jsonl.zst"
  [ -s "$corpus" ] || "$BUILD/echotrace_gen" -n 10000 --seed "$s" --sentences "$WORK/A.jsonl" -o "$corpus" \
    -t "$THREADS" 2>/dev/null
  "$BUILD/echotrace_phrase_recall" "$corpus" "$WORK/recall-s$s.truth.json" -t "$THREADS" >"$WORK/s$s-none.json"
  "$BUILD/echotrace_phrase_recall" "$corpus" "$WORK/recall-s$s.truth.json" -t "$THREADS" \
    --background "$WORK/B.bg" >"$WORK/s$s-bg.json"
  for kind in none bg; do
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sys.argv[2], sys.argv[3], "eligible", r["eligible"], "top100", r["found_in_top"], "recall %.3f" % r["recall_in_top"], "first_outlet %.3f" % r["first_outlet_accuracy"], "in_list", r["found_anywhere_in_list"])' \
      "$WORK/s$s-$kind.json" "seed $s" "$kind"
  done
done
