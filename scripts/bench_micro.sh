#!/usr/bin/env bash
# Micro-benchmarks (Google Benchmark): builds echotrace_bench and writes its
# JSON to results/bench/micro-<date>-<commit>.json.
# Usage: scripts/bench_micro.sh [echotrace_bench flags, e.g. --benchmark_filter=BM_minhash]
# Text comes from ../shared/corpora/scale_news.jsonl.zst when present (else
# generated); pass --corpus=PATH to use another JSON-lines corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DECHOTRACE_BUILD_BENCH=ON -DECHOTRACE_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)"
mkdir -p results/bench
commit=$(git rev-parse --short=10 HEAD 2>/dev/null || echo unknown)
out="results/bench/micro-$(date -u +%Y-%m-%d)-${commit}.json"
./build-bench/echotrace_bench --benchmark_out="$out" --benchmark_out_format=json \
  --benchmark_context="commit=${commit},nproc=$(nproc),preliminary=${ECHOTRACE_BENCH_PRELIMINARY:-true}" "$@"
echo "bench_micro: wrote $out" >&2
