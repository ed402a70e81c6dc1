#!/usr/bin/env bash
# A local development chain with pallet-contracts: substrate-contracts-node
# (crate `contracts-node`), for the live-chain path (issue "live chain").
# Never needed by scripts/test.sh or CI.
#
#   bash scripts/node.sh build    # build once per machine into ~/.cache (about 50 min on 2 cores)
#   bash scripts/node.sh start    # --dev on 127.0.0.1:9944, waits until it answers RPC
#   bash scripts/node.sh stop
#   bash scripts/node.sh status   # prints the binary path, and whether it runs
#   bash scripts/node.sh advance S # moves the node's wall clock S seconds forward
#
# The clock: the dev node stamps every block with its wall clock, and the
# suite's deadlines are days apart (a bidding window is at least 7 days). The
# node runs with scripts/node/clock_shift.c preloaded, which adds the number
# of milliseconds in $CLOCK_FILE to the node's wall clock (monotonic clocks
# untouched); `advance` and the live backend of the deploy tool grow that
# number, and the next block carries the later time. A fresh start resets it
# to 0 (--dev chains start empty).
#
# Why the build needs what it needs (see docs/TOOLCHAIN.md, "A real node"):
#  - protobuf-compiler, clang and libclang-dev for the node's native crates;
#  - the native node is built with a recent rustup toolchain
#    (NODE_TOOLCHAIN, 1.95.0): some of its locked dependencies need Rust >= 1.87;
#  - its two runtimes are built for Wasm by substrate-wasm-builder. Under
#    `cargo install` they find no Cargo.lock and lock their dependencies
#    afresh, picking up releases that no longer compile with this node
#    (pallet-xcm 17.0.5 changed `dry_run_call`); WASM_BUILD_WORKSPACE_HINT
#    points them at the node crate's own Cargo.lock (fetched from crates.io);
#  - with that lock the runtimes need a Rust older than 1.88, which refuses
#    sp-io 38's `#[no_mangle]` panic handler: RUNTIME_TOOLCHAIN (1.86.0, with
#    the wasm32-unknown-unknown target and rust-src for build-std).
# Idempotent: each step is skipped when what it makes is already there.
set -euo pipefail

NODE_VERSION="0.42.0"
NODE_TOOLCHAIN="${NODE_TOOLCHAIN:-1.95.0}"
RUNTIME_TOOLCHAIN="${RUNTIME_TOOLCHAIN:-1.86.0}"
CACHE="${PROCUREMENT_NODE_CACHE:-$HOME/.cache/procurement-suite/node}"
BIN="$CACHE/bin/substrate-contracts-node"
TARGET="$CACHE-target"
PORT="${NODE_PORT:-9944}"
PIDFILE="$CACHE/node.pid"
LOG="$CACHE/node.log"
CLOCK_FILE="$CACHE/clock-shift-ms"
SHIM_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/node/clock_shift.c"
SHIM="$CACHE/lib/clock_shift.so"

log() { printf '[node] %s\n' "$*"; }

build() {
  if [ -x "$BIN" ]; then
    log "present: $BIN ($("$BIN" --version))"
    return
  fi
  local missing=()
  for p in protobuf-compiler clang libclang-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  for t in "$NODE_TOOLCHAIN" "$RUNTIME_TOOLCHAIN"; do
    if ! rustup toolchain list | grep -q "^$t"; then
      log "installing rustup toolchain $t"
      rustup toolchain install "$t" --profile minimal
    fi
  done
  rustup target add --toolchain "$RUNTIME_TOOLCHAIN" wasm32-unknown-unknown 2>/dev/null
  rustup component add --toolchain "$RUNTIME_TOOLCHAIN" rust-src 2>/dev/null
  log "fetching contracts-node $NODE_VERSION"
  mkdir -p "$CACHE"
  local src="$CACHE/src"
  if [ ! -f "$src/Cargo.lock" ]; then
    rm -rf "$src" && mkdir -p "$src"
    curl -sSfL "https://static.crates.io/crates/contracts-node/contracts-node-$NODE_VERSION.crate" | tar -xz -C "$src" --strip-components=1
  fi
  log "building contracts-node $NODE_VERSION with Rust $NODE_TOOLCHAIN, runtimes with $RUNTIME_TOOLCHAIN (long; output in $CACHE/build.log)"
  CARGO_TARGET_DIR="$TARGET" WASM_BUILD_TOOLCHAIN="$RUNTIME_TOOLCHAIN" WASM_BUILD_WORKSPACE_HINT="$src" \
    cargo "+$NODE_TOOLCHAIN" install contracts-node --version "$NODE_VERSION" --locked --root "$CACHE" \
    >"$CACHE/build.log" 2>&1 || { tail -40 "$CACHE/build.log"; exit 1; }
  log "built: $BIN"
}

running() {
  [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

answers() {
  curl -s -m 2 -H 'Content-Type: application/json' \
    -d '{"id":1,"jsonrpc":"2.0","method":"system_health","params":[]}' "http://127.0.0.1:$PORT" | grep -q '"result"'
}

start() {
  [ -x "$BIN" ] || { log "no node binary: run 'bash scripts/node.sh build' first"; exit 1; }
  if running; then
    log "already running (pid $(cat "$PIDFILE"))"
    return
  fi
  if [ ! -f "$SHIM" ] || [ "$SHIM_SRC" -nt "$SHIM" ]; then
    mkdir -p "$(dirname "$SHIM")"
    gcc -O2 -shared -fPIC -o "$SHIM" "$SHIM_SRC"
  fi
  echo 0 >"$CLOCK_FILE"
  # --dev: a throwaway chain with funded dev accounts; loopback only.
  # Archive: the tools and the portal read each block's events afterwards,
  # and a pruning node discards the state of all but its last 256 blocks
  # ("State already discarded"), which the live tests pass within one run.
  LD_PRELOAD="$SHIM" CLOCK_SHIFT_FILE="$CLOCK_FILE" \
    "$BIN" --dev --rpc-port "$PORT" --rpc-methods unsafe --state-pruning archive --blocks-pruning archive >"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 60); do
    if answers; then
      log "running on ws://127.0.0.1:$PORT (pid $(cat "$PIDFILE"))"
      return
    fi
    running || { tail -20 "$LOG"; log "the node exited"; exit 1; }
    sleep 1
  done
  log "no answer on port $PORT after 60 s; see $LOG"
  exit 1
}

stop() {
  if running; then
    kill "$(cat "$PIDFILE")"
    for _ in $(seq 1 20); do running || break; sleep 0.5; done
    log "stopped"
  else
    log "not running"
  fi
  rm -f "$PIDFILE"
}

case "${1:-status}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  advance)
    seconds="${2:?usage: scripts/node.sh advance SECONDS}"
    now="$(cat "$CLOCK_FILE" 2>/dev/null || echo 0)"
    # Written aside and renamed: the node never reads a half-written file.
    echo $((now + seconds * 1000)) >"$CLOCK_FILE.new" && mv "$CLOCK_FILE.new" "$CLOCK_FILE"
    log "clock shifted by $(( (now + seconds * 1000) / 1000 )) s; the next block carries it"
    ;;
  status)
    if [ -x "$BIN" ]; then log "binary: $BIN"; else log "binary: absent (bash scripts/node.sh build)"; fi
    if running; then log "running (pid $(cat "$PIDFILE"))"; else log "not running"; fi
    ;;
  *) echo "usage: scripts/node.sh build|start|stop|status|advance S" >&2; exit 2 ;;
esac
