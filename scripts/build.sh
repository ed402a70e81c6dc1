#!/usr/bin/env bash
# Builds every contract with cargo-contract (release) and copies each bundle to
# bundles/<name>.contract (and the bare code to bundles/<name>.wasm), the
# predictable paths the drink tests, the bench and the deploy tool read.
# Assumes scripts/setup.sh has run. Skipped as a whole when no source a
# contract is built from changed since the last build (bundles/.built records
# it, with the toolchain that built them): cargo-contract takes 15-25 s per
# contract even when nothing changed. PROCUREMENT_REBUILD=1 builds anyway.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
mkdir -p bundles
DRILLS=(budget escrow)
# What the bundles depend on: the contract crates and the shared ones, the
# workspace manifest and lock file, this script, and the toolchain.
toolchain="$(RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" rustc --version) / $(cargo contract --version)"
built=bundles/.built
up_to_date=0
if [ -f "$built" ] && [ "$(cat "$built")" = "$toolchain" ] && [ "${PROCUREMENT_REBUILD:-0}" != 1 ]; then
  up_to_date=1
  for dir in "${CONTRACTS[@]/#/contracts/}" bench/yardstick; do
    [ -f "bundles/$(basename "$dir").contract" ] || up_to_date=0
  done
  for contract in "${DRILLS[@]}"; do
    [ -f "bundles/${contract}_drill.contract" ] || up_to_date=0
  done
  if [ -n "$(find contracts bench Cargo.toml Cargo.lock scripts/build.sh scripts/env.sh -newer "$built" -type f -print -quit)" ]; then
    up_to_date=0
  fi
fi
if [ "$up_to_date" = 1 ]; then
  echo "[build] bundles up to date: no contract source changed since they were built (PROCUREMENT_REBUILD=1 to build anyway)"
  exit 0
fi
rm -f "$built"
if [ ! -d "$CARGO_TARGET_DIR/ink" ]; then
  echo "[build] first build on this machine: the first contract also compiles ink! and Rust's core library for Wasm (a few minutes on 2 cores), the others take under a minute each"
fi
# The suite's contracts, then the bench's yardstick token (not part of the
# suite: the bench compares every message with its transfer).
for dir in "${CONTRACTS[@]/#/contracts/}" bench/yardstick; do
  contract="$(basename "$dir")"
  echo "[build] $contract"
  started=$SECONDS
  # Toolchain and linker of the Wasm build: see docs/TOOLCHAIN.md.
  RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
    cargo contract build --release --quiet \
      --manifest-path "$dir/Cargo.toml"
  out="$CARGO_TARGET_DIR/ink/$contract"
  cp "$out/$contract.contract" "bundles/$contract.contract"
  cp "$out/$contract.wasm" "bundles/$contract.wasm"
  echo "[build] bundles/$contract.contract ($(stat -c %s "bundles/$contract.wasm") bytes of Wasm, $((SECONDS - started)) s)"
done
# The upgrade drill: a second version of the budget and the escrow (feature
# `upgrade-drill`: a migrated field and a new message) that the e2e upgrade
# tests install through the governor. Never deployed. Built after the real
# bundles were copied, since cargo-contract writes to the same place.
for contract in "${DRILLS[@]}"; do
  echo "[build] ${contract}_drill (the upgrade tests' second version)"
  started=$SECONDS
  RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
    cargo contract build --release --quiet --features upgrade-drill \
      --manifest-path "contracts/$contract/Cargo.toml"
  out="$CARGO_TARGET_DIR/ink/$contract"
  cp "$out/$contract.contract" "bundles/${contract}_drill.contract"
  cp "$out/$contract.wasm" "bundles/${contract}_drill.wasm"
  echo "[build] bundles/${contract}_drill.contract ($((SECONDS - started)) s)"
done
echo "$toolchain" > "$built"
