#!/usr/bin/env bash
# Where a contract's Wasm bytes go. Builds the contract the way
# cargo-contract does (release, LTO, opt-level z, panic=abort, build-std with
# panic_immediate_abort) but keeps the name section and skips wasm-opt, then
# prints section sizes and the largest functions by name with
# scripts/wasm_profile.py. Sizes are before wasm-opt (the release bundle is
# smaller); use them to compare, and `bundles/<name>.wasm` for the real size.
#
#   bash scripts/size.sh escrow [top_n]
#
# What each message adds (the dispatcher inlines every message body, so the
# function list cannot say): scripts/message_sizes.py, also run as
#
#   bash scripts/size.sh escrow --messages [group=msg1,msg2 ...]
#
# Uses its own target directory so it never disturbs the regular builds.
# `--build-only` builds and prints the module's path (SIZE_SRC_ROOT: build
# another copy of the repository; message_sizes.py uses both).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
contract="${1:?usage: scripts/size.sh <contract> [top_n | --messages [group=msg,msg ...]]}"
if [[ "${2:-}" == "--messages" ]]; then
  exec python3 "$REPO_ROOT/scripts/message_sizes.py" "$contract" "${@:3}"
fi
cd "${SIZE_SRC_ROOT:-$REPO_ROOT}"
# A copy of the repository (SIZE_SRC_ROOT) builds in a target directory of
# its own: cargo names the artifacts of path crates by their path inside the
# workspace, so two checkouts sharing one would take each other's builds as
# fresh.
target="${CARGO_TARGET_DIR}-size${SIZE_SRC_ROOT:+-copy}"
RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
CARGO_TARGET_DIR="$target" \
CARGO_PROFILE_RELEASE_PANIC=abort CARGO_PROFILE_RELEASE_LTO=true CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS=false \
RUSTFLAGS="-C link-arg=-zstack-size=65536 -C link-arg=--import-memory -C target-cpu=mvp" \
RUSTC_BOOTSTRAP=1 \
  cargo rustc --quiet --release --target wasm32-unknown-unknown --no-default-features -p "$contract" \
    --crate-type cdylib -Zbuild-std=core,alloc -Zbuild-std-features=panic_immediate_abort
wasm="$target/wasm32-unknown-unknown/release/$contract.wasm"
if [[ "${2:-}" == "--build-only" ]]; then
  echo "$wasm"
else
  python3 "$REPO_ROOT/scripts/wasm_profile.py" "$wasm" "${2:-25}"
fi
