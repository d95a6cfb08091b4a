#!/usr/bin/env bash
# Fuzzes ftg's language (lexer, parser, resolver, interpreter, diagnostics, completion) with
# libFuzzer for a bounded time, starting from the seed corpus in Fuzz/corpus.
#
# Usage: scripts/fuzz.sh [SECONDS]     (default 60)
#
# New inputs go to a scratch folder, so the repository's corpus only changes by hand; a crash,
# a hang (over 10 s for one input) or an input using over 2 GB is saved as fuzz-crash-*/
# fuzz-timeout-* in the repository's root and the script fails. Add a finding to the corpus
# (and a regression script to Tests/FTGLangTests/Scripts) once it is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
swift build --package-path Fuzz -c debug -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -use-ld=lld 2>&1 | tail -n 1
fuzzer="$(swift build --package-path Fuzz -c debug -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -use-ld=lld --show-bin-path)/FTGLangFuzzer"
scratch="$(mktemp -d)"
log="$(mktemp)"
trap 'rm -rf "$scratch" "$log"' EXIT
status=0
"$fuzzer" "$scratch" Fuzz/corpus -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=4096 -print_final_stats=1 -artifact_prefix="$PWD/fuzz-" >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  # A finding: show what it was and the input itself, so a CI log alone reproduces it.
  grep -m 1 -B 2 -A 40 -E '^==[0-9]+== ERROR|ALARM|deadly signal|out-of-memory' "$log" || tail -n 60 "$log"
  for artifact in "$PWD"/fuzz-*; do
    [ -f "$artifact" ] || continue
    echo "fuzz: the input, saved as $artifact, in base64 (decode with base64 -d):"
    base64 -w 0 "$artifact"
    echo
  done
  exit "$status"
fi
tail -n 6 "$log"
