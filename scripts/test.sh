#!/usr/bin/env bash
# Runs the whole test suite: the language under libFuzzer for a bounded time (CI's share; run
# it longer by hand with scripts/fuzz.sh SECONDS), then the Swift tests of every library and of
# the `ftg` binary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/fuzz.sh "${FTG_FUZZ_SECONDS:-60}"
swift build
swift test --no-parallel
