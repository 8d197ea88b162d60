#!/usr/bin/env bash
# Relevance side by side: Dateline, tantivy and MiniSearch on the same corpus
# and the same queries (see tools/src/bin/bench_relevance.rs).
#
#   bench/relevance.sh <corpus> [work dir] [bench_relevance options: --seed S --items N ...]
#
# Builds what is missing (tantivy in bench/peers, MiniSearch into
# bench/peers/node_modules), keeps the ingested corpus in <work dir>/cache
# and prints the table.
set -euo pipefail
corpus=${1:?usage: bench/relevance.sh <corpus> [work dir] [options]}
work=${2:-/tmp/dateline-relevance}
shift $(( $# < 2 ? $# : 2 ))
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
(cd "$root" && cargo build --release --quiet --bin bench_relevance)
(cd "$root/bench/peers" && cargo build --release --quiet)
[ -d "$root/bench/peers/node_modules/minisearch" ] || npm install --prefix "$root/bench/peers" --no-audit --no-fund
bench=$root/target/release/bench_relevance
peers=$root/bench/peers/target/release/dateline-peers
"$bench" "$corpus" --cache "$work/cache" --emit "$work/queries.json" "$@" > /dev/null
"$peers" relevance "$work/queries.json" "$work/tantivy-or.json"
"$peers" relevance "$work/queries.json" "$work/tantivy-and.json" and
node --max-old-space-size=8192 "$root/bench/peers/minisearch.mjs" "$work/queries.json" "$work/minisearch-typing.json" typing
node --max-old-space-size=8192 "$root/bench/peers/minisearch.mjs" "$work/queries.json" "$work/minisearch-default.json" default
"$bench" "$corpus" --cache "$work/cache" "$@" \
    --peer "$work/tantivy-or.json" --peer "$work/tantivy-and.json" \
    --peer "$work/minisearch-typing.json" --peer "$work/minisearch-default.json"
