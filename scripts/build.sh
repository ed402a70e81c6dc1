#!/usr/bin/env bash
# Builds every contract with cargo-contract (release) and copies each bundle to
# bundles/<name>.contract (and the bare code to bundles/<name>.wasm), the
# predictable paths the drink tests, the bench and the deploy tool read.
# Assumes scripts/setup.sh has run. Incremental: cargo skips unchanged crates.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
mkdir -p bundles
# The suite's contracts, then the bench's yardstick token (not part of the
# suite: the bench compares every message with its transfer).
for dir in "${CONTRACTS[@]/#/contracts/}" bench/yardstick; do
  contract="$(basename "$dir")"
  echo "[build] $contract"
  # Toolchain and linker of the Wasm build: see docs/TOOLCHAIN.md.
  RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
    cargo contract build --release --quiet \
      --manifest-path "$dir/Cargo.toml"
  out="$CARGO_TARGET_DIR/ink/$contract"
  cp "$out/$contract.contract" "bundles/$contract.contract"
  cp "$out/$contract.wasm" "bundles/$contract.wasm"
  echo "[build] bundles/$contract.contract ($(stat -c %s "bundles/$contract.wasm") bytes of Wasm)"
done
