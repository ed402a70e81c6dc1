#!/usr/bin/env bash
# Runs every test: installs the toolchains if missing, checks the formatting
# (rustfmt.toml) and lints (clippy, warnings are errors, the live backend
# included), builds the contract bundles, then runs the unit tests (#[ink::test] and plain) and the drink
# tests in e2e-tests/ against the built bundles. When a local node has been
# built on this machine (bash scripts/node.sh build), it also runs the live
# tests (deploy/tests/live.rs) against it; without one it says they are
# skipped. The portal's store tests run on SQLite and on a throwaway
# PostgreSQL server (scripts/pg.sh); its browser tests drive Debian's
# chromium (scripts/browser-test.sh). Ends with one summary line ("tests: N passed, N failed") and exits
# non-zero on any failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
bash scripts/setup.sh
echo "[test] cargo fmt --all --check"
cargo fmt --all --check
echo "[test] cargo clippy --workspace --all-targets (warnings are errors)"
cargo clippy --quiet --workspace --all-targets --features deploy/live,portal/live --locked -- -D warnings
bash scripts/build.sh
echo "[test] cargo test --workspace (the first time this compiles drink's runtime and every test: about 10 minutes on 2 cores; then about 6 minutes of tests)"
log="$(mktemp)"
trap 'rm -f "$log"; bash scripts/pg.sh stop >/dev/null 2>&1 || true' EXIT
PORTAL_TEST_POSTGRES="$(bash scripts/pg.sh start)"
export PORTAL_TEST_POSTGRES
set +e
cargo test --workspace --locked 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
bash scripts/pg.sh stop
echo "[test] the wallet code against the contracts' vectors (node)"
bash scripts/wallet-test.sh 2>&1 | tee -a "$log"
wallet_status=${PIPESTATUS[0]}
if [ "$wallet_status" != 0 ]; then status=$wallet_status; fi
echo "[test] the portal in a browser (chromium, playwright-core)"
bash scripts/browser-test.sh 2>&1 | tee -a "$log"
browser_status=${PIPESTATUS[0]}
if [ "$browser_status" != 0 ]; then status=$browser_status; fi

NODE_BIN="${PROCUREMENT_NODE_CACHE:-$HOME/.cache/procurement-suite/node}/bin/substrate-contracts-node"
if [ -x "$NODE_BIN" ]; then
  echo "[test] live tests against a local node ($NODE_BIN)"
  own_node=0
  if ! bash scripts/node.sh status | grep -q "] running"; then
    bash scripts/node.sh start && own_node=1
  fi
  PROCUREMENT_LIVE=required cargo test -p deploy --features live --locked --test live -- --test-threads=1 2>&1 | tee -a "$log"
  live_status=${PIPESTATUS[0]}
  PROCUREMENT_LIVE=required cargo test -p portal --features live --locked --test live 2>&1 | tee -a "$log"
  portal_live=${PIPESTATUS[0]}
  if [ "$portal_live" != 0 ]; then live_status=$portal_live; fi
  echo "[test] the wallet page on the node, in a browser"
  bash scripts/wallet-live-test.sh 2>&1 | tee -a "$log"
  wallet_live=${PIPESTATUS[0]}
  if [ "$wallet_live" != 0 ]; then live_status=$wallet_live; fi
  if [ "$own_node" = 1 ]; then bash scripts/node.sh stop; fi
  if [ "$live_status" != 0 ]; then status=$live_status; fi
else
  echo "[test] live tests skipped: no node binary at $NODE_BIN (build one with: bash scripts/node.sh build)"
fi
set -e
# Sum the per-binary "test result: ok. N passed; M failed; ..." lines.
awk '/^test result:/ { passed += $4; failed += $6 }
     END { printf "tests: %d passed, %d failed\n", passed, failed }' "$log"
exit "$status"
