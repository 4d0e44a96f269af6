#!/usr/bin/env bash
# Reliability checks of the release binary, on 127.0.0.1 only:
#
#   reliability/run.sh [fuzz|load|soak|faults|quota|slow|all ...] [--short] [--sqlite-only] [--debug]
#
#   fuzz    schemathesis against /openapi.json (anonymous and a token per role) and
#           against /graphql
#   load    a read mix at 64 connections, then 512 connections and the p99 recovery,
#           on SQLite and on PostgreSQL
#   soak    5 minutes of load; memory at the end against memory at 1 minute
#   faults  PostgreSQL restarted with -m immediate, a table lock, kill -9 during
#           comment writes, SQLite on a full tmpfs (root only), SIGTERM under load
#   quota   a scraper over its API key's quota beside other clients: 429s with the
#           RateLimit fields for it, latency and no errors for the others
#   slow    headers trickled in on 10,000 connections, a flood past MAX_CONNECTIONS,
#           3,000 WebSockets without connection_init, one greedy WebSocket client
#
# PostgreSQL parts run a throwaway cluster of their own (initdb into a temporary
# directory, its own port), so no other server is touched. Needs python3 and the
# PostgreSQL server binaries; installs wrk (apt) and schemathesis (pip, into a
# virtualenv under target/) when missing. Prints a table and writes
# reliability/results.json (RELIABILITY_OUT to write elsewhere). --debug uses the
# debug build (as CI has it) instead of building the release binary.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
args=()
for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    --debug) profile=debug ;;
    *) args+=("$arg") ;;
  esac
done
set -- "${args[@]+"${args[@]}"}"
OUT=${RELIABILITY_OUT:-reliability/results.json}
SCHEMATHESIS_VERSION=4.32.5
VENV=${RELIABILITY_VENV:-target/reliability-venv}

needs_fuzz=false
case " $* " in
  *" fuzz "*|*" all "*) needs_fuzz=true ;;
esac
# No part named means all of them.
if ! printf '%s\n' "$@" | grep -qxE 'fuzz|load|soak|faults|quota|slow|all'; then
  needs_fuzz=true
fi

if ! command -v wrk >/dev/null; then
  echo "installing wrk"
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi

st_args=()
if $needs_fuzz; then
  if [ ! -x "$VENV/bin/st" ] || ! "$VENV/bin/st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    echo "installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
  st_args=(--st "$(cd "$VENV" && pwd)/bin/st")
fi

if [ "$profile" = release ]; then
  echo "building the release binary"
  cargo build --release -q
else
  cargo build -q
fi
BIN=$(pwd)/target/$profile/polisia-api

exec python3 reliability/harness.py --binary "$BIN" "${st_args[@]+"${st_args[@]}"}" --out "$OUT" "$@"
