#!/usr/bin/env bash
# Builds Dateline and serves it with live reload (default http://127.0.0.1:8080).
# Extra arguments go to `trunk serve` (e.g. --port 9000, --address 0.0.0.0).
#
#   DATELINE_CORPUS=/path/to/folder scripts/serve.sh   # explore another corpus
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$DATELINE_ROOT"

bash scripts/setup.sh

watch=()
if [ -n "${DATELINE_CORPUS:-}" ]; then
  echo "[serve] DATELINE_CORPUS=$DATELINE_CORPUS"
  export DATELINE_CORPUS
  # Rebuild when that folder changes too (Trunk.toml lists the project's
  # own folders; --watch replaces that list, so it is repeated here).
  for w in index.html src styles assets core/src tools/src corpus Cargo.toml "$DATELINE_CORPUS"; do
    watch+=(--watch "$w")
  done
fi
# A corpus change re-runs only the build's last step (no Rust is
# recompiled); reload the page to see it (the page's Content Security
# Policy refuses Trunk's injected live-reload script, see Trunk.toml).
echo "[serve] trunk serve --release --offline ${watch[*]:-} $*"
exec trunk serve --release --offline "${watch[@]}" "$@"
