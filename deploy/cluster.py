"""Starts the cluster, runs the checks, prints their table; `cluster.sh` is the way in."""

import argparse
import datetime
import json
import os
import shutil
import signal
import sys
import time
import traceback

from topology import Topology, say, svc

import checks
from checks import CheckFailed, Context


def parse():
    parser = argparse.ArgumentParser(prog="deploy/cluster.sh")
    parser.add_argument("--short", action="store_true",
                        help="shorter loads, 2 s a throughput run (what CI runs)")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--nginx", default="nginx")
    parser.add_argument("--workdir", required=True, help="a temporary directory, removed by the caller")
    parser.add_argument("--keep-logs", help="where the logs go when a check fails")
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--out", required=True, help="where the JSON results go")
    args = parser.parse_args()
    if args.articles is None:
        args.articles = 200 if args.short else 1000
    return args


# While the first checks run: every answer cached for 30 s, one comment an address
# every 15 s.
CACHED = {"MICRO_CACHE_MS": "30000", "COMMENT_FLOOD_SECONDS": "15", "COMMENT_HOURLY_CAP": "0",
          "ANON_REQUESTS_PER_MINUTE": "0"}
# The load checks: no cache (the reads reach the databases), no flood limit (the
# writers are few addresses posting many comments). Load comes from few addresses:
# no limit of requests per address in either.
UNCACHED = {"MICRO_CACHE_MS": "0", "COMMENT_FLOOD_SECONDS": "0", "COMMENT_HOURLY_CAP": "0",
            "ANON_REQUESTS_PER_MINUTE": "0"}


def table(results):
    lines = ["| check | result | figures |", "| --- | --- | --- |"]
    for r in results:
        if r.get("measured"):
            verdict = "measured"
        elif r.get("passed") is None:
            verdict = "skipped"
        else:
            verdict = "pass" if r["passed"] else "FAIL"
        figures = ", ".join(
            f"{k} {v}" for k, v in r.items()
            if k not in ("name", "passed", "measured", "took_s") and v not in ({}, None, [])
        )
        lines.append(f"| {r['name']} | {verdict} | {figures} |")
    return "\n".join(lines)


class Runner:
    def __init__(self, ctx, results):
        self.ctx, self.results = ctx, results

    def __call__(self, name, check, *args):
        say(name)
        started = time.monotonic()
        try:
            row = check(self.ctx, *args)
        except (CheckFailed, RuntimeError, OSError, ValueError, KeyError, TypeError) as err:
            say(f"  failed: {type(err).__name__}: {err}")
            traceback.print_exc(limit=3, file=sys.stdout)
            row = {"passed": False, "error": f"{type(err).__name__}: {err}"}
        row = {"name": name, **row, "took_s": round(time.monotonic() - started, 1)}
        self.results.append(row)
        return row

    def skip(self, name, reason):
        say(f"{name}\n  skipped: {reason}")
        self.results.append({"name": name, "passed": None, "skipped": reason})


def main():
    args = parse()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = datetime.datetime.now(datetime.timezone.utc)
    t0 = time.monotonic()
    load_at_start = os.getloadavg()
    say(f"{os.cpu_count()} cores, load average {load_at_start[0]:.2f} before the start")
    topo = Topology(args, args.workdir)
    results = []
    try:
        topo.up(CACHED, replica=True)
        tokens = svc.tokens(topo.instance(1))
        ctx = Context(args, topo, tokens)
        run = Runner(ctx, results)

        run("1a. comment approved through instance 1 reaches commentAdded on instance 3 within 1 s",
            checks.comment_event)
        run("1b. draft published through instance 2 reaches articlePublished on instance 3 within 1 s",
            checks.publish_event)
        run("2. micro-cache 30 s: unpublished through instance 2, gone from every instance within 1 s",
            checks.unpublish_leaves_caches)
        run("3a. ten client addresses through nginx: a flood limit each, shared by the instances",
            checks.clients_through_nginx)
        run("3b. X-Forwarded-For forged straight to the instances changes nothing",
            checks.forged_header_direct)

        say("instances restarted without micro-cache and flood limit for the load checks")
        topo.restart_all(UNCACHED, replica=True)
        run("4a. scheduled 3 s ahead: announced once on each instance", checks.scheduled_once, False)
        run("4b. scheduled 3 s ahead, the scheduling instance killed (-9) before the moment",
            checks.scheduled_once, True)
        run("5. kill -9 of an instance under reads and comment writes through nginx",
            checks.kill_under_load)

        replica = {
            "6a": "6a. replica: anonymous reads on it, writes and signed-in reads on the primary",
            "6b": "6b. replica stopped under load: failures only for a few seconds, then the primary",
            "6c": "6c. the same through nginx passing 503 on (proxy_next_upstream error timeout http_502)",
            "6d": "6d. check 2 with the replica: how often, and how long, the article stays",
            "6e": f"6e. with the replica {checks.LAG} behind, a stale answer's ETag revalidated 1 s later",
        }
        if topo.read_url:
            run(replica["6a"], checks.replica_reads)
            run(replica["6b"], checks.replica_stopped)
            run(replica["6c"], checks.replica_stopped, False)
            say("instances restarted with the micro-cache (30 s) on")
            topo.restart_all(CACHED, replica=True)
            run(replica["6d"], checks.lagging_replica_caches)
            say("instances restarted without micro-cache")
            topo.restart_all(UNCACHED, replica=True)
            run(replica["6e"], checks.lagging_replica_etags)
        else:
            for name in replica.values():
                run.skip(name, "this build has no DATABASE_READ_URL setting (polisia-api --help)")

        # On a shared machine what else runs drifts: the full run measures each
        # size twice, in the order 1 2 3 3 2 1.
        seconds, order = (2, (1, 2, 3)) if args.short else (10, (1, 2, 3, 3, 2, 1))
        mix = checks.read_mix(ctx)
        for k in order:
            run(f"7. read mix through nginx, {k} instance{'s' if k > 1 else ''}, 32 connections, {seconds} s",
                checks.throughput, k, mix, seconds)
        measured = {}
        for r in results:
            if r["name"].startswith("7.") and r.get("rps") is not None:
                measured.setdefault(r["instances"], []).append((r["rps"], r["rps_per_busy_core"] or 0))
        if measured:
            say("requests/s by instances (and a busy core): " + ", ".join(
                f"{k}: {sum(v[0] for v in m) / len(m):.0f} ({sum(v[1] for v in m) / len(m):.0f})"
                for k, m in sorted(measured.items())))
    finally:
        topo.down()
        failed = [r for r in results if r.get("passed") is False]
        if (failed or sys.exc_info()[0]) and args.keep_logs:
            os.makedirs(args.keep_logs, exist_ok=True)
            for path in topo.logs():
                name = os.path.relpath(path, args.workdir).replace(os.sep, "-")
                shutil.copy(path, os.path.join(args.keep_logs, name))
            say(f"logs kept in {args.keep_logs}")
    took = time.monotonic() - t0
    say("")
    say(table(results))
    document = {
        "date": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "cores": os.cpu_count(),
        "short": args.short,
        "articles": args.articles,
        "replica_reads": bool(topo.read_url),
        "seconds": round(took, 1),
        "load_average_at_start": [round(v, 2) for v in load_at_start],
        "results": results,
    }
    with open(args.out, "w") as out:
        json.dump(document, out, indent=1, ensure_ascii=False)
        out.write("\n")
    say(f"wrote {args.out} ({took:.0f} s)")
    failed = [r["name"] for r in results if r.get("passed") is False]
    if failed:
        say(f"{len(failed)} check(s) failed: {'; '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
