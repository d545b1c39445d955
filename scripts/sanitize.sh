#!/usr/bin/env bash
# Build everything with AddressSanitizer + UndefinedBehaviorSanitizer
# (ECHOTRACE_SANITIZE) in build-asan/ and run the whole test suite under it.
# The CLI the tests start is instrumented too, so its reports fail the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# -O1 -g1: fast enough to run, quick to build, line numbers in reports.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
      -DECHOTRACE_BUILD_TESTS=ON \
      -DECHOTRACE_SANITIZE=ON -DECHOTRACE_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build build-asan -j"$(nproc)"
# Leak checking stays on (libgomp reports no leaks here; add a suppressions
# file rather than detect_leaks=0 if a runtime ever does). A distinct exit
# code keeps a sanitizer report from passing for the CLI's own exit code 1.
export ASAN_OPTIONS="detect_leaks=1:exitcode=86:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=86"
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" --timeout 300
