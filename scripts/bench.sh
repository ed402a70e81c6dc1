#!/usr/bin/env bash
# Measures every message of the suite on the embedded sandbox chain: prints
# ref_time, proof_size and storage deposit per message, and each contract's
# Wasm size. Installs and builds first if needed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
bash scripts/setup.sh >&2
bash scripts/build.sh >&2
cargo run --quiet --locked -p e2e-tests --bin bench -- "$@"
