#!/usr/bin/env bash
# Set up, build (warnings are errors) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Release -DECHOTRACE_BUILD_TESTS=ON \
      -DECHOTRACE_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build build-test -j"$(nproc)"
ctest --test-dir build-test --output-on-failure -j"$(nproc)"
