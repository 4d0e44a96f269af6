#!/usr/bin/env bash
# The graphql-http audit suite (GraphQL over HTTP) against the debug build of the
# service on SQLite, on 127.0.0.1 and a free port, in a temporary directory removed
# at exit. Prints every audit; exits non-zero when a MUST fails (SHOULD and MAY
# failures are printed only). Requests are not limited per address: the audit is about
# the protocol, and sends them all from one. Needs Node 20 and npm; graphql-http is pinned by
# package-lock.json and installed with `npm ci`.
#
#   tests/http-audit/run.sh
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
root=$(cd ../.. && pwd)

echo "installing the audit suite (npm ci)"
npm ci --no-audit --no-fund --loglevel=error >/dev/null

echo "building the debug binary"
(cd "$root" && cargo build -q)
BIN=$root/target/debug/polisia-api

work=$(mktemp -d -t polisia-http-audit.XXXXXX)
pid=
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
env -i PATH="$PATH" DATA_DIR="$work" \
  DATABASE_URL="sqlite://$work/audit.db?mode=rwc" \
  JWT_SECRET=http-audit-secret-http-audit-secret-0123456789 \
  BIND=127.0.0.1:$port PUBLIC_BASE_URL="$base" RUST_LOG=warn LOG_FORMAT=json \
  ANON_REQUESTS_PER_MINUTE=0 \
  "$BIN" serve --migrate >"$work/service.log" 2>&1 &
pid=$!

for _ in $(seq 1 300); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the service exited:"; cat "$work/service.log"; exit 1
  fi
  curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
  sleep 0.1
done
curl -fsS -o /dev/null "$base/healthz" || { echo "the service did not come up:"; cat "$work/service.log"; exit 1; }

echo "auditing $base/graphql"
status=0
node "$here/audit.mjs" "$base/graphql" || status=$?
if [ "$status" -ne 0 ]; then
  echo "service log (last lines):"; tail -n 20 "$work/service.log"
fi
exit "$status"
