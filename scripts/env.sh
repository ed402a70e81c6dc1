# Sourced by the other scripts: the shared settings of every build.
# The cargo target directory lives outside the clone by default so that fresh
# clones (CI) reuse earlier builds; set CARGO_TARGET_DIR to choose another.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/procurement-suite/target}"
# The rustup toolchain that scripts/setup.sh links to Debian's Rust 1.85.
WASM_TOOLCHAIN="procurement-wasm"
# Contract crates under contracts/ (the shared library is not a contract).
CONTRACTS=(access_control budget tender)
