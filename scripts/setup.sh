#!/usr/bin/env bash
# Installs the Debian 12 packages echotrace needs to build, test and benchmark.
# Idempotent: when everything is present it only runs dpkg-query and exits.
set -euo pipefail

packages=(
  build-essential cmake pkg-config     # toolchain
  libxxhash-dev                        # XXH3-64 shingle hashing
  libeigen3-dev                        # sparse TF-IDF matrices
  libicu-dev                           # Unicode normalisation, case folding, word classes
  libcli11-dev                         # command-line parsing
  libsimdjson-dev                      # JSON-lines reading
  nlohmann-json3-dev                   # JSON writing
  libzstd-dev zstd                     # .zst corpora (the CLI zstd makes test inputs)
  libstemmer-dev                       # Snowball English stemmer: talking-point variants
  wamerican wbritish                   # spelling dictionary: a listed word is no typo of another
  libgtest-dev libgmock-dev            # unit tests
  libbenchmark-dev                     # micro-benchmarks
  python3 python3-numpy python3-scipy  # test oracles: .npy loads in numpy, .mtx in scipy
  chromium                             # the browser test of report.html (headless)
)
if [ "${ECHOTRACE_SETUP_DEV:-0}" = 1 ]; then
  packages+=(python3-sklearn)          # regenerate TF-IDF golden values
fi
if [ "${ECHOTRACE_SETUP_BENCH:-0}" = 1 ]; then
  packages+=(python3-sklearn           # corpus benchmark: scikit-learn TF-IDF peer
             time)                     # corpus benchmark: /usr/bin/time -v for CPU time and peak RSS
fi
if [ "${ECHOTRACE_SETUP_FUZZ:-0}" = 1 ]; then
  packages+=(clang libclang-rt-14-dev  # libFuzzer targets (scripts/fuzz.sh)
             libomp-14-dev)            # OpenMP runtime for clang builds
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
