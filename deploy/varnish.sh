#!/usr/bin/env bash
# Varnish in front of the service, purged by tag: installs Varnish and its xkey
# module from Debian (packages `varnish`, `varnish-modules`) when missing, starts
# the service (demo content, SQLite) and Varnish on 127.0.0.1 only, on free ports,
# in a temporary directory removed at exit, with PURGE_URL pointing at Varnish, and
# checks:
#
#   deploy/varnish.sh [--short] [--release]
#
#   1  public answers are cached: an article, its region's list, the front list, a
#      feed, a GraphQL GET, an unrelated article and another region's list are
#      hits when asked again
#   2  an article is unpublished and another edited through the API: within 2 s
#      every cached answer that showed either is a miss with the new content
#   3  the unrelated answers are still hits
#   4  only 127.0.0.1 may purge (the VCL's ACL), and a PURGE without `xkey` is refused
#
# --short: one round (CI); otherwise the unpublication is repeated on five more
# articles and the time each purge took is printed. --release uses the release
# build (default: the debug build). Needs curl and python3. Exits non-zero when a
# check fails, and then prints the service's and Varnish's logs (KEEP_LOGS=DIR keeps them).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=debug
rounds=6
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) sed -n '2,22p' "$0"; exit 0 ;;
    --short) rounds=1 ;;
    --release) profile=release ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

step() { printf '== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

VARNISHD=$(command -v varnishd || echo /usr/sbin/varnishd)
XKEY=$(find /usr/lib -name libvmod_xkey.so 2>/dev/null | head -n 1 || true)
if [ ! -x "$VARNISHD" ] || [ -z "$XKEY" ]; then
  step "installing varnish and varnish-modules"
  (apt-get update -qq && apt-get install -y -qq varnish varnish-modules) >/dev/null
  VARNISHD=$(command -v varnishd || echo /usr/sbin/varnishd)
fi
step "$("$VARNISHD" -V 2>&1 | head -n 1)"

step "building the service ($profile)"
if [ "$profile" = release ]; then cargo build --release -q; else cargo build -q; fi
BIN=$(pwd)/target/$profile/polisia-api

work=$(mktemp -d -t polisia-varnish.XXXXXX)
chmod 755 "$work"
status=1
cleanup() {
  [ -f "$work/service.pid" ] && kill "$(cat "$work/service.pid")" 2>/dev/null
  [ -f "$work/varnishd.pid" ] && kill "$(cat "$work/varnishd.pid")" 2>/dev/null
  if [ "$status" != 0 ]; then
    echo "--- service log (tail)"; tail -n 40 "$work/service.log" 2>/dev/null || true
    echo "--- varnish log (tail)"; tail -n 40 "$work/varnish.log" 2>/dev/null || true
  fi
  sleep 0.2
  if [ -n "${KEEP_LOGS:-}" ]; then mkdir -p "$KEEP_LOGS" && cp "$work"/*.log "$KEEP_LOGS"/; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
API_PORT=$(free_port)
CACHE_PORT=$(free_port)
API=http://127.0.0.1:$API_PORT
CACHE=http://127.0.0.1:$CACHE_PORT

# The VCL: caches what the service marks `public` for as long as its Cache-Control
# says, indexes each object under the tags of its Surrogate-Key, and drops objects
# by tag on a PURGE from 127.0.0.1 (the service's PURGE_URL).
cat >"$work/polisia.vcl" <<VCL
vcl 4.1;
import xkey;

backend api {
  .host = "127.0.0.1";
  .port = "$API_PORT";
}

acl purgers {
  "127.0.0.1";
}

sub vcl_recv {
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    if (!req.http.xkey) {
      return (synth(400, "An xkey header names the tags to purge"));
    }
    set req.http.n-gone = xkey.purge(req.http.xkey);
    return (synth(200, "Purged " + req.http.n-gone));
  }
  if (req.method != "GET" && req.method != "HEAD") {
    return (pass);
  }
  if (req.http.Authorization) {
    return (pass);
  }
  return (hash);
}

sub vcl_backend_response {
  if (beresp.http.Cache-Control !~ "public") {
    # Errors, redirects and private answers are never kept.
    set beresp.uncacheable = true;
    set beresp.ttl = 0s;
    return (deliver);
  }
  # xkey indexes the object under the space-separated tags of this header.
  set beresp.http.xkey = beresp.http.Surrogate-Key;
}

sub vcl_deliver {
  if (obj.hits > 0) {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
  unset resp.http.xkey;
}
VCL

step "starting the service on $API (SQLite, demo content), PURGE_URL=$CACHE/"
BIND=127.0.0.1:$API_PORT DATA_DIR="$work/data" PUBLIC_BASE_URL=$API \
  PURGE_URL=$CACHE/ ANON_REQUESTS_PER_MINUTE=0 LOG_FORMAT=json RUST_LOG=info,polisia_api::purge=debug \
  "$BIN" serve >"$work/service.log" 2>&1 &
echo $! >"$work/service.pid"

step "starting Varnish on $CACHE"
"$VARNISHD" -a "127.0.0.1:$CACHE_PORT" -f "$work/polisia.vcl" -n "$work/varnish" \
  -s malloc,64m -j none -T none -P "$work/varnishd.pid" >"$work/varnish.log" 2>&1 ||
  fail "varnishd did not start: $(cat "$work/varnish.log")"

for _ in $(seq 1 300); do
  curl -fs "$API/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "$API/readyz" >/dev/null || fail "the service is not ready"
for _ in $(seq 1 50); do
  curl -s -o /dev/null "$CACHE/healthz" && break
  sleep 0.1
done

# X-Cache of a GET through Varnish, and the body in $work/body.
through() {
  curl -s -D "$work/headers" -o "$work/body" -H 'Accept: application/json' "$CACHE$1" >/dev/null
  tr -d '\r' <"$work/headers" | awk -F': ' 'tolower($1)=="x-cache" {print $2}'
}

graphql() { # token, query, variables (JSON): straight to the service
  python3 - "$API/graphql" "$1" "$2" "$3" <<'PY'
import json, sys, urllib.request
url, token, query, variables = sys.argv[1:]
headers = {"content-type": "application/json"}
if token:
    headers["authorization"] = f"Bearer {token}"
request = urllib.request.Request(url, json.dumps({"query": query, "variables": json.loads(variables)}).encode(), headers)
body = json.load(urllib.request.urlopen(request))
if body.get("errors"):
    sys.exit(f"GraphQL errors: {body['errors']}")
print(json.dumps(body["data"]))
PY
}

mutate() { # a GraphQL body: straight to the service, as the editor
  local answer
  answer=$(curl -s -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -d "$1" "$API/graphql")
  case "$answer" in *'"errors"'*) fail "GraphQL errors: $answer" ;; esac
}

TOKEN=$(graphql "" 'mutation { login(email: "editor@demo.polisia.kz", password: "demo-editor-2026") { accessToken } }' '{}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["login"]["accessToken"])')

# Picks, from the newest Russian articles, the one to unpublish (with a region),
# one to edit, an unrelated one (whose page links to neither in "read also" or its
# translations), and a region whose list shows neither of the first two.
pick() {
  python3 - "$API" <<'PY'
import json, sys, urllib.request
api = sys.argv[1]
get = lambda path: json.load(urllib.request.urlopen(api + path))
items = get("/api/v1/articles?lang=ru&limit=100")["items"]
regional = [a for a in items if a.get("region")]
gone = regional[0]
edited = next(a for a in items if a["id"] != gone["id"])
changed = {gone["id"], edited["id"]}
touched = {gone["region"]["code"]} | ({edited["region"]["code"]} if edited.get("region") else set())
def unrelated(a):
    if a["id"] in changed or a["region"]["code"] in touched:
        return False
    page = get(f"/api/v1/articles/{a['id']}")
    return not changed & {r["id"] for r in page["related"] + page["translations"]}
other = next(a for a in regional if unrelated(a))
print(gone["id"], gone["region"]["code"], edited["id"], other["id"], other["region"]["code"])
PY
}

check_round() {
  read -r GONE REGION EDITED OTHER OTHER_REGION <<<"$(pick)"
  local gid
  gid=$(printf 'Article:%s' "$GONE" | base64 -w0 | tr '+/' '-_' | tr -d '=')
  local gql="/graphql?query=%7Barticle(id%3A%22$gid%22)%7Bid%20title%7D%7D"
  declare -A shows=(
    [the unpublished article]="/api/v1/articles/$GONE"
    [its region list]="/api/v1/articles?region=$REGION"
    [the front list]="/api/v1/articles"
    [the Russian RSS feed]="/feeds/rss.xml?lang=ru"
    [a GraphQL GET of it]="$gql"
    [the edited article]="/api/v1/articles/$EDITED"
  )
  declare -A unrelated=(
    [an unrelated article]="/api/v1/articles/$OTHER"
    [another region list]="/api/v1/articles?region=$OTHER_REGION"
  )
  step "1  warming: unpublish $GONE ($REGION), edit $EDITED; unrelated $OTHER, $OTHER_REGION"
  for name in "${!shows[@]}" "${!unrelated[@]}"; do
    path=${shows[$name]:-${unrelated[$name]:-}}
    through "$path" >/dev/null
    [ "$(through "$path")" = HIT ] || fail "$name ($path) is not a hit when asked again"
    printf '   hit: %s\n' "$name"
  done

  local version
  version=$(graphql "$TOKEN" 'query($id: ID!) { node(id: $id) { ... on Article { version } } }' \
    "{\"id\": \"$(printf 'Article:%s' "$EDITED" | base64 -w0 | tr '+/' '-_' | tr -d '=')\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["node"]["version"])')
  local title="Edited $(date +%s%N)" eid
  eid=$(printf 'Article:%s' "$EDITED" | base64 -w0 | tr '+/' '-_' | tr -d '=')
  step "2  unpublishing one article and editing another through the API"
  # curl rather than python here: the clock runs from the first mutation.
  local start
  start=$(date +%s%N)
  mutate '{"query": "mutation($id: ID!) { unpublishArticle(id: $id) { article { status } } }", "variables": {"id": "'"$gid"'"}}'
  mutate '{"query": "mutation($id: ID!, $v: Int!, $t: String!) { updateArticle(id: $id, input: { version: $v, title: $t }) { article { title } } }", "variables": {"id": "'"$eid"'", "v": '"$version"', "t": "'"$title"'"}}'
  local deadline=$((start + 2000000000)) slowest=0
  for name in "${!shows[@]}"; do
    path=${shows[$name]}
    while :; do
      state=$(through "$path")
      now=$(date +%s%N)
      [ "$state" = MISS ] && break
      [ "$now" -gt "$deadline" ] && fail "$name ($path) still a hit 2 s after the change"
      sleep 0.05
    done
    # A miss with what is true now.
    case "$name" in
      "the unpublished article")
        code=$(curl -s -o /dev/null -w '%{http_code}' "$CACHE$path")
        [ "$code" = 404 ] || fail "$name answers $code" ;;
      "the edited article")
        grep -q "$title" "$work/body" || fail "$name does not show the new title" ;;
      "a GraphQL GET of it")
        grep -q '"article":null' "$work/body" || fail "$name still shows it: $(cat "$work/body")" ;;
      *)
        if grep -q "$GONE" "$work/body"; then fail "$name still lists the unpublished article"; fi ;;
    esac
    ms=$(((now - start) / 1000000))
    [ "$ms" -gt "$slowest" ] && slowest=$ms
    printf '   miss after %4d ms: %s\n' "$ms" "$name"
  done
  step "3  unrelated answers"
  for name in "${!unrelated[@]}"; do
    [ "$(through "${unrelated[$name]}")" = HIT ] || fail "$name was purged too"
    printf '   still a hit: %s\n' "$name"
  done
  LAST_SLOWEST=$slowest
}

timings=()
for round in $(seq 1 "$rounds"); do
  [ "$rounds" -gt 1 ] && step "round $round of $rounds"
  check_round
  timings+=("$LAST_SLOWEST")
done

step "4  purging is for 127.0.0.1 only, and names its tags"
code=$(curl -s -o /dev/null -w '%{http_code}' -X PURGE "$CACHE/")
[ "$code" = 400 ] || fail "a PURGE without xkey answered $code"
other_ip=$(hostname -I 2>/dev/null | awk '{print $1}')
if [ -n "$other_ip" ] && [ "$other_ip" != 127.0.0.1 ]; then
  # Varnish listens on 127.0.0.1 only: another address cannot even connect.
  if curl -s -o /dev/null --max-time 2 -X PURGE -H 'xkey: list:articles' "http://$other_ip:$CACHE_PORT/"; then
    fail "Varnish answered on $other_ip"
  fi
fi
echo "   refused without xkey; not reachable but on 127.0.0.1"

sent=$(grep -c '"purge sent"' "$work/service.log" || true)
step "PASS: every answer showing a changed article was gone from Varnish within ${timings[*]} ms (slowest per round); $sent PURGE requests sent"
status=0
