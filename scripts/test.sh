#!/usr/bin/env bash
# Runs the whole test suite: the Swift tests of every library and the `ftg` binary.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
swift test --no-parallel
# The language under libFuzzer for a bounded time (CI's share; run longer by hand).
scripts/fuzz.sh "${FTG_FUZZ_SECONDS:-60}"
