#!/usr/bin/env bash
# Main job: set up, build, and analyse corpus/seeds into results/seeds/.
# Usage: scripts/run.sh [extra echotrace analyze options]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DECHOTRACE_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)"
./build/echotrace analyze corpus/seeds -o results/seeds "$@"
