# shellcheck shell=bash
# Shared environment for Dateline's scripts. Source it; do not execute it.
#   source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# Sets DATELINE_ROOT, puts the project-local wasm-opt (npm binaryen) first on
# PATH and makes sure cargo's bin directory is on PATH.

DATELINE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DATELINE_ROOT

# Project-local tools (gitignored): wasm-opt from npm binaryen@132.
# Debian's binaryen (108) cannot parse wasm from current rustc, so this must
# come before anything else that might provide a wasm-opt.
DATELINE_BINARYEN_DIR="$DATELINE_ROOT/.tools/binaryen"
export DATELINE_BINARYEN_DIR

_dateline_cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$_dateline_cargo_bin:"*) ;;
  *) PATH="$_dateline_cargo_bin:$PATH" ;;
esac
unset _dateline_cargo_bin

# Binaryen must be FIRST on PATH (even if it is already elsewhere on it).
case "$PATH" in
  "$DATELINE_BINARYEN_DIR/node_modules/.bin:"*) ;;
  *) PATH="$DATELINE_BINARYEN_DIR/node_modules/.bin:$PATH" ;;
esac
export PATH

# Version of the wasm-bindgen crate pinned in Cargo.lock (empty if unknown).
dateline_wasm_bindgen_version() {
  local lock="$DATELINE_ROOT/Cargo.lock"
  [ -f "$lock" ] || return 0
  awk '
    /^\[\[package\]\]/ { in_wb = 0 }
    /^name = "wasm-bindgen"$/ { in_wb = 1; next }
    in_wb && /^version = / { gsub(/^version = "|"$/, ""); print; exit }
  ' "$lock"
}

# Prints the Chromium/Chrome executable to use for browser tests, or nothing.
# CHROME_BIN wins when set.
dateline_find_chrome() {
  if [ -n "${CHROME_BIN:-}" ]; then
    printf '%s\n' "$CHROME_BIN"
    return 0
  fi
  if [ -x /usr/bin/chromium ]; then
    printf '%s\n' /usr/bin/chromium
    return 0
  fi
  local c
  for c in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then
      command -v "$c"
      return 0
    fi
  done
  return 0
}

# Prints the free disk space where target/ lives and the size of target/, and
# warns when the free space is below what a full test run needs (target/
# reached 4.0 GB in a fresh clone's run with scripts/test.sh's settings, plus
# Trunk's compile on a new machine; a disk that fills up makes cargo and the
# linker fail with "No space left on device" or a bus error).
dateline_report_disk() {
  local when="$1" dir="$DATELINE_ROOT/target" free_kb used
  [ -d "$dir" ] || dir="$DATELINE_ROOT"
  free_kb="$(df -Pk "$dir" 2>/dev/null | awk 'NR == 2 { print $4 }')" || free_kb=""
  used="$(du -sh "$DATELINE_ROOT/target" 2>/dev/null | cut -f1)" || used=""
  [ -n "$free_kb" ] || return 0
  printf '[disk] %s: %s MB free on %s; target/ is %s\n' \
    "$when" "$((free_kb / 1024))" "$dir" "${used:-empty}"
  if [ "$free_kb" -lt $((6 * 1024 * 1024)) ]; then
    printf '[disk] warning: less than 6 GB free; the build may fail with "No space left on device"\n'
  fi
}
