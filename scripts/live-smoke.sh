#!/usr/bin/env bash
# A first check of the suite on a real pallet-contracts node (issue "live
# chain"), with cargo-contract's own CLI as the client: starts the local dev
# node from scripts/node.sh, deploys access_control and role_book from the
# release bundles, links them, grants and revokes a role through the
# registry and reads it back from the role book, and prints the fee each
# extrinsic actually paid. Not part of scripts/test.sh; skipped (exit 0, with
# a plain message) when the node binary has not been built on this machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

NODE_BIN="${PROCUREMENT_NODE_CACHE:-$HOME/.cache/procurement-suite/node}/bin/substrate-contracts-node"
if [ ! -x "$NODE_BIN" ]; then
  echo "[live] skipped: no node binary at $NODE_BIN (build it with: bash scripts/node.sh build)"
  exit 0
fi
bash scripts/build.sh >/dev/null
bash scripts/node.sh start
trap 'bash scripts/node.sh stop' EXIT

# Development accounts of every --dev chain.
ALICE=5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY
BOB=5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty
NODE=(--suri //Alice --url "ws://127.0.0.1:${NODE_PORT:-9944}")
out="$(mktemp -d)"

# Field `name` of a cargo-contract JSON answer, or the fee the extrinsic paid.
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
fee() {
  python3 -c "
import json, sys
events = json.load(open(sys.argv[1]))
events = events['events'] if isinstance(events, dict) else events
paid = [f['value']['UInt'] for e in events if e['name'] == 'TransactionFeePaid' for f in e['fields'] if f['name'] == 'actual_fee']
assert any(e['name'] == 'ExtrinsicSuccess' for e in events), 'the extrinsic failed'
print(paid[0])" "$1"
}
# The role set role_book.standing answers for an account (dry run).
standing() {
  cargo contract call bundles/role_book.contract --contract "$1" --message standing --args "$2" "${NODE[@]}" --output-json >"$out/standing.json"
  python3 -c "
import json, sys
answer = json.load(open(sys.argv[1]))
roles, paused = answer['data']['Tuple']['values'][0]['Tuple']['values']
print(roles['Tuple']['values'][0]['UInt'], str(paused['Bool']).lower())" "$out/standing.json"
}

cargo contract instantiate bundles/access_control.contract --constructor new --args "$ALICE" \
  "${NODE[@]}" -x --skip-confirm --output-json >"$out/registry.json"
registry="$(field "$out/registry.json" contract)"
echo "[live] access_control at $registry (upload + instantiate: fee $(fee "$out/registry.json"))"
cargo contract instantiate bundles/role_book.contract --constructor new --args "$registry" \
  "${NODE[@]}" -x --skip-confirm --output-json >"$out/book.json"
book="$(field "$out/book.json" contract)"
echo "[live] role_book at $book (upload + instantiate: fee $(fee "$out/book.json"))"

call() {
  local name="$1"; shift
  cargo contract call bundles/access_control.contract --contract "$registry" "$@" \
    "${NODE[@]}" -x --skip-confirm --output-json >"$out/$name.json"
  echo "[live] $name: fee $(fee "$out/$name.json")"
}
call link_role_book --message link_role_book --args "$book"
[ "$(standing "$book" "$ALICE")" = "1 false" ] || { echo "[live] the Admin is not in the role book"; exit 1; }
call grant_role --message grant_role --args Vendor "$BOB"
# Vendor is role id 6: bit 64.
[ "$(standing "$book" "$BOB")" = "64 false" ] || { echo "[live] the grant did not reach the role book"; exit 1; }
call pause --message pause
[ "$(standing "$book" "$BOB")" = "64 true" ] || { echo "[live] the pause did not reach the role book"; exit 1; }
call revoke_role --message revoke_role --args Vendor "$BOB"
[ "$(standing "$book" "$BOB")" = "0 true" ] || { echo "[live] the revoke did not reach the role book"; exit 1; }
echo "[live] ok: the registry's grants, pause and revokes are what the role book answers, on a real node"
