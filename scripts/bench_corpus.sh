#!/usr/bin/env bash
# Corpus benchmark: sets up (with scikit-learn and GNU time), builds the
# benchmark tools, generates corpora of 1k, 10k and 100k documents (with ground
# truth) under corpus/generated/ and runs echotrace on them and on
# ../shared/corpora/scale_news.jsonl.zst, plus scikit-learn's TF-IDF on the
# same tokens. Writes results/bench/<date>-<commit>.json, .csv and .svg.
# Usage: scripts/bench_corpus.sh [bench/py/bench_corpus.py options]
#   e.g. --sizes 1000,10000,100000,1000000   --final (quiet machine)   --help
set -euo pipefail
cd "$(dirname "$0")/.."
ECHOTRACE_SETUP_BENCH=1 bash scripts/setup.sh
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DECHOTRACE_BUILD_BENCH=ON -DECHOTRACE_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)"
exec /usr/bin/python3 bench/py/bench_corpus.py --build build-bench "$@"
