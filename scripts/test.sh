#!/usr/bin/env bash
# Runs every test: installs the toolchains if missing, builds the contract
# bundles, then runs the unit tests (#[ink::test] and plain) and the drink
# tests in e2e-tests/ against the built bundles. Ends with one summary line
# ("tests: N passed, N failed") and exits non-zero on any failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
bash scripts/setup.sh
bash scripts/build.sh
echo "[test] cargo test --workspace"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
cargo test --workspace --locked 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# Sum the per-binary "test result: ok. N passed; M failed; ..." lines.
awk '/^test result:/ { passed += $4; failed += $6 }
     END { printf "tests: %d passed, %d failed\n", passed, failed }' "$log"
exit "$status"
