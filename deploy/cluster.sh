#!/usr/bin/env bash
# Several instances behind nginx behave as one service: starts a PostgreSQL primary
# and a streaming replica, three instances of the release binary and nginx in front
# of them, on 127.0.0.1 only, on free ports, in a temporary directory removed at
# exit, and checks what the instances promise together:
#
#   deploy/cluster.sh [--short] [--out FILE] [--debug]
#
#   1  an event committed through one instance reaches subscribers of another
#   2  the micro-cache (30 s) of every instance forgets an unpublished article
#   3  ten client addresses through nginx, a flood limit each; a forged header
#      sent straight to an instance changes nothing
#   4  a scheduled article is announced once, also with its instance killed
#   5  kill -9 of an instance under load: no acknowledged comment lost
#   6  the read replica: who serves what, the replica stopped under load, and
#      check 2 on the replica, also when it lags
#   7  requests/s through nginx with 1, 2 and 3 instances (a figure, no verdict)
#
# --short runs the loads for a few seconds (CI runs it); --out names the JSON
# (default deploy/results.json); --debug uses the debug build instead of building
# the release binary. Needs python3 and the PostgreSQL server binaries; installs
# nginx and wrk (apt) when missing. Exits non-zero when a check fails, and then
# keeps the logs under target/cluster-logs/.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
out=deploy/results.json
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) sed -n '2,23p' "$0"; exit 0 ;;
    --debug) profile=debug ;;
    --out) out=$2; shift ;;
    --out=*) out=${1#--out=} ;;
    *) args+=("$1") ;;
  esac
  shift
done

missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  (apt-get update -qq && apt-get install -y -qq "${missing[@]}") >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ "$profile" = release ]; then
  echo "building the release binary"
  cargo build --release -q
else
  cargo build -q
fi
BIN=$(pwd)/target/$profile/polisia-api

work=$(mktemp -d -t polisia-cluster.XXXXXX)
chmod 755 "$work"
cleanup() {
  # The harness stops everything it started; this is for when it could not.
  [ -f "$work/nginx/nginx.pid" ] && kill -QUIT "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
  for pid_file in "$work"/instance*.pid; do
    [ -f "$pid_file" ] && kill -KILL "$(cat "$pid_file")" 2>/dev/null
  done
  for data in "$work"/primary/data "$work"/replica/data; do
    # SIGQUIT is PostgreSQL's immediate shutdown.
    [ -f "$data/postmaster.pid" ] && kill -QUIT "$(head -n 1 "$data/postmaster.pid")" 2>/dev/null
  done
  rm -rf "$work"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf target/cluster-logs
status=0
python3 deploy/cluster.py --binary "$BIN" --nginx "$NGINX" --workdir "$work" \
  --keep-logs target/cluster-logs --out "$out" "${args[@]+"${args[@]}"}" || status=$?
exit "$status"
