"""A scraper over its quota: its own requests are refused with 429 and the RateLimit
fields, while other clients (a partner with a key, readers at their own addresses)
keep their latency and get no errors."""

import itertools
import threading
import time

import load
import svc
import traffic
from svc import say

# The scraper's key: a quota of 120 a minute (a burst of 120, then 2 a second)
# against wrk's thousands.
SCRAPER_PER_MINUTE = 120
# The first seconds, while the scraper spends its burst on real answers.
BURST_SECONDS = 5
# Readers behind the proxy, each at its own address and under the anonymous quota.
READERS = ["203.0.113.11", "203.0.113.12", "203.0.113.13"]
# The service's anonymous quota per address.
ANON_PER_MINUTE = 600

ENV = {"TRUSTED_PROXIES": "127.0.0.1", "ANON_REQUESTS_PER_MINUTE": str(ANON_PER_MINUTE)}

CREATE = ("mutation($n: String!, $q: Int!) { createApiKey(input: { name: $n, "
          "requestsPerMinute: $q }) { key } }")


def create_key(service, admin_token, name, per_minute):
    status, body = svc.graphql(service.base, CREATE, {"n": name, "q": per_minute}, admin_token)
    try:
        return body["data"]["createApiKey"]["key"]
    except (KeyError, TypeError):
        raise SystemExit(f"createApiKey failed: {status} {body}")


class Client(traffic.Reader):
    """A reader of the mix presenting `headers` (an address, a key), with a pause
    between requests so that it stays a reader, not a scraper."""

    def __init__(self, port, slugs, headers):
        super().__init__(port, slugs)
        self.headers = headers


def others(service, slugs, partner_key):
    """The other clients: one partner and the readers, each on its own thread."""
    port = service.port
    sources = [{"X-Api-Key": partner_key}] + [{"X-Forwarded-For": ip} for ip in READERS]
    make = itertools.cycle(sources)
    lock = threading.Lock()

    def next_client():
        with lock:
            headers = next(make)
        return Client(port, slugs, headers)

    # Four threads, a request each every ~0.25 s: ~4 a second per client, under
    # every quota they have.
    return traffic.Driver(port, len(sources), next_client, pause=0.25)


def percentile(outcomes, q):
    times = sorted((o.ended - o.started) * 1000 for o in outcomes)
    if not times:
        return None
    return round(times[min(len(times) - 1, int(len(times) * q))], 2)


def p99(outcomes):
    return percentile(outcomes, 0.99)


def sample_refusal(service, scraper_key):
    """One request with the scraper's key while it is over quota: its status and the
    fields a client is told to wait by."""
    status, headers, _ = svc.get(service.base + "/api/v1/articles?limit=5",
                                 headers={"X-Api-Key": scraper_key})
    lower = {k.lower(): v for k, v in headers.items()}
    return status, {k: lower.get(k) for k in ("retry-after", "ratelimit-policy", "ratelimit")}


def run(service, workdir, seconds, baseline_seconds):
    """The scenario on `service` (started with [`ENV`]); returns its result row."""
    tokens = svc.tokens(service)
    scraper_key = create_key(service, tokens["ADMIN"], "Scraper", SCRAPER_PER_MINUTE)
    partner_key = create_key(service, tokens["ADMIN"], "Partner", 60000)
    slugs = svc.sample_slugs(service)
    mix = load.write_mix(workdir, slugs)

    say(f"quota: other clients alone for {baseline_seconds} s")
    alone = others(service, slugs, partner_key).start()
    time.sleep(baseline_seconds)
    baseline = alone.stop()

    say(f"quota: a scraper (key of {SCRAPER_PER_MINUTE}/min) at 64 connections for {seconds} s "
        "beside them")
    beside = others(service, slugs, partner_key).start()
    sampled = {}

    def sample_midway():
        time.sleep(seconds / 2)
        sampled["status"], sampled["fields"] = sample_refusal(service, scraper_key)

    sampler = threading.Thread(target=sample_midway, daemon=True)
    sampler.start()
    scraper = load.wrk(service.base, mix, 64, seconds, header=f"X-Api-Key: {scraper_key}")
    sampler.join()
    during = beside.stop()

    statuses = scraper["statuses"]
    served, refused = sum(n for s, n in statuses.items() if s.startswith("2")), statuses.get("429", 0)
    other_statuses = sum(statuses.values()) - served - refused
    # What the quota lets through: the whole burst, then one every 0.1 s.
    allowed = SCRAPER_PER_MINUTE + seconds * SCRAPER_PER_MINUTE / 60
    failures = [o for o in during if not o.ok]
    base_p99, with_p99 = p99(baseline), p99(during)
    after_burst = p99([o for o in during if o.started >= BURST_SECONDS])
    fields = sampled.get("fields", {})
    told = (sampled.get("status") == 429 and all(fields.values())
            and ";r=0;" in fields["ratelimit"])
    passed = (refused > 0 and served <= allowed * 1.05 and other_statuses == 0 and told
              and not failures and after_burst is not None
              and after_burst <= max(3 * base_p99, 100))
    say(f"  scraper: {served} served, {refused} refused (429), other statuses {other_statuses}; "
        f"sample refusal {sampled}")
    say(f"  others: {len(during)} requests, {len(failures)} failed, p99 {with_p99} ms, "
        f"after the first {BURST_SECONDS} s {after_burst} ms (alone {base_p99} ms)")
    return {
        "name": f"quota: scraper over its key's {SCRAPER_PER_MINUTE}/min, {seconds} s, sqlite",
        "passed": passed,
        "scraper_served": served, "scraper_allowed_max": int(allowed), "scraper_429": refused,
        "scraper_other_statuses": other_statuses, "scraper_rps": scraper["rps"],
        "refusal_fields": fields,
        "others_requests": len(during), "others_failed": len(failures),
        "others_p50_ms": percentile(during, 0.5), "others_p99_ms": with_p99,
        f"others_p99_after_{BURST_SECONDS}s_ms": after_burst,
        "others_alone_p50_ms": percentile(baseline, 0.5), "others_alone_p99_ms": base_p99,
    }
