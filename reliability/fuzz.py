"""Bad input, fuzzed: schemathesis against the OpenAPI document and GraphQL."""

import base64
import glob
import json
import os
import subprocess

from svc import say

# Every check but one. `positive_data_acceptance` expects any value the document
# allows to be accepted, but cursors, dates and slugs are strings whose validity no
# JSON Schema can state (a cursor is valid only if this service issued it), so
# their 400 answers are right and that check would only report noise.
EXCLUDED_CHECKS = "positive_data_acceptance"

# Strategies for the schema's own scalars (the GraphQL `Upload`).
HOOKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fuzz_hooks.py")

# schemathesis calls every GraphQL error raised in a resolver a server error, a
# refusal to an anonymous caller included. These codes are the service's answers
# about the request (API.md); only INTERNAL, or an error without a code, is a
# server error.
REQUEST_CODES = {"BAD_USER_INPUT", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT",
                 "RATE_LIMITED", "QUERY_TOO_COMPLEX"}


def _body(response):
    body = response.get("body")
    if isinstance(body, dict) and "$base64" in body:
        return base64.b64decode(body["$base64"])
    if isinstance(body, dict) and "string" in body:
        return body["string"].encode()
    return body.encode() if isinstance(body, str) else b""


def _server_error(response):
    """Whether one recorded answer is a server failure: a 5xx, or a GraphQL error
    whose code is INTERNAL or missing."""
    if response.get("status_code", 0) >= 500:
        return True
    try:
        document = json.loads(_body(response))
    except ValueError:
        return False
    errors = document.get("errors") if isinstance(document, dict) else None
    return any((e.get("extensions") or {}).get("code") not in REQUEST_CODES for e in errors or [])


def read_events(path):
    """Server errors and reclassified refusals, from the NDJSON event stream."""
    server_errors, refusals, examples = 0, 0, []
    with open(path) as events:
        for line in events:
            event = json.loads(line).get("ScenarioFinished")
            if not event:
                continue
            failed = {
                case_id: {c["failure_info"]["failure"]["code"] for c in checks
                          if c.get("status") == "failure" and c.get("failure_info")}
                for case_id, checks in (event["recorder"].get("checks") or {}).items()
            }
            for case_id, interaction in (event["recorder"].get("interactions") or {}).items():
                response = interaction.get("response") or {}
                if _server_error(response):
                    server_errors += 1
                    if len(examples) < 5:
                        examples.append(_body(interaction.get("request") or {}).decode(errors="replace")[:300])
                elif "ST113" in failed.get(case_id, ()):
                    refusals += 1
    return server_errors, refusals, examples


def run(st, location, name, examples, seed, workdir, token=None, extra=()):
    """One schemathesis run; returns its figures."""
    report_dir = os.path.join(workdir, "fuzz-" + name.replace(" ", "-"))
    args = [st, "--no-color", "run", location, "--checks", "all", "--exclude-checks", EXCLUDED_CHECKS,
            "-n", str(examples), "--seed", str(seed), "--workers", "2",
            "--generation-database", "none",
            "--report", "json,ndjson", "--report-dir", report_dir, "--request-timeout", "20", *extra]
    if token:
        args += ["-H", f"Authorization: Bearer {token}"]
    say(f"fuzz: {name} ({examples} examples an operation, seed {seed})")
    log = os.path.join(workdir, "fuzz-" + name.replace(" ", "-") + ".txt")
    env = dict(os.environ, SCHEMATHESIS_HOOKS=HOOKS)
    with open(log, "w") as out:
        code = subprocess.run(args, stdout=out, stderr=subprocess.STDOUT, cwd=workdir, env=env,
                              check=False).returncode
    reports = sorted(glob.glob(os.path.join(report_dir, "json-*.json")))
    streams = sorted(glob.glob(os.path.join(report_dir, "ndjson-*.ndjson")))
    if not reports:
        raise SystemExit(f"schemathesis wrote no report (exit {code}); see {log}")
    with open(reports[-1]) as f:
        report = json.load(f)
    cases = report["test_cases"]["generated"]
    failures = {f["code"] + " " + f["title"]: f["count"] for f in report.get("failures", [])}
    errors = {e["title"]: e["count"] for e in report.get("errors", [])}
    server_errors, refusals, examples = read_events(streams[-1]) if streams else (0, 0, [])
    server_errors += errors.get("Network Error", 0)
    graphql_failure = "ST113 GraphQL server error"
    if graphql_failure in failures and not server_errors:
        # Every one was a refusal with a request code, counted apart.
        del failures[graphql_failure]
    accepted_bad = sum(n for k, n in failures.items() if k.startswith("ST201"))
    # "Runtime Error" is schemathesis failing inside itself; it is reported, and the
    # operation's other cases still run.
    passed = cases > 0 and not failures and not server_errors
    say(f"  {cases} cases, server errors {server_errors}, failures {failures or 'none'}, "
        f"errors {errors or 'none'}, refusals with a request code {refusals}")
    for example in examples:
        say(f"  server error for: {example}")
    if not passed:
        with open(log) as f:
            failing = [line.rstrip() for line in f if line.startswith(("_", "- ST", "    curl"))]
        for line in failing[:40]:
            say("  " + line)
        say(f"  the whole report: {log}")
    return {"name": f"fuzz {name}", "passed": passed, "cases": cases, "server_errors": server_errors,
            "refusals": refusals,
            "accepted_invalid": accepted_bad, "failures": failures, "errors": errors}
