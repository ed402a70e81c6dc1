#!/usr/bin/env bash
# Runs every test: installs the toolchains if missing, builds the contract
# bundles, then runs the unit tests (#[ink::test] and plain) and the drink
# tests in e2e-tests/ against the built bundles. Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
bash scripts/setup.sh
bash scripts/build.sh
echo "[test] cargo test --workspace"
cargo test --workspace --locked
