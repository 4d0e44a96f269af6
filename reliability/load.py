"""Load held: a read mix at 64 connections, a soak, and 512 connections at once."""

import json
import os
import resource
import subprocess
import threading
import time

from svc import say

HERE = os.path.dirname(os.path.abspath(__file__))


def write_mix(workdir, slugs):
    """The read mix a front end and an aggregator send, as lines for mix.lua."""
    front = {
        "query": "query($n: Int) { articles(first: $n) { edges { node { id slug title lead "
        "publishedAt region { code name } tags { slug name } author { displayName } "
        "commentCount } } pageInfo { hasNextPage endCursor } } }",
        "variables": {"n": 10},
    }
    lines = ["GET /api/v1/articles?limit=20", "POST /graphql " + json.dumps(front)]
    for slug in slugs[:10]:
        one = {
            "query": "query($s: String!) { article(slug: $s) { id title body region { name } "
            "quotes { text } related(first: 3) { slug } } }",
            "variables": {"s": slug},
        }
        lines += [f"GET /api/v1/articles/{slug}", "POST /graphql " + json.dumps(one)]
    lines += [
        "GET /api/v1/regions",
        "GET /api/v1/meetings?limit=10",
        "GET /feeds/rss.xml",
        "POST /graphql " + json.dumps({"query": "{ regions { code name } tags { slug } }"}),
    ]
    path = os.path.join(workdir, "mix.txt")
    with open(path, "w") as out:
        out.write("\n".join(lines) + "\n")
    return path


def raise_file_limit(wanted=8192):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(wanted, hard) if hard != resource.RLIM_INFINITY else wanted
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def wrk(base, mix, connections, seconds, timeout=10, header=None):
    """Runs wrk with mix.lua, sending `header` ("Name: value") with every request when
    given; returns its figures as a dict."""
    raise_file_limit()
    threads = min(2, connections)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}s",
         "--latency", "-s", os.path.join(HERE, "mix.lua"), base + "/"],
        env={**os.environ, "MIX_FILE": mix, **({"MIX_HEADER": header} if header else {})},
        capture_output=True, text=True, check=False,
    )
    figures = {"statuses": {}}
    for line in out.stdout.splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "status" and len(parts) == 3:
            figures["statuses"][parts[1]] = int(parts[2])
        elif parts[0] in ("graphql_errors", "requests", "socket_errors", "timeouts") and len(parts) == 2:
            figures[parts[0]] = int(parts[1])
        elif parts[0] in ("rps", "p50_ms", "p99_ms", "max_ms") and len(parts) == 2:
            figures[parts[0]] = float(parts[1])
    if "requests" not in figures:
        raise SystemExit(f"wrk failed: {out.stderr.strip() or out.stdout.strip()}")
    figures["non_2xx"] = sum(n for s, n in figures["statuses"].items() if not s.startswith("2"))
    return figures


def read_mix(service, mix, engine, seconds):
    say(f"load: read mix on {engine}, 64 connections, {seconds} s")
    f = wrk(service.base, mix, 64, seconds)
    passed = f["non_2xx"] == 0 and f["graphql_errors"] == 0 and f["socket_errors"] == 0
    say(f"  {f['requests']} requests, {f['rps']} req/s, p99 {f['p99_ms']} ms, "
        f"non-2xx {f['non_2xx']}, GraphQL errors {f['graphql_errors']}, socket errors {f['socket_errors']}")
    return {"name": f"read mix, 64 connections, {seconds} s, {engine}", "passed": passed, **f}


def soak(service, mix, engine, seconds, early):
    """wrk for `seconds` while the service's resident memory is sampled every second."""
    say(f"soak: {seconds} s on {engine}, 32 connections; memory compared at {early} s and at the end")
    samples = []
    stop = threading.Event()

    def sample():
        t0 = time.monotonic()
        while not stop.is_set():
            samples.append((time.monotonic() - t0, service.rss_mb()))
            if len(samples) % 30 == 0:
                say(f"  {samples[-1][0]:.0f} s: {samples[-1][1]:.1f} MB")
            stop.wait(1.0)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    f = wrk(service.base, mix, 32, seconds)
    stop.set()
    sampler.join()
    at_early = next((mb for t, mb in samples if t >= early), samples[0][1])
    at_end = samples[-1][1]
    growth = (at_end - at_early) / at_early * 100 if at_early else 0.0
    passed = abs(growth) <= 10 and f["non_2xx"] == 0 and f["graphql_errors"] == 0
    say(f"  memory {at_early:.1f} MB at {early} s, {at_end:.1f} MB at {seconds} s ({growth:+.1f} %); "
        f"{f['requests']} requests, non-2xx {f['non_2xx']}")
    return {"name": f"soak, 32 connections, {seconds} s, {engine}", "passed": passed,
            "rss_early_mb": round(at_early, 1), "rss_end_mb": round(at_end, 1),
            "rss_growth_percent": round(growth, 1), **f}


def burst(service, mix, engine, seconds, connections=512):
    """`connections` at once, then how long until p99 at 8 connections is back."""
    say(f"burst: baseline p99 at 8 connections on {engine}")
    base = wrk(service.base, mix, 8, 5)
    limit = max(base["p99_ms"] * 1.5, base["p99_ms"] + 10)
    say(f"  baseline p99 {base['p99_ms']} ms (recovered when a 1 s window is under {limit:.0f} ms)")
    say(f"burst: {connections} connections for {seconds} s")
    f = wrk(service.base, mix, connections, seconds, timeout=30)
    ended = time.monotonic()
    allowed = {k: v for k, v in f["statuses"].items() if k.startswith("2") or k in ("429", "503")}
    others = sum(f["statuses"].values()) - sum(allowed.values())
    recovery = None
    while time.monotonic() - ended < 30:
        window = wrk(service.base, mix, 8, 1)
        if window["requests"] and window["p99_ms"] <= limit and window["non_2xx"] == 0:
            recovery = time.monotonic() - ended
            break
    say(f"  statuses {f['statuses']}, other than 2xx/429/503: {others}, socket errors {f['socket_errors']}, "
        f"p99 recovered in {'more than 30' if recovery is None else f'{recovery:.1f}'} s")
    passed = others == 0 and f["socket_errors"] == 0 and recovery is not None and recovery <= 10
    return {"name": f"{connections} connections, {seconds} s, {engine}", "passed": passed,
            "baseline_p99_ms": base["p99_ms"], "other_statuses": others,
            "recovery_s": None if recovery is None else round(recovery, 1), **f}
