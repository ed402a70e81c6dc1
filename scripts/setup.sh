#!/usr/bin/env bash
# Installs the two toolchains this project needs (why each: docs/TOOLCHAIN.md):
#  - Debian's Rust 1.85 (rustc-web & co., pinned) + lld-19, linked into rustup as
#    `procurement-wasm`, used only to build the Wasm contracts;
#  - cargo-contract 5.0.3, built with the machine's stable toolchain.
# Idempotent: every step is skipped when what it installs is already present.
set -euo pipefail

RUST_WEB_VERSION="1.85.0+dfsg3-1~deb12u3"
WASM_TOOLCHAIN="procurement-wasm"
CARGO_CONTRACT_VERSION="5.0.3"
PKGS=(rustc-web cargo-web rust-web-src rust-web-clippy libstd-rust-web-dev)

log() { printf '[setup] %s\n' "$*"; }

need_apt=0
for p in "${PKGS[@]}"; do
  v=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || true)
  [ "$v" = "$RUST_WEB_VERSION" ] || need_apt=1
done
command -v wasm-ld-19 >/dev/null 2>&1 || need_apt=1

if [ "$need_apt" = 1 ]; then
  log "installing Debian Rust $RUST_WEB_VERSION and lld-19"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  args=()
  for p in "${PKGS[@]}"; do args+=("$p=$RUST_WEB_VERSION"); done
  apt-get install -y -qq --allow-downgrades --no-install-recommends "${args[@]}" lld-19 >/dev/null
else
  log "Debian Rust $RUST_WEB_VERSION and lld-19 present"
fi

if ! rustup toolchain list | grep -q "^$WASM_TOOLCHAIN"; then
  log "linking /usr as rustup toolchain $WASM_TOOLCHAIN"
  rustup toolchain link "$WASM_TOOLCHAIN" /usr
fi

if cargo contract --version 2>/dev/null | grep -q "cargo-contract-contract $CARGO_CONTRACT_VERSION\|$CARGO_CONTRACT_VERSION"; then
  log "cargo-contract $CARGO_CONTRACT_VERSION present"
else
  log "installing cargo-contract $CARGO_CONTRACT_VERSION (about 20 minutes on 2 cores; cargo shows each crate as it compiles)"
  # Built with the default (stable) toolchain, never the Debian one.
  env -u RUSTUP_TOOLCHAIN cargo install cargo-contract --version "$CARGO_CONTRACT_VERSION" --locked
fi
# The portal's tests: a real browser (Debian's chromium, and a CJK font so
# the Chinese pages render in screenshots), a PostgreSQL server for the
# store's second backend (scripts/pg.sh runs a throwaway one), and
# playwright-core from npm, pinned in portal/browser/package-lock.json.
portal_pkgs=()
command -v node >/dev/null 2>&1 || portal_pkgs+=(nodejs npm)
command -v chromium >/dev/null 2>&1 || portal_pkgs+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" || portal_pkgs+=(fonts-wqy-zenhei)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || portal_pkgs+=(postgresql)
if [ "${#portal_pkgs[@]}" -gt 0 ]; then
  log "installing ${portal_pkgs[*]} (the portal's browser and database tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${portal_pkgs[@]}" >/dev/null
else
  log "chromium, a CJK font and PostgreSQL present"
fi
# npm ci again whenever the lock file changed since the last install (npm
# keeps its own copy of what it installed in node_modules/.package-lock.json).
npm_packages() {
  local dir="$1" what="$2"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "installing $what (npm ci in $dir)"
    (cd "$dir" && npm ci --no-audit --no-fund --silent)
  else
    log "$what present"
  fi
}
npm_packages portal/wallet "the wallet code's packages"
npm_packages portal/browser "playwright-core and the test wallet's packages"
log "toolchains ready"
