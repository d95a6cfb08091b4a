#!/usr/bin/env bash
# Runs the whole test suite: the Swift tests of every library and the `ftg` binary.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
swift test --no-parallel
