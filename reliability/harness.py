"""Runs the reliability parts and prints their table; `run.sh` is the way in."""

import argparse
import datetime
import json
import os
import shutil
import sys
import tempfile

import faults
import fuzz
import load
import quota
import slow
import svc
from svc import say

PARTS = ("fuzz", "load", "soak", "faults", "quota", "slow")


def parse():
    parser = argparse.ArgumentParser(prog="reliability/run.sh")
    parser.add_argument("parts", nargs="*", default=["all"], help="fuzz, load, soak, faults, quota, slow or all")
    parser.add_argument("--short", action="store_true", help="a few hundred fuzz cases, short load")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--st", help="the schemathesis command (for fuzz)")
    parser.add_argument("--sqlite-only", action="store_true", help="no PostgreSQL parts")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--out", required=True, help="where the JSON results go")
    args = parser.parse_args()
    parts = set()
    for part in args.parts:
        if part == "all":
            parts.update(PARTS)
        elif part in PARTS:
            parts.add(part)
        else:
            parser.error(f"unknown part {part!r}: expected {', '.join(PARTS)} or all")
    args.parts = parts
    if args.articles is None:
        args.articles = 200 if args.short else 1000
    return args


class Setup:
    """The databases and services a run needs, made on first use and torn down once."""

    def __init__(self, args, workdir):
        self.args, self.workdir = args, workdir
        self.cluster = None
        self.services = []

    def pg(self):
        if self.cluster is None:
            self.cluster = svc.Cluster(self.workdir)
            self.cluster.init()
            self.cluster.start()
        return self.cluster

    def service(self, engine, name, extra_env=None):
        if engine == "sqlite":
            path = os.path.join(self.workdir, f"{name}.db")
            url = f"sqlite://{path}?mode=rwc"
        else:
            url = self.pg().create_db(name)
        service = svc.Service(self.args.binary, url, self.workdir, name, extra_env)
        say(f"setup: {engine} database {name} ({self.args.articles} synthetic articles and the demo)")
        svc.prepare_content(service, self.args.articles)
        service.db_path = url
        service.start()
        self.services.append(service)
        return service

    def close(self):
        for service in self.services:
            service.terminate(10)
        if self.cluster:
            self.cluster.remove()


def engines(args):
    return ["sqlite"] if args.sqlite_only else ["sqlite", "postgres"]


def run_fuzz(args, setup, results):
    if not args.st:
        raise SystemExit("fuzz needs --st (run.sh installs schemathesis)")
    service = setup.service("sqlite", "fuzz")
    tokens = svc.tokens(service)
    rest_n, graphql_n = (3, 5) if args.short else (80, 15)
    openapi = service.base + "/openapi.json"
    results.append(fuzz.run(args.st, openapi, "OpenAPI anonymous", rest_n, args.seed, setup.workdir))
    if not args.short:
        for role, token in tokens.items():
            results.append(fuzz.run(args.st, openapi, f"OpenAPI {role}", rest_n, args.seed,
                                    setup.workdir, token))
    results.append(fuzz.run(args.st, service.base + "/graphql", "GraphQL anonymous", graphql_n,
                            args.seed, setup.workdir))
    if not args.short:
        results.append(fuzz.run(args.st, service.base + "/graphql", "GraphQL ADMIN", graphql_n,
                                args.seed, setup.workdir, tokens["ADMIN"]))
    panics = service.panics()
    if panics:
        results.append({"name": "fuzz: service panics", "passed": False, "panics": panics})


def run_load(args, setup, results):
    seconds = 15 if args.short else 60
    for engine in engines(args):
        service = setup.service(engine, f"load_{engine}")
        mix = load.write_mix(setup.workdir, svc.sample_slugs(service))
        results.append(load.read_mix(service, mix, engine, seconds))
        results.append(load.burst(service, mix, engine, 10 if args.short else 30))


def run_soak(args, setup, results):
    engine = "sqlite" if args.sqlite_only else "postgres"
    service = setup.service(engine, f"soak_{engine}")
    mix = load.write_mix(setup.workdir, svc.sample_slugs(service))
    seconds, early = (60, 12) if args.short else (300, 60)
    results.append(load.soak(service, mix, engine, seconds, early))


def run_faults(args, setup, results):
    for engine in engines(args):
        service = setup.service(engine, f"faults_{engine}")
        slugs = svc.sample_slugs(service)
        _, body = svc.graphql(service.base, "query($s: String!) { article(slug: $s) { id } }",
                              {"s": slugs[0]})
        article_id = body["data"]["article"]["id"]
        if engine == "sqlite":
            path = service.db_path.split("://", 1)[1].split("?")[0]
            rows = faults.rows_by_key_sqlite(path)
        else:
            rows = faults.rows_by_key_pg(setup.pg(), f"faults_{engine}")
            results.append(faults.pg_restart(setup.pg(), service, slugs))
            results.append(faults.table_lock(setup.pg(), f"faults_{engine}", service, slugs))
        results.append(faults.kill9(service, engine, slugs[0], article_id, rows))
        if engine == "sqlite":
            results.append(faults.sigterm(service, slugs))
    results.append(faults.tmpfs_full(args.binary, setup.workdir))


def run_quota(args, setup, results):
    service = setup.service("sqlite", "quota", quota.ENV)
    seconds, baseline = (10, 5) if args.short else (30, 10)
    results.append(quota.run(service, setup.workdir, seconds, baseline))


def run_slow(args, setup, results):
    results.extend(slow.run(setup, args.short))


def table(results):
    lines = ["| check | result | figures |", "| --- | --- | --- |"]
    for r in results:
        verdict = "skipped" if r.get("passed") is None else ("pass" if r["passed"] else "FAIL")
        figures = ", ".join(
            f"{k} {v}" for k, v in r.items()
            if k not in ("name", "passed", "statuses", "p50_ms", "max_ms") and v not in ({}, None)
        )
        lines.append(f"| {r['name']} | {verdict} | {figures} |")
    return "\n".join(lines)


def main():
    args = parse()
    workdir = tempfile.mkdtemp(prefix="polisia-reliability-")
    os.chmod(workdir, 0o755)
    setup = Setup(args, workdir)
    results = []
    started = datetime.datetime.now(datetime.timezone.utc)
    try:
        order = [("fuzz", run_fuzz), ("load", run_load), ("soak", run_soak), ("faults", run_faults),
                 ("quota", run_quota),
                 ("slow", run_slow)]
        for part, runner in order:
            if part in args.parts:
                runner(args, setup, results)
    finally:
        setup.close()
        if all(r.get("passed") is not False for r in results):
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            say(f"logs and reports kept in {workdir}")
    say("")
    say(table(results))
    document = {
        "date": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "cores": os.cpu_count(),
        "short": args.short,
        "parts": sorted(args.parts),
        "results": results,
    }
    with open(args.out, "w") as out:
        json.dump(document, out, indent=1, ensure_ascii=False)
        out.write("\n")
    say(f"wrote {args.out}")
    failed = [r["name"] for r in results if r.get("passed") is False]
    if failed:
        say(f"{len(failed)} check(s) failed: {'; '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
