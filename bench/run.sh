#!/usr/bin/env bash
# Benchmarks polisia-api on PostgreSQL, beside PostGraphile 5 on the same database and
# a ceiling that answers the front page from memory. Builds the release binary, loads
# `seed-demo --articles N` into one database per size (kept for later runs), drives
# each scenario with wrk, prints tables, writes bench/results.json and bench/charts/.
#
#   bench/run.sh [--sizes 10000,100000,1000000] [--seconds 10] [--no-postgraphile]
#   bench/run.sh --smoke     1,000 articles in a database of its own (dropped after),
#                            2 s a scenario, debug build, results under target/bench/
#   bench/run.sh --help      every option
#
# Needs PostgreSQL (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 postgres), Python 3,
# and npm for PostGraphile; installs wrk from the system's packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
extra=()
for arg in "$@"; do
  case "$arg" in
    -h | --help) exec python3 bench/harness.py --help ;;
    --smoke)
      profile=debug
      extra=(--out target/bench/smoke.json --charts target/bench/charts)
      ;;
  esac
done

if ! command -v wrk >/dev/null; then
  echo "installing wrk"
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi

# The ceiling is a crate of its own (bench/ceiling), whose dependencies ask for no
# feature the service does not: this build and the service's own `cargo build` share
# every dependency, so going from one to the other only links.
echo "building the ${profile} binaries of the service and the ceiling"
if [ "$profile" = release ]; then
  cargo build --release -p polisia-api -p polisia-bench --bins
else
  cargo build -p polisia-api -p polisia-bench --bins
fi
mkdir -p target/bench
exec python3 bench/harness.py --binary "target/${profile}/polisia-api" \
  --ceiling-binary "target/${profile}/ceiling" "${extra[@]}" "$@"
