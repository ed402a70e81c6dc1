#!/usr/bin/env bash
# The portal in a real browser: runs the demo on the sandbox into a
# temporary directory, indexes its journal, serves it on a free loopback
# port, and drives Debian's chromium through it with playwright-core
# (portal/browser/portal.test.mjs). Screenshots go to out/browser/.
# Prints cargo's "test result:" line so scripts/test.sh counts its checks.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
work="$(mktemp -d)"
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
cargo build --quiet --locked -p deploy -p portal
(cd portal/wallet && npm run --silent build)
cargo run --quiet --locked -p deploy -- --manifest "$work/deployment.json" > "$work/demo.log"
db="sqlite://$work/portal.db?mode=rwc"
cargo run --quiet --locked -p portal -- import --db "$db" --journal "$work/journal.jsonl" --manifest "$work/deployment.json"
"$CARGO_TARGET_DIR/debug/portal" serve --db "$db" --addr 127.0.0.1:0 > "$work/serve.log" 2>&1 &
server=$!
url="$(portal_address "$work/serve.log")" || { cat "$work/serve.log"; echo "[browser] the portal did not start"; exit 1; }
echo "[browser] portal on $url; chromium: $(chromium --version 2>/dev/null || echo missing)"
PORTAL_URL="$url" SCREENSHOTS="$REPO_ROOT/out/browser" node portal/browser/portal.test.mjs
