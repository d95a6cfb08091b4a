#!/usr/bin/env bash
# Runs the whole test suite: swift-format's lint, the language under libFuzzer for a bounded
# time (CI's share; run it longer by hand with scripts/fuzz.sh SECONDS), then the Swift tests of every library and of
# the `ftg` binary, the real embedded model's among them (installed first, or waited for when
# scripts/setup.sh's installation still runs; never skipped here), and ftg-bench's smoke test
# (built from its own package, Bench/).
set -euo pipefail
cd "$(dirname "$0")/.."

# The export tests open exported notebooks in headless Chromium to check that no script runs;
# they fail without it, so install it here when it is missing (Debian's `chromium` package).
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
  && [ -z "${FTG_CHROMIUM:-}" ]; then
  echo "test: installing chromium for the exported-notebook tests"
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
fi

# Style first, as it takes seconds: the rules are in .swift-format (swift-format ships with the
# toolchain); `swift format format -i -r Sources Tests ...` fixes most findings.
swift format lint --strict -r Sources Tests Bench/Sources Fuzz/Sources Package.swift Bench/Package.swift Fuzz/Package.swift
scripts/fuzz.sh "${FTG_FUZZ_SECONDS:-60}"
swift build
swift build --package-path Bench --product ftg 2>&1 | tail -n 1
swift build --package-path Bench 2>&1 | tail -n 1
scripts/install-local-model.sh
FTG_REQUIRE_LOCAL_MODEL=1 swift test
