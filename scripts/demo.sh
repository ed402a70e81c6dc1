#!/usr/bin/env bash
# The main job: installs the toolchains if missing, builds the contracts,
# deploys the suite into an embedded sandbox chain, grants the roles of
# deploy/config/demo.toml, runs the demo and writes out/deployment.json.
# Extra arguments go to the deploy tool (see `--help`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
bash scripts/setup.sh
bash scripts/build.sh
echo "[demo] building the deploy tool (the first time this compiles drink's runtime: about 10 minutes on 2 cores; cargo shows its progress)"
cargo build --locked -p deploy
cargo run --quiet --locked -p deploy -- "$@"
echo "[demo] to read this procurement in a browser: bash scripts/portal.sh (then open the address it prints)"
