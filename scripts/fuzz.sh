#!/usr/bin/env bash
# Build the libFuzzer targets of tests/fuzz with clang in build-fuzz/ and run
# each for FUZZ_SECONDS seconds (default 60), starting from its committed seeds
# in tests/fuzz/corpus/<name>/. Fails on any finding (crash, sanitizer report,
# broken invariant, timeout, out-of-memory); the input is saved under
# build-fuzz/fuzz-work/<name>/artifacts/. Prints the executions per target.
# Usage: scripts/fuzz.sh [target ...]   (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."
ECHOTRACE_SETUP_FUZZ=1 bash scripts/setup.sh
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
      -DECHOTRACE_FUZZ=ON -DECHOTRACE_BUILD_TESTS=OFF -DECHOTRACE_BUILD_TOOLS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)"

seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for bin in build-fuzz/tests/fuzz/*_fuzz; do targets+=("$(basename "$bin" _fuzz)"); done
fi
export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
summary=()
for name in "${targets[@]}"; do
  work="build-fuzz/fuzz-work/$name"
  mkdir -p "$work/corpus" "$work/artifacts"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1
        -artifact_prefix="$work/artifacts/")
  [ -f "tests/fuzz/$name.dict" ] && args+=(-dict="tests/fuzz/$name.dict")
  echo "fuzz: $name for ${seconds}s" >&2
  # New inputs go to the scratch corpus in build-fuzz; the committed seeds are only read.
  if ! "build-fuzz/tests/fuzz/${name}_fuzz" "${args[@]}" "$work/corpus" "tests/fuzz/corpus/$name" \
       >"$work/log" 2>&1; then
    tail -n 60 "$work/log" >&2
    echo "fuzz: $name FAILED; reproduce with build-fuzz/tests/fuzz/${name}_fuzz $work/artifacts/<file>" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$work/log" | tail -n 1 || true)
  summary+=("$name: ${runs:-?} executions in ${seconds}s (${cov:-cov: ?})")
done
printf 'fuzz: %s\n' "${summary[@]}"
