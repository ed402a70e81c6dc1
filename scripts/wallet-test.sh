#!/usr/bin/env bash
# The wallet pages' browser code (portal/wallet, TypeScript bundled by
# esbuild) against the contracts: every sealed-bid commitment and tender-form
# verdict the Rust side wrote in portal/wallet/test/vectors.json, and the
# receipts. Prints cargo's "test result:" line so scripts/test.sh counts it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT/portal/wallet"
npm run --silent build
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
set +e
node --test test/ > "$out" 2>&1
status=$?
set -e
cat "$out"
pass="$(awk '/^# pass/{print $3}' "$out")"
fail="$(awk '/^# fail/{print $3}' "$out")"
echo "test result: $([ "$status" = 0 ] && echo ok || echo FAILED). ${pass:-0} passed; ${fail:-0} failed; 0 ignored; 0 measured; 0 filtered out"
exit "$status"
