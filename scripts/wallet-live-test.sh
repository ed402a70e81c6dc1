#!/usr/bin/env bash
# The wallet page against a local node, in a real browser: deploys a suite
# to the node (scripts/node.sh; started here unless one runs), funds the
# treasury and opens a budget line with the `procure` tool, runs the portal
# following the node (its wallet page talking to the same node), then
# portal/browser/wallet-live.test.mjs drives Debian's chromium through a
# whole procurement with a test wallet injected into the page. Screenshots
# of each step go to out/browser/wallet-live-*.png.
# Prints cargo's "test result:" line so scripts/test.sh counts its checks.
# Without a node binary it says so and does nothing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
NODE_BIN="${PROCUREMENT_NODE_CACHE:-$HOME/.cache/procurement-suite/node}/bin/substrate-contracts-node"
if [ ! -x "$NODE_BIN" ]; then
  echo "[wallet-live] skipped: no node binary at $NODE_BIN (bash scripts/node.sh build)"
  exit 0
fi
work="$(mktemp -d)"
server=""
own_node=0
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ "$own_node" = 1 ]; then bash scripts/node.sh stop; fi
  rm -rf "$work"
}
trap cleanup EXIT
if ! bash scripts/node.sh status | grep -q "] running"; then
  bash scripts/node.sh start
  own_node=1
fi
url="ws://127.0.0.1:${NODE_PORT:-9944}"
cargo build --quiet --locked -p deploy --features live --bins
cargo build --quiet --locked -p portal --features live
(cd portal/wallet && npm run --silent build)
manifest="$work/deployment.json"
"$CARGO_TARGET_DIR/debug/deploy" --url "$url" --manifest "$manifest" > "$work/deploy.log" 2>&1 \
  || { cat "$work/deploy.log"; echo "[wallet-live] the suite did not deploy"; exit 1; }
procure=("$CARGO_TARGET_DIR/debug/procure" --url "$url" --manifest "$manifest")
"${procure[@]}" --as //Alice deposit 500000000000
"${procure[@]}" --as treasurer-1 open-line ROADS-2027 300000000000 365
"$CARGO_TARGET_DIR/debug/portal" follow --url "$url" --manifest "$manifest" --db "sqlite://$work/portal.db?mode=rwc" \
  --addr 127.0.0.1:0 > "$work/serve.log" 2>&1 &
server=$!
portal="$(portal_address "$work/serve.log")" || { cat "$work/serve.log"; echo "[wallet-live] the portal did not start"; exit 1; }
echo "[wallet-live] node $url; portal on $portal following it; chromium: $(chromium --version 2>/dev/null || echo missing)"
PORTAL_URL="$portal" NODE_URL="$url" MANIFEST="$manifest" PROCURE="$CARGO_TARGET_DIR/debug/procure" \
  SCREENSHOTS="$REPO_ROOT/out/browser" node portal/browser/wallet-live.test.mjs
