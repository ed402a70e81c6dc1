#!/usr/bin/env bash
# The live path in one command: deploys the suite to the local development
# node, runs the whole demo procurement on it (as scripts/demo.sh does on the
# sandbox: tender, evaluation with a protest, an agreement paid milestone by
# milestone), then a procurement stage with every step checked against the
# chain (publish, sealed bids, reveals, a typed refusal, a bond claimed back),
# all through real extrinsics, with the fee of every extrinsic printed.
#
# Needs the node built once on this machine (bash scripts/node.sh build);
# starts it (a fresh --dev chain) unless one already runs, and stops what it
# started. Extra arguments go to the deploy tool (e.g. --endowment N).
# Another chain: cargo run -p deploy --features live -- --url wss://... --funder "<secret URI>" --config FILE
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

NODE_BIN="${PROCUREMENT_NODE_CACHE:-$HOME/.cache/procurement-suite/node}/bin/substrate-contracts-node"
if [ ! -x "$NODE_BIN" ]; then
  echo "[live] no node binary at $NODE_BIN: build it once with 'bash scripts/node.sh build' (about 50 minutes)" >&2
  exit 1
fi
bash scripts/setup.sh
bash scripts/build.sh
own_node=0
if ! bash scripts/node.sh status | grep -q "] running"; then
  bash scripts/node.sh start
  own_node=1
fi
trap 'if [ "$own_node" = 1 ]; then bash scripts/node.sh stop; fi' EXIT
cargo run -q -p deploy --features live --locked -- \
  --url "ws://127.0.0.1:${NODE_PORT:-9944}" --demo --stage --manifest out/live-deployment.json "$@"
