#!/usr/bin/env bash
# Installs what Dateline needs to build (and, with --browser, to test).
# Idempotent: every step checks first and installs only what is missing.
#
#   scripts/setup.sh             # build/serve tools: wasm32 target, trunk,
#                                # wasm-bindgen-cli (= Cargo.lock), wasm-opt
#   scripts/setup.sh --browser   # + Chromium, Firefox ESR, WebKitGTK's
#                                # WebDriver and Xvfb, rustfmt/clippy, e2e node deps
#
# Environment:
#   CHROME_BIN   use this Chromium/Chrome instead of /usr/bin/chromium
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$DATELINE_ROOT"

want_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    -h | --help)
      sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "setup.sh: unknown argument: $arg" >&2
      exit 2
      ;;
  esac
done

log() { printf '[setup] %s\n' "$*"; }
die() {
  printf '[setup] ERROR: %s\n' "$*" >&2
  exit 1
}

# Run a command as root (directly if we are root, else via sudo).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (no sudo available)"
  fi
}

apt_updated=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 ||
    die "apt-get not found; install these packages by hand: $*"
  if [ "$apt_updated" -eq 0 ]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    apt_updated=1
  fi
  log "apt-get install -y $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}

# --- Rust toolchain ----------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1; then
  if ! command -v rustup >/dev/null 2>&1; then
    command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates
    log "installing rustup + stable Rust (minimal profile)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
      sh -s -- -y --no-modify-path --profile minimal --component rustfmt,clippy
  fi
  command -v cargo >/dev/null 2>&1 || die "cargo still not found on PATH ($PATH)"
fi
log "$(cargo --version)"

# The wasm/trunk builds need a C toolchain for some build scripts (cc, ring...).
if ! command -v cc >/dev/null 2>&1; then
  apt_install build-essential pkg-config
fi

if command -v rustup >/dev/null 2>&1; then
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rust target wasm32-unknown-unknown: present"
  else
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$want_browser" -eq 1 ]; then
    missing_components=()
    cargo fmt --version >/dev/null 2>&1 || missing_components+=(rustfmt)
    cargo clippy --version >/dev/null 2>&1 || missing_components+=(clippy)
    if [ "${#missing_components[@]}" -gt 0 ]; then
      log "rustup component add ${missing_components[*]}"
      rustup component add "${missing_components[@]}"
    fi
  fi
else
  log "WARNING: rustup not found; assuming wasm32-unknown-unknown, rustfmt and clippy are installed"
fi

# --- trunk -------------------------------------------------------------------
if trunk_version="$(trunk --version 2>/dev/null)"; then
  log "trunk: $trunk_version"
else
  # trunk 0.22 needs a newer rustc than 1.95; 0.21 builds with --locked.
  log "cargo install trunk --version '~0.21' --locked   (slow: ~12 min on 2 cores)"
  cargo install trunk --version '~0.21' --locked
  log "trunk: $(trunk --version)"
fi

# --- wasm-bindgen-cli (must equal the wasm-bindgen crate in Cargo.lock) -------
if [ ! -f Cargo.lock ]; then
  log "Cargo.lock missing: cargo generate-lockfile"
  cargo generate-lockfile
fi
wb_version="$(dateline_wasm_bindgen_version)"
[ -n "$wb_version" ] || die "could not read the wasm-bindgen version from Cargo.lock"
have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_wb" = "$wb_version" ]; then
  log "wasm-bindgen-cli: $have_wb (matches Cargo.lock)"
else
  force=()
  if [ -n "$have_wb" ]; then
    log "wasm-bindgen-cli $have_wb does not match Cargo.lock ($wb_version): replacing"
    force=(--force)
  fi
  # Deliberately WITHOUT --locked: its lock pins a webpki-roots version the
  # registry mirror here lacks.
  log "cargo install wasm-bindgen-cli --version $wb_version ${force[*]:-}  (~5 min)"
  cargo install wasm-bindgen-cli --version "$wb_version" "${force[@]}"
  hash -r
  have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  [ "$have_wb" = "$wb_version" ] ||
    die "installed wasm-bindgen-cli $wb_version, but $(command -v wasm-bindgen || echo wasm-bindgen) reports '${have_wb:-nothing}' (another copy earlier on PATH?)"
  log "wasm-bindgen-cli: $have_wb"
fi

# --- Node / npm (for wasm-opt and the browser tests) ---------------------------
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
log "node $(node --version), npm $(npm --version 2>/dev/null)"
if [ "$node_major" -lt 20 ]; then
  log "WARNING: Node $node_major found; the e2e tests (playwright-core) expect Node >= 20"
fi

# --- wasm-opt (npm binaryen@132; Debian's binaryen 108 is too old) ------------
wasm_opt="$DATELINE_BINARYEN_DIR/node_modules/.bin/wasm-opt"
if [ -x "$wasm_opt" ]; then
  log "wasm-opt: present ($wasm_opt)"
else
  log "npm install --prefix .tools/binaryen binaryen@132"
  mkdir -p "$DATELINE_BINARYEN_DIR"
  npm install --prefix "$DATELINE_BINARYEN_DIR" binaryen@132 --no-audit --no-fund
  [ -x "$wasm_opt" ] || die "binaryen installed but $wasm_opt is missing"
fi
hash -r
[ "$(command -v wasm-opt)" = "$wasm_opt" ] ||
  die "wasm-opt on PATH is $(command -v wasm-opt), expected $wasm_opt"
log "wasm-opt: $(wasm-opt --version)"

# --- Browser-test dependencies -------------------------------------------------
if [ "$want_browser" -eq 1 ]; then
  chrome="$(dateline_find_chrome)"
  if [ -n "$chrome" ] && command -v "$chrome" >/dev/null 2>&1; then
    log "browser: $chrome ($("$chrome" --version 2>/dev/null || echo 'version unknown'))"
  elif [ -n "${CHROME_BIN:-}" ]; then
    die "CHROME_BIN=$CHROME_BIN is not an executable"
  else
    apt_install chromium chromium-driver
    [ -x /usr/bin/chromium ] || die "apt installed chromium but /usr/bin/chromium is missing"
    log "browser: /usr/bin/chromium"
  fi

  # The cross-browser tests (e2e/browsers.test.mjs): Firefox ESR driven over
  # WebDriver BiDi, WebKitGTK's MiniBrowser through WebKitWebDriver in Xvfb.
  # Debian's packages only: no test tool ever downloads a browser.
  other_browsers=()
  [ -x /usr/bin/firefox-esr ] || other_browsers+=(firefox-esr)
  [ -x /usr/bin/WebKitWebDriver ] || other_browsers+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null 2>&1 || other_browsers+=(xvfb)
  if [ "${#other_browsers[@]}" -gt 0 ]; then
    apt_install "${other_browsers[@]}"
  fi
  [ -x /usr/bin/firefox-esr ] || die "apt installed firefox-esr but /usr/bin/firefox-esr is missing"
  [ -x /usr/bin/WebKitWebDriver ] || die "apt installed webkit2gtk-driver but /usr/bin/WebKitWebDriver is missing"
  log "browser: $(/usr/bin/firefox-esr --version 2>/dev/null || echo 'firefox-esr, version unknown')"
  log "browser: WebKitGTK $(dpkg-query -W -f='${Version}' webkit2gtk-driver 2>/dev/null || echo '(version unknown)') (/usr/bin/WebKitWebDriver)"

  e2e_deps=(playwright-core axe-core puppeteer-core selenium-webdriver)
  have_all=1
  for dep in "${e2e_deps[@]}"; do
    [ -d "e2e/node_modules/$dep" ] || have_all=0
  done
  if [ "$have_all" -eq 1 ]; then
    log "e2e node deps: present"
  elif [ -f e2e/package-lock.json ]; then
    log "npm ci --prefix e2e"
    npm ci --prefix e2e --no-audit --no-fund
  else
    log "npm install --prefix e2e"
    npm install --prefix e2e --no-audit --no-fund
  fi
fi

log "done"
