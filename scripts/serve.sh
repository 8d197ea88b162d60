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

if [ -n "${DATELINE_CORPUS:-}" ]; then
  echo "[serve] DATELINE_CORPUS=$DATELINE_CORPUS"
  export DATELINE_CORPUS
fi
echo "[serve] trunk serve --release --offline $*"
exec trunk serve --release --offline "$@"
