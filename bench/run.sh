#!/usr/bin/env bash
# Benchmarks the service on PostgreSQL: builds the release binary, loads a synthetic
# data set, starts the service on 127.0.0.1 and drives it with wrk.
#
#   bench/run.sh [ARTICLES] [SECONDS]      (defaults: 100000 articles, 15 s a scenario)
#
# Needs PostgreSQL (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 postgres) and wrk
# (installed from the system's packages when missing). Prints a table and writes
# bench/results.json.
#
# BENCH_DATABASE_URL runs against a database already loaded with `seed-demo` instead
# (PostgreSQL or `sqlite://file`); BENCH_SCENARIOS picks scenarios (default: all of
# front_page rest_list rest_list_304 search).
set -euo pipefail
cd "$(dirname "$0")/.."

ARTICLES=${1:-100000}
SECONDS_PER_SCENARIO=${2:-15}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${BENCH_PORT:-18080}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

if ! command -v wrk >/dev/null; then
  echo "installing wrk"
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi

echo "building the release binary"
cargo build --release -q
BIN=target/release/polisia-api

DB="polisia_bench_${ARTICLES}"
URL=${BENCH_DATABASE_URL:-"postgres://${PGUSER}@${PGHOST}:${PGPORT}/${DB}"}
SCENARIOS=${BENCH_SCENARIOS:-front_page rest_list rest_list_304 search}
export DATABASE_URL="$URL" JWT_SECRET="bench-secret-bench-secret-bench-secret-0123" RUST_LOG=warn
if [ -z "${BENCH_DATABASE_URL:-}" ] && ! psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '${DB}'" | grep -q 1; then
  psql -d postgres -qc "CREATE DATABASE \"${DB}\""
  "$BIN" migrate
  echo "loading ${ARTICLES} articles"
  "$BIN" seed-demo --articles "$ARTICLES" --comments-per-article 5
  psql -d "$DB" -qc "VACUUM ANALYZE"
fi
# A data set kept from an earlier run gets the migrations this build added.
"$BIN" migrate

started=$(date +%s%N)
BIND="127.0.0.1:${PORT}" "$BIN" serve &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "${OUT:-}"' EXIT
until curl -sf "http://127.0.0.1:${PORT}/readyz" >/dev/null; do sleep 0.05; done
ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "ready in ${ready_ms} ms"

results=()
OUT=$(mktemp -d)
scenario() { # name, then a GraphQL query file or "GET path [etag]"
  local name=$1 file=$2
  case " ${SCENARIOS} " in *" ${name} "*) ;; *) return 0 ;; esac
  if [ "$file" = GET ]; then
    BENCH_ETAG="${4:-}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_SCENARIO}s" --latency \
      -s bench/get.lua "http://127.0.0.1:${PORT}$3" > "${OUT}/${name}.txt"
  else
    BENCH_QUERY_FILE="$file" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_SCENARIO}s" --latency \
      -s bench/graphql.lua "http://127.0.0.1:${PORT}/graphql" > "${OUT}/${name}.txt"
  fi
  local rps p50 p99 errs gerrs rss
  rps=$(awk '/^rps/ {print $2}' "${OUT}/${name}.txt")
  p50=$(awk '/^p50_ms/ {print $2}' "${OUT}/${name}.txt")
  p99=$(awk '/^p99_ms/ {print $2}' "${OUT}/${name}.txt")
  errs=$(awk '/^non_2xx/ {print $2}' "${OUT}/${name}.txt")
  gerrs=$(awk '/^graphql_errors/ {print $2}' "${OUT}/${name}.txt")
  rss=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/${PID}/status")
  printf '%-22s %10s req/s   p50 %7s ms   p99 %7s ms   errors %s+%s   peak RSS %s MB\n' \
    "$name" "$rps" "$p50" "$p99" "$errs" "$gerrs" "$rss"
  results+=("{\"scenario\":\"${name}\",\"requests_per_second\":${rps},\"p50_ms\":${p50},\"p99_ms\":${p99},\"http_errors\":${errs},\"graphql_errors\":${gerrs},\"peak_rss_mb\":${rss}}")
}

echo "articles=${ARTICLES} connections=${CONNECTIONS} seconds=${SECONDS_PER_SCENARIO} cores=$(nproc)"
scenario front_page bench/front_page.json
LIST="/api/v1/articles?limit=20"
ETAG=$(curl -s -D - -o /dev/null "http://127.0.0.1:${PORT}${LIST}" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
scenario rest_list GET "$LIST"
scenario rest_list_304 GET "$LIST" "$ETAG"
scenario search bench/search.json

printf '{"date":"%s","database":"%s","articles":%s,"connections":%s,"cores":%s,"ready_ms":%s,"scenarios":[%s]}\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${URL%%:*}" "$ARTICLES" "$CONNECTIONS" "$(nproc)" "$ready_ms" \
  "$(IFS=,; echo "${results[*]}")" > bench/results.json
echo "wrote bench/results.json"
