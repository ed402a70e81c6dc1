# Sourced by the other scripts: the shared settings of every build.
# The cargo target directory lives outside the clone by default so that fresh
# clones (CI) reuse earlier builds; set CARGO_TARGET_DIR to choose another.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/procurement-suite/target}"
# The rustup toolchain that scripts/setup.sh links to Debian's Rust 1.85.
WASM_TOOLCHAIN="procurement-wasm"
# Contract crates: every crate under contracts/ whose lib.rs holds an
# #[ink::contract] (the shared library and the test kit do not), so a new
# contract needs no edit here.
CONTRACTS=()
for lib in "$REPO_ROOT"/contracts/*/lib.rs; do
  if grep -q '^#\[ink::contract\]' "$lib"; then
    CONTRACTS+=("$(basename "$(dirname "$lib")")")
  fi
done
# The address a `portal serve` or `portal follow` writing to the log file $1
# listens on, once it says so (within 60 s); fails if it never does.
portal_address() {
  local url=""
  for _ in $(seq 1 300); do
    url="$(sed -n 's|^portal: serving on \(http://[^/]*\)/.*|\1|p' "$1")"
    if [ -n "$url" ]; then
      echo "$url"
      return 0
    fi
    sleep 0.2
  done
  return 1
}
