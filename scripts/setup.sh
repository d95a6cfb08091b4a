#!/usr/bin/env bash
# Installs what ftg needs on Debian/Ubuntu, builds it, and starts installing the embedded local
# model in the background (scripts/install-local-model.sh: it builds llama.cpp's server, which
# takes minutes the first time, and nothing before a live `local` call needs it; ftg waits for
# it then). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(pkg-config build-essential libedit-dev libcurl4-openssl-dev libssl-dev libsqlite3-dev zlib1g-dev tmux python3 python3-pip util-linux)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  for dir in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
    [ -x "$dir/swift" ] && export PATH="$dir:$PATH"
  done
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "setup: Swift 6.3 or later is needed; install the toolchain from swift.org and run again" >&2
  exit 1
fi

echo "setup: building ftg"
swift build 2>&1 | tail -n 1

echo "setup: the embedded local model (llama.cpp's llama-server and Qwen2.5-Coder-0.5B-Instruct)"
scripts/install-local-model.sh --background
