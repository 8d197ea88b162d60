#!/usr/bin/env bash
# Runs every Dateline check; exits non-zero if any of them fails.
#   1. scripts/setup.sh --browser        (toolchain, Chromium, Firefox ESR,
#                                         WebKitGTK's WebDriver, Xvfb, e2e deps)
#   2. cargo fmt --all -- --check
#   3. cargo clippy --workspace --all-targets -- -D warnings, and
#      cargo doc --document-private-items with warnings as errors (the
#      module docs' links resolve)
#   4. cargo test --workspace            (native unit/integration tests)
#   5. trunk build --release --offline   (dist/)
#   6. a 2,000-article synthetic corpus built into target/dist-scale (and
#      split with impact tiers into target/dist-scale-tiers), and
#      the hostile corpus (e2e/fixtures/hostile-corpus plus files with
#      hostile names) into target/dist-hostile; the app is compiled once,
#      these builds only attach another corpus (Trunk.toml's hook); and
#      the default corpus in the split layout into target/dist-split
#   7. node --test e2e/*.test.mjs        (headless Chromium against all four;
#                                         e2e/browsers.test.mjs: the main flow in
#                                         Chromium, Firefox ESR and WebKitGTK),
#      then explorer/features/timeline/workflow again against target/dist-split
# Steps 2-6 all run even if an earlier one fails, so one run reports every
# problem; step 7 needs step 5. Setup failing stops everything.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$DATELINE_ROOT"

passed=()
failed=()

banner() { printf '\n==== [test] %s ====\n' "$*"; }

# step NAME CMD... : runs CMD, records the outcome, never aborts the script.
step() {
  local name="$1"
  shift
  banner "$name: $*"
  local start=$SECONDS rc=0
  "$@" || rc=$?
  if [ "$rc" -eq 0 ]; then
    passed+=("$name")
    printf '==== [test] %s: ok (%ss)\n' "$name" "$((SECONDS - start))"
  else
    failed+=("$name")
    printf '==== [test] %s: FAILED with exit code %s (%ss)\n' "$name" "$rc" "$((SECONDS - start))"
  fi
  return 0
}

banner "setup: scripts/setup.sh --browser"
if ! bash scripts/setup.sh --browser; then
  echo
  echo "test.sh: FAILED (setup could not install the toolchain; no tests ran)"
  exit 1
fi
# Disk: a run's target/ was 7.9 GB, 7.2 GB of it debug test binaries with
# full debug info (~120 MB each), and a CI machine with less room than that
# failed with "No space left on device" in the middle of the wasm build. Line
# tables keep file:line in panics and backtraces at a fraction of the size, and
# incremental caches are of no use to a one-off run: target/ now peaks at
# 4.0 GB (a fresh clone's run, 2026-12-06). Either can be overridden.
export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}"
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
dateline_report_disk "before the build"
CHROME_BIN="$(dateline_find_chrome)"
export CHROME_BIN
# Setup installed Firefox ESR and WebKitGTK: a missing one fails the
# cross-browser tests instead of skipping them.
export DATELINE_REQUIRE_BROWSERS=1

step fmt cargo fmt --all -- --check
step clippy cargo clippy --workspace --all-targets -- -D warnings
step doc env RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --document-private-items
step cargo-test cargo test --workspace
step trunk-build trunk build --release --offline
# A second build on a deterministic 2,000-article synthetic corpus for the
# browser tests at scale (e2e/scale.test.mjs): windowed list, long outlet list.
scale_build() {
  cargo run -q --bin gen_corpus -- --articles 2000 --out target/e2e-scale &&
    DATELINE_CORPUS="$PWD/target/e2e-scale" trunk build --release --offline --dist target/dist-scale &&
    # The same corpus split with impact tiers on (off by default), for
    # e2e/tiers.test.mjs: the same rows as above.
    DATELINE_LAYOUT=split DATELINE_TIERS=64:200 DATELINE_CORPUS="$PWD/target/e2e-scale" \
      trunk build --release --offline --dist target/dist-scale-tiers &&
    # And split with stored answers of 48 hits (deeper hits to 1,000) for
    # the words whose lists take 2 KB or more, for e2e/answers.test.mjs:
    # the same rows again.
    DATELINE_LAYOUT=split DATELINE_ANSWERS=2048:48:1000 DATELINE_CORPUS="$PWD/target/e2e-scale" \
      trunk build --release --offline --dist target/dist-scale-answers
}
step scale-build scale_build
# The hostile corpus, with the file names git cannot carry: a newline, a
# right-to-left override, a cargo directive, a terminal escape.
hostile_build() {
  rm -rf target/hostile-corpus &&
    cp -r e2e/fixtures/hostile-corpus target/hostile-corpus &&
    local name page='Talks in Moscow
Putin met Aliyev and Pashinyan in Moscow on Monday to discuss the Karabakh settlement and the return of refugees.
The leaders agreed on a working group on transport links, the Kremlin said after four hours of talks.' &&
    for name in $'bad\nname.txt' $'exe.\u202egnp.txt' 'cargo::error=file.txt' $'x\e[2Jy.txt'; do
      printf '%s\n' "$page" >"target/hostile-corpus/$name" || return 1
    done &&
    DATELINE_CORPUS="$PWD/target/hostile-corpus" trunk build --release --offline --dist target/dist-hostile
}
step hostile-build hostile_build
# Eight articles in eight languages (e2e/languages.test.mjs).
step multilingual-build env DATELINE_CORPUS="$PWD/e2e/fixtures/multilingual-corpus" \
  trunk build --release --offline --dist target/dist-multilingual
# The default corpus in the split layout (files fetched as needed), for
# e2e/split.test.mjs and a second run of the main browser tests; with a
# stored answer for every word being typed (`DATELINE_ANSWERS=1`: those
# whose lists take a byte or more, 3,334 of them), so that those flows run
# on answers (core/src/split/answers.rs) where the corpus has them. No
# deeper hits (`:1024:0`): no word of five articles fills a top, and their
# files would halve the answers the file limit leaves room for.
step split-build env DATELINE_LAYOUT=split DATELINE_ANSWERS=1:1024:0 trunk build --release --offline --dist target/dist-split

if [ -f dist/index.html ] && [[ " ${passed[*]} " == *" trunk-build "* ]]; then
  shopt -s nullglob
  e2e_tests=(e2e/*.test.mjs)
  shopt -u nullglob
  if [ "${#e2e_tests[@]}" -eq 0 ]; then
    echo "[test] no e2e/*.test.mjs files found"
    failed+=(e2e)
  else
    step e2e node --test --test-reporter=spec "${e2e_tests[@]}"
    # The same main flows on the split layout of the same corpus: same
    # results, counts, timeline, reader, passages and export.
    if [ -f target/dist-split/index.html ]; then
      step e2e-split env DATELINE_DIST=target/dist-split node --test --test-reporter=spec \
        e2e/explorer.test.mjs e2e/features.test.mjs e2e/timeline.test.mjs e2e/compare-queries.test.mjs \
        e2e/workflow.test.mjs e2e/credits.test.mjs
    else
      failed+=("e2e-split (skipped: no target/dist-split)")
    fi
  fi
else
  banner "e2e: skipped because trunk build failed"
  failed+=("e2e (skipped: no dist/)")
fi

dateline_report_disk "after the tests"
echo
if [ "${#failed[@]}" -eq 0 ]; then
  echo "test.sh: ALL PASSED (${passed[*]})"
  exit 0
fi
echo "test.sh: FAILED: ${failed[*]}   (passed: ${passed[*]:-none})"
exit 1
