#!/usr/bin/env bash
# The portal under load: a store of 10 000 tenders (seeded procurements run
# on the sandbox and indexed, their rows copied), served by a release build
# on 127.0.0.1, and wrk's bounded load (2 threads, 16 connections, 20 s) of
# the request mix in portal/load/mix.lua, on SQLite and on PostgreSQL
# (a throwaway server, scripts/pg.sh). Prints a Markdown table; with
# `--record FILE` writes it into FILE between `<!-- portal-load:start -->`
# and `<!-- portal-load:end -->`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
record=""
[ "${1:-}" = "--record" ] && record="${2:?--record needs a file}"
TENDERS="${TENDERS:-10000}"
command -v wrk >/dev/null 2>&1 || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
bash scripts/setup.sh >/dev/null
cargo build --quiet --locked --release -p portal
bin="$CARGO_TARGET_DIR/release/portal"
work="$(mktemp -d)"
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; bash scripts/pg.sh stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
pg="$(bash scripts/pg.sh start)"
rows=""
for backend in sqlite postgres; do
  if [ "$backend" = sqlite ]; then db="sqlite://$work/load.db?mode=rwc"; else db="$pg/postgres"; fi
  "$bin" synthesize --db "$db" --tenders "$TENDERS" >&2
  "$bin" serve --db "$db" --addr 127.0.0.1:0 > "$work/serve.log" 2>&1 &
  server=$!
  url="$(portal_address "$work/serve.log")" || { cat "$work/serve.log"; exit 1; }
  TENDERS="$TENDERS" wrk -t2 -c16 -d20s --latency -s portal/load/mix.lua "$url" > "$work/wrk-$backend.txt"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  cat "$work/wrk-$backend.txt" >&2
  p50="$(awk '/Latency Distribution/{f=1} f && $1=="50%"{print $2; exit}' "$work/wrk-$backend.txt")"
  p99="$(awk '/Latency Distribution/{f=1} f && $1=="99%"{print $2; exit}' "$work/wrk-$backend.txt")"
  rps="$(awk '/^Requests\/sec/{print $2}' "$work/wrk-$backend.txt")"
  total="$(awk '/requests in/{print $1}' "$work/wrk-$backend.txt")"
  bad="$(awk '/Non-2xx/{print $NF}' "$work/wrk-$backend.txt")"
  rows+="| $backend | $TENDERS | $total | ${bad:-0} | $p50 | $p99 | $rps |"$'\n'
done
table="Command: \`bash scripts/portal-load.sh\` (release build, 127.0.0.1, wrk 2 threads and 16 connections for 20 s, the mix of \`portal/load/mix.lua\`; server and load generator share this machine's 2 cores).

| store | tenders | requests | non-2xx | p50 | p99 | requests/s |
|---|---:|---:|---:|---:|---:|---:|
$rows"
printf '%s\n' "$table"
if [ -n "$record" ]; then
  python3 - "$record" "$table" <<'PY'
import sys
path, table = sys.argv[1], sys.argv[2]
text = open(path).read()
start, end = "<!-- portal-load:start -->", "<!-- portal-load:end -->"
if start in text and end in text:
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    text = head + start + "\n" + table + end + tail
else:
    text = text.rstrip("\n") + "\n\n## The portal under load\n\n" + start + "\n" + table + end + "\n"
open(path, "w").write(text)
PY
  echo "[portal-load] recorded in $record" >&2
fi
