#!/usr/bin/env bash
# The public portal, on this machine:
#
#   bash scripts/portal.sh                      # the demo's data (runs the demo first if it never ran)
#   bash scripts/portal.sh --url ws://127.0.0.1:9944 --manifest out/live-deployment.json [--config FILE]
#                                               # follow a node's finalized blocks and serve them
#
# Options passed on: --addr HOST:PORT (default 127.0.0.1:8080), --db URL
# (default sqlite out/portal.db; a postgres://... URL works the same).
# Installs what is missing first (scripts/setup.sh), builds the portal, and
# prints the address to open. Ctrl-C stops it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
live=0
for arg in "$@"; do [ "$arg" = "--url" ] && live=1; done
bash scripts/setup.sh
if [ "$live" = 1 ]; then
  cargo build --quiet --locked -p portal --features live
  exec "$CARGO_TARGET_DIR/debug/portal" follow "$@"
fi
if [ ! -f out/journal.jsonl ] || [ ! -f out/deployment.json ]; then
  echo "[portal] no demo data yet: running the demo (bash scripts/demo.sh)"
  bash scripts/demo.sh >/dev/null
fi
cargo build --quiet --locked -p portal
custom_db=0
for arg in "$@"; do [ "$arg" = "--db" ] && custom_db=1; done
if [ "$custom_db" = 0 ]; then
  # The demo's chain starts afresh on every run: index its latest journal
  # into a fresh file.
  rm -f out/portal.db
fi
"$CARGO_TARGET_DIR/debug/portal" import "$@"
echo "[portal] open the address below in a browser"
exec "$CARGO_TARGET_DIR/debug/portal" serve "$@"
