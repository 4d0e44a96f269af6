"""The checks `cluster.sh` runs against three instances behind nginx. Each returns a
row: a name, `passed` (True, False, or None for a figure without a verdict) and its
figures."""

import datetime
import http.client
import json
import os
import resource
import sys
import threading
import time
import uuid

from topology import DB, say

import faults  # noqa: E402  (reliability/: comments counted by idempotency key)
import load  # noqa: E402  (reliability/: the wrk read mix)
import traffic  # noqa: E402  (reliability/: the threaded client that times every request)
import ws

COMMENT_ADDED = "subscription($a: ID!) { commentAdded(articleId: $a) { id body } }"
ARTICLE_PUBLISHED = "subscription($r: ID) { articlePublished(regionId: $r) { id title } }"
ADD = "mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id status } } }"
APPROVE = "mutation($id: ID!) { moderateComment(id: $id, status: APPROVED) { comment { status } } }"
CREATE = "mutation($i: CreateArticleInput!) { createArticle(input: $i) { article { id slug } } }"
PUBLISH = ("mutation($id: ID!, $at: DateTime) { publishArticle(id: $id, at: $at) "
           "{ article { status publishedAt } } }")
UNPUBLISH = "mutation($id: ID!) { unpublishArticle(id: $id) { article { status } } }"
ARTICLES = "{ articles(first: 100) { edges { node { id slug region { id } } } } }"
BY_SLUG = "query($s: String!) { article(slug: $s) { id title } }"

# What an instance may take to hear of a commit made through another.
WITHIN = 1.0


class CheckFailed(Exception):
    pass


class Progress:
    """A timed step: a bar on a terminal, a line every tenth (2 s at least) otherwise."""

    def __init__(self, label, seconds):
        self.label, self.total = label, max(seconds, 0.1)
        self.tty = sys.stdout.isatty()
        self.t0 = time.monotonic()
        self.next_line = 0.0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def _run(self):
        while not self.stopping.wait(0.25):
            self._show(time.monotonic() - self.t0)

    def _show(self, done):
        done = min(done, self.total)
        if self.tty:
            width = 30
            filled = int(width * done / self.total)
            sys.stdout.write(f"\r  {self.label} [{'=' * filled}{' ' * (width - filled)}] "
                             f"{done:4.0f}/{self.total:.0f} s")
            sys.stdout.flush()
        elif done >= self.next_line:
            print(f"  {self.label}: {done:.0f}/{self.total:.0f} s", flush=True)
            self.next_line = done + max(self.total / 10, 2.0)

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join()
        if self.tty:
            sys.stdout.write("\r\033[K")
            sys.stdout.flush()


def call(port, method, path, body=None, headers=None, source=None, timeout=10):
    """One request on a connection of its own, from `source` (a loopback address)
    when given: (status, headers with lower-case names, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout,
                                      source_address=(source, 0) if source else None)
    try:
        data = json.dumps(body).encode() if body is not None else None
        all_headers = {"Content-Type": "application/json"} if data is not None else {}
        all_headers.update(headers or {})
        conn.request(method, path, body=data, headers=all_headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def gql(port, query, variables=None, token=None, source=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    status, _, body = call(port, "POST", "/graphql", {"query": query, "variables": variables or {}},
                           headers, source)
    try:
        return json.loads(body)
    except ValueError:
        raise CheckFailed(f"GraphQL answered {status} without JSON")


def data(document, what):
    if document.get("errors"):
        raise CheckFailed(f"{what}: {document['errors']}")
    return document["data"]


class Article:
    def __init__(self, gid, slug, region):
        self.gid, self.slug, self.region = gid, slug, region


class Context:
    """What the checks share: the topology, a token per role, published articles to
    use up (one a check, so that no check sees another's writes), the run's tag."""

    def __init__(self, args, topo, tokens):
        self.args, self.topo, self.tokens = args, topo, tokens
        self.run = uuid.uuid4().hex[:6]
        listed = data(gql(topo.instance(1).port, ARTICLES), "articles")["articles"]["edges"]
        self.articles = [Article(e["node"]["id"], e["node"]["slug"], (e["node"]["region"] or {}).get("id"))
                         for e in listed]
        self.region = next(a.region for a in self.articles if a.region)

    def article(self):
        return self.articles.pop(0)

    def which(self, upstream):
        """The instance an nginx `X-Upstream` names."""
        for instance in self.topo.instances:
            if upstream and upstream.split(",")[-1].strip() == instance.address:
                return instance.n
        return None

    def draft(self, through, title):
        """A draft in the context's region, created through instance `through`."""
        created = gql(self.topo.instance(through).port, CREATE, {"i": {
            "title": title, "lead": "Проверка нескольких экземпляров.",
            "body": "<p>Текст для проверки нескольких экземпляров за nginx.</p>",
            "lang": "RU", "regionId": self.region}}, token=self.tokens["EDITOR"])
        return data(created, "createArticle")["createArticle"]["article"]["id"]


def ms(seconds):
    return None if seconds is None else round(seconds * 1000, 1)


# 1. Events reach the subscribers of every instance.

def comment_event(ctx):
    """A comment approved through instance 1 reaches a `commentAdded` subscriber of
    instance 3 (through nginx), and subscribers spread over the three by nginx."""
    topo, article = ctx.topo, ctx.article()
    text = f"Спасибо за работу, {ctx.run}"
    pinned = ws.Subscription(topo.nginx.pinned[3], COMMENT_ADDED, {"a": article.gid})
    spread = [ws.Subscription(topo.nginx.port, COMMENT_ADDED, {"a": article.gid}) for _ in range(3)]
    try:
        one = topo.instance(1).port
        posted = gql(one, ADD, {"i": {"articleId": article.gid, "authorName": "Читатель",
                                      "authorEmail": "bus@cluster.test", "body": text}})
        comment = data(posted, "addComment")["addComment"]["comment"]
        if comment["status"] != "PENDING":
            raise CheckFailed(f"an anonymous comment should wait for a moderator: {comment}")
        t0 = time.monotonic()
        data(gql(one, APPROVE, {"id": comment["id"]}, token=ctx.tokens["MODERATOR"]), "moderateComment")
        answered = time.monotonic() - t0
        latency, spread_ok = _first(pinned, t0, lambda d: d["commentAdded"]["body"] == text), 0
        for sub in spread:
            if _first(sub, t0, lambda d: d["commentAdded"]["body"] == text) is not None:
                spread_ok += 1
        landed = sorted(ctx.which(s.upstream) or 0 for s in spread)
    finally:
        for sub in [pinned, *spread]:
            sub.close()
    passed = latency is not None and latency <= WITHIN and spread_ok == 3
    say(f"  commentAdded on instance 3: {ms(latency)} ms after the approval was sent "
        f"(its answer took {ms(answered)} ms); round-robin subscribers on instances {landed}: "
        f"{spread_ok}/3 heard it")
    return {"passed": passed, "latency_ms": ms(latency), "mutation_ms": ms(answered),
            "round_robin_subscribers_heard": f"{spread_ok}/3", "round_robin_instances": landed}


def publish_event(ctx):
    """A draft published through instance 2 reaches an `articlePublished` subscriber
    of instance 3 (through nginx) and the round-robin ones."""
    topo = ctx.topo
    title = f"Кластер: публикация {ctx.run}"
    gid = ctx.draft(2, title)
    pinned = ws.Subscription(topo.nginx.pinned[3], ARTICLE_PUBLISHED, {"r": ctx.region})
    spread = [ws.Subscription(topo.nginx.port, ARTICLE_PUBLISHED, {"r": ctx.region}) for _ in range(3)]
    try:
        t0 = time.monotonic()
        data(gql(topo.instance(2).port, PUBLISH, {"id": gid}, token=ctx.tokens["EDITOR"]), "publishArticle")
        answered = time.monotonic() - t0
        mine = lambda d: d["articlePublished"]["title"] == title  # noqa: E731
        latency = _first(pinned, t0, mine)
        spread_ok = sum(1 for sub in spread if _first(sub, t0, mine) is not None)
        landed = sorted(ctx.which(s.upstream) or 0 for s in spread)
    finally:
        for sub in [pinned, *spread]:
            sub.close()
    passed = latency is not None and latency <= WITHIN and spread_ok == 3
    say(f"  articlePublished on instance 3: {ms(latency)} ms after publishing was sent "
        f"(its answer took {ms(answered)} ms); round-robin subscribers on instances {landed}: "
        f"{spread_ok}/3 heard it")
    return {"passed": passed, "latency_ms": ms(latency), "mutation_ms": ms(answered),
            "round_robin_subscribers_heard": f"{spread_ok}/3", "round_robin_instances": landed}


def _first(sub, t0, match, wait=5.0):
    """Seconds from t0 to the first event `match` accepts (None if none within `wait`)."""
    deadline = t0 + wait
    while True:
        event = sub.next_within(deadline - time.monotonic())
        if event is None:
            return None
        at, payload, _ = event
        if payload and match(payload):
            return at - t0


# 2. The micro-cache of every instance forgets what another instance changed.

def _cache_hits(port):
    _, _, body = call(port, "GET", "/metrics")
    for line in body.decode().splitlines():
        if line.startswith("micro_cache_hits_total"):
            return float(line.split()[-1])
    return 0.0


def _visible(port, slug):
    """Whether the article is in the list, by slug over REST, and over GraphQL."""
    _, _, listed = call(port, "GET", "/api/v1/articles?limit=100")
    status, _, _ = call(port, "GET", f"/api/v1/articles/{slug}")
    found = gql(port, BY_SLUG, {"s": slug}).get("data") or {}
    return (f'"slug":"{slug}"' in listed.decode(), status == 200, bool(found.get("article")))


def _unpublish_and_watch(ctx, wait):
    """Warms every instance's micro-cache with a published article, unpublishes it
    through instance 2, and asks each instance directly until the article is gone
    from its answers (at most `wait` seconds): (cache hits while warming, seconds
    until gone by instance, None where it was not)."""
    topo, article = ctx.topo, ctx.article()
    ports = {i.n: i.port for i in topo.instances}
    before = sum(_cache_hits(p) for p in ports.values())
    for port in ports.values():
        for _ in range(3):
            if _visible(port, article.slug) != (True, True, True):
                raise CheckFailed(f"{article.slug} is not visible everywhere before the change")
    hits = sum(_cache_hits(p) for p in ports.values()) - before
    t0 = time.monotonic()
    data(gql(ports[2], UNPUBLISH, {"id": article.gid}, token=ctx.tokens["EDITOR"]), "unpublishArticle")
    gone = {}
    while len(gone) < len(ports) and time.monotonic() - t0 < wait:
        for n, port in ports.items():
            if n not in gone and _visible(port, article.slug) == (False, False, False):
                gone[n] = time.monotonic() - t0
        time.sleep(0.01)
    return int(hits), {n: gone.get(n) for n in ports}


def unpublish_leaves_caches(ctx):
    hits, gone = _unpublish_and_watch(ctx, 5)
    slowest = None if None in gone.values() else max(gone.values())
    passed = slowest is not None and slowest <= WITHIN and hits > 0
    say(f"  {hits} micro-cache hits while warming; gone after "
        + ", ".join(f"instance {n} {ms(t)} ms" for n, t in gone.items()))
    return {"passed": passed, "cache_hits_while_warm": hits,
            "gone_after_ms": {str(n): ms(t) for n, t in gone.items()}, "slowest_ms": ms(slowest)}


LAG = "300 ms"
LAG_SETTING = "300ms"


class _ReplicaBehind:
    """The replica applies WAL `LAG` late while inside."""

    def __init__(self, topo):
        self.replica = topo.replica

    def __enter__(self):
        self.replica.psql("postgres", f"ALTER SYSTEM SET recovery_min_apply_delay = '{LAG_SETTING}'")
        self.replica.psql("postgres", "SELECT pg_reload_conf()")

    def __exit__(self, *exc):
        self.replica.psql("postgres", "ALTER SYSTEM RESET recovery_min_apply_delay")
        self.replica.psql("postgres", "SELECT pg_reload_conf()")


def lagging_replica_caches(ctx):
    """Check 2 with the instances reading the replica: repeated with the replica as it
    is (on this machine it replays within milliseconds), then once with it applying
    WAL 300 ms late (as a replica under load may): how often and how long an
    unpublished article stays in the answers.

    An instance empties its micro-cache when the change bus (read on the primary)
    brings the change; anonymous reads then go to the primary until the replica has
    replayed it, so the cache is never filled again with the article from a replica
    that is behind."""
    trials = 10 if ctx.args.short else 25
    stale = 0
    for _ in range(trials):
        _, gone = _unpublish_and_watch(ctx, 2)
        stale += any(t is None or t > WITHIN for t in gone.values())
    wait = 5 if ctx.args.short else 40
    with _ReplicaBehind(ctx.topo):
        hits, gone = _unpublish_and_watch(ctx, wait)
    slowest = None if None in gone.values() else max(gone.values())
    fixed = not stale and slowest is not None and slowest <= WITHIN
    say(f"  the replica as it is: an instance still served the article after 1 s in {stale} of "
        f"{trials} unpublications; the replica {LAG} behind: gone after "
        + ", ".join(f"instance {n} {'more than ' + str(wait) + ' s' if t is None else str(ms(t)) + ' ms'}"
                    for n, t in gone.items())
        + ("" if fixed else " (the cache was filled again from the replica)"))
    return {"passed": fixed,
            "stale_after_1_s": f"{stale}/{trials}", "replica_apply_delay": LAG,
            "cache_hits_while_warm": hits,
            "gone_after_s": {str(n): None if t is None else round(t, 2) for n, t in gone.items()},
            "watched_s": wait}


def lagging_replica_etags(ctx):
    """The micro-cache off, the replica 300 ms behind: an anonymous GET right after
    an article was unpublished through another instance, then, a second later, the
    same GET revalidating with that answer's ETag. The first answer must already
    leave the article out (read from the primary while the replica is behind), and a
    304 is right only for an ETag of the content as it is."""
    topo, article = ctx.topo, ctx.article()
    port, path = topo.instance(3).port, "/api/v1/articles?limit=100"
    with _ReplicaBehind(topo):
        data(gql(topo.instance(2).port, UNPUBLISH, {"id": article.gid}, token=ctx.tokens["EDITOR"]),
             "unpublishArticle")
        # The change bus has brought the change by now; the replica has not applied it.
        time.sleep(0.05)
        _, head, first = call(port, "GET", path)
        etag = head.get("etag")
        time.sleep(1.0)
        revalidated, _, _ = call(port, "GET", path, headers={"If-None-Match": etag})
        _, _, fresh = call(port, "GET", path)
    stale = f'"slug":"{article.slug}"' in first.decode()
    changed = f'"slug":"{article.slug}"' not in fresh.decode()
    defect = stale and changed and revalidated == 304
    say(f"  first answer {'still lists' if stale else 'leaves out'} the article; a second later "
        f"revalidating its ETag answers {revalidated}, a plain request "
        f"{'leaves it out' if changed else 'still lists it'}"
        + (" (the stale ETag was remembered under the new epoch)" if defect else ""))
    return {"passed": not stale and not defect,
            "replica_apply_delay": LAG, "first_answer_stale": stale,
            "revalidated_after_1_s": revalidated, "fresh_answer_changed": changed}


# 3. Client addresses behind nginx.

def _post_comment(port, slug, email, source=None, forwarded=None):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    status, head, body = call(port, "POST", f"/api/v1/articles/{slug}/comments",
                              {"authorName": "Читатель", "authorEmail": email, "body": "Спасибо"},
                              headers, source)
    code = None
    if status >= 400:
        try:
            code = json.loads(body).get("code")
        except ValueError:
            code = "?"
    return status, code, head.get("x-upstream")


CLIENTS = [f"127.0.0.{i}" for i in range(2, 12)]


def clients_through_nginx(ctx):
    """Ten clients, each from its own loopback address, post twice through nginx:
    the first comment of each is taken, the second refused by the flood limit,
    whichever instance each lands on."""
    topo, article = ctx.topo, ctx.article()
    first, second, moved = {}, {}, 0
    for i, client in enumerate(CLIENTS):
        first[client] = _post_comment(topo.nginx.port, article.slug, f"first-{i}-{ctx.run}@cluster.test",
                                      client)
    for i, client in enumerate(CLIENTS):
        second[client] = _post_comment(topo.nginx.port, article.slug, f"second-{i}-{ctx.run}@cluster.test",
                                       client)
        if ctx.which(first[client][2]) != ctx.which(second[client][2]):
            moved += 1
    taken = sum(1 for s, _, _ in first.values() if s == 201)
    limited = sum(1 for s, c, _ in second.values() if s == 429 and c == "RATE_LIMITED")
    # A client that writes an address of its choosing in front of nginx's gains nothing.
    forged = _post_comment(topo.nginx.port, article.slug, f"forged-{ctx.run}@cluster.test", CLIENTS[0],
                           "203.0.113.7")
    hashes = topo.primary.psql(DB, "SELECT count(DISTINCT client_ip_hash) FROM comments "
                                   f"WHERE author_email LIKE 'first-%-{ctx.run}@cluster.test'")
    passed = (taken == len(CLIENTS) and limited == len(CLIENTS) and int(hashes) == len(CLIENTS)
              and forged[0] == 429)
    say(f"  first comments taken {taken}/10, second ones RATE_LIMITED {limited}/10 "
        f"({moved} of them on another instance than the first), distinct address hashes stored "
        f"{hashes}; a forged X-Forwarded-For through nginx: {forged[0]} {forged[1] or ''}")
    return {"passed": passed, "first_taken": taken, "second_rate_limited": limited,
            "second_on_another_instance": moved, "distinct_address_hashes": int(hashes),
            "forged_through_nginx": forged[0]}


def forged_header_direct(ctx):
    """A client connecting straight to the instances (not through nginx) is not a
    trusted proxy: the X-Forwarded-For it writes names nobody."""
    topo, article = ctx.topo, ctx.article()
    client = "127.0.0.12"
    one = _post_comment(topo.instance(1).port, article.slug, f"direct-1-{ctx.run}@cluster.test", client,
                        "198.51.100.1")
    two = _post_comment(topo.instance(2).port, article.slug, f"direct-2-{ctx.run}@cluster.test", client,
                        "198.51.100.2")
    passed = one[0] == 201 and two[0] == 429 and two[1] == "RATE_LIMITED"
    say(f"  first comment {one[0]}; a second with another forged address, to another instance: "
        f"{two[0]} {two[1] or ''}")
    return {"passed": passed, "first": one[0], "second": two[0], "second_code": two[1]}


# 4. A schedule is announced once, by whichever instance is there at its moment.

def scheduled_once(ctx, kill):
    topo = ctx.topo
    title = f"Кластер: анонс по расписанию{' после kill -9' if kill else ''} {ctx.run}"
    gid = ctx.draft(1, title)
    subs = {n: ws.Subscription(topo.nginx.pinned[n], ARTICLE_PUBLISHED, {"r": ctx.region})
            for n in (1, 2, 3)}
    ahead = 3.0
    at_wall = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=ahead)
    at = time.monotonic() + ahead
    replays = None
    try:
        data(gql(topo.instance(1).port, PUBLISH, {"id": gid, "at": at_wall.isoformat()},
                 token=ctx.tokens["EDITOR"]), "publishArticle")
        if kill:
            time.sleep(max(0.0, at - 2.0 - time.monotonic()))
            topo.instance(1).kill9()
            killed_before = at - time.monotonic()
        time.sleep(max(0.0, at + 2.5 - time.monotonic()))
        heard = {}
        for n, sub in subs.items():
            if kill and n == 1:
                continue
            times = []
            while (event := sub.next_within(0)) is not None:
                if event[1] and event[1]["articlePublished"]["title"] == title:
                    times.append(event[0] - at)
            heard[n] = times
        if kill:
            topo.instance(1).start()
            again = ws.Subscription(topo.nginx.pinned[1], ARTICLE_PUBLISHED, {"r": ctx.region})
            time.sleep(1.5)
            replays = 0
            while (event := again.next_within(0)) is not None:
                replays += bool(event[1] and event[1]["articlePublished"]["title"] == title)
            again.close()
    finally:
        for sub in subs.values():
            sub.close()
    announced = int(topo.primary.psql(
        DB, "SELECT count(*) FROM changes c JOIN articles a ON a.id = c.entity_id "
            f"WHERE c.kind = 'ARTICLE_PUBLISHED' AND a.title = '{title}'"))
    once = all(len(t) == 1 for t in heard.values())
    late = max((t[0] for t in heard.values() if t), default=None)
    passed = once and late is not None and late <= WITHIN and announced == 1 and not replays
    counts = {str(n): len(t) for n, t in heard.items()}
    say(f"  events per instance {counts}, the last {ms(late)} ms after the moment; recorded "
        f"{announced} time(s)"
        + (f"; instance 1 killed {killed_before:.1f} s before the moment, restarted after it, "
           f"replayed it {replays} time(s)" if kill else ""))
    row = {"passed": passed, "events_per_instance": counts, "latest_after_moment_ms": ms(late),
           "recorded": announced}
    if kill:
        row.update(killed_s_before=round(killed_before, 1), replayed_after_restart=replays)
    return row


# 5. kill -9 of one instance under load through nginx.

class Writer(threading.Thread):
    """Posts comments through nginx, alternately over REST and GraphQL, retrying each
    with its idempotency key until acknowledged; times every attempt."""

    def __init__(self, port, article, prefix, t0):
        super().__init__(daemon=True)
        self.port, self.article, self.prefix, self.t0 = port, article, prefix, t0
        self.acked, self.outcomes = {}, []
        self.stopping = threading.Event()

    def post(self, n, key, text):
        if n % 2:
            status, body, detail = traffic.send(
                self.port, "POST", f"/api/v1/articles/{self.article.slug}/comments",
                {"authorName": "Нагрузка", "authorEmail": "load@cluster.test", "body": text},
                {"Idempotency-Key": key}, timeout=10)
            ok = status in (200, 201)
            return status, (json.loads(body)["id"] if ok else None), detail
        status, body, detail = traffic.send(self.port, "POST", "/graphql", {"query": ADD, "variables": {"i": {
            "articleId": self.article.gid, "authorName": "Нагрузка", "authorEmail": "load@cluster.test",
            "body": text, "idempotencyKey": key}}}, timeout=10)
        if status != 200:
            return status, None, detail
        try:
            document = json.loads(body)
            return status, document["data"]["addComment"]["comment"]["id"], ""
        except (ValueError, KeyError, TypeError):
            return status, None, ",".join(traffic.graphql_errors(body))

    def run(self):
        n = 0
        while not self.stopping.is_set():
            n += 1
            key = f"{self.prefix}-{n}"
            while True:
                started = time.monotonic() - self.t0
                status, answer, detail = self.post(n, key, f"Под нагрузкой {key}")
                ended = time.monotonic() - self.t0
                self.outcomes.append(traffic.Outcome("comment", started, ended, status, bool(answer), detail))
                if answer:
                    self.acked[key] = answer
                    break
                if self.stopping.is_set():
                    break
                time.sleep(0.05)


def p99(values):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def recovery(outcomes, since, until, limit, window=1.0, step=0.25):
    """Seconds after `since` to the start of the first `window` whose p99 is within
    `limit` (None if none before `until`)."""
    t = since
    while t + window <= until:
        inside = [o.ended - o.started for o in outcomes if t <= o.started < t + window]
        if inside and p99(inside) <= limit:
            return t - since
        t += step
    return None


FAILOVER = 2.0  # nginx's fail_timeout: the moments a dead instance may cost requests


def kill_under_load(ctx):
    topo, article = ctx.topo, ctx.article()
    slugs = [a.slug for a in ctx.articles[:10]]
    before_s, after_s = (5, 8) if ctx.args.short else (10, 15)
    port = topo.nginx.port
    readers = traffic.Driver(port, 6, lambda: traffic.Reader(port, slugs))
    prefix = f"kill-{ctx.run}"
    writers = [Writer(port, article, f"{prefix}-{i}", readers.t0) for i in range(3)]
    victim = topo.instance(2)
    readers.start()
    for w in writers:
        w.start()
    with Progress("kill -9 under load", before_s + after_s):
        time.sleep(before_s)
        killed = readers.now()
        victim.kill9()
        time.sleep(after_s)
    for w in writers:
        w.stopping.set()
    outcomes = readers.stop()
    for w in writers:
        w.join(15)
        outcomes += w.outcomes
    end = readers.now()
    victim.start()
    failures = [o for o in outcomes if not o.ok]
    outside = [o for o in failures if o.ended < killed or o.started > killed + FAILOVER]
    kinds = {}
    for o in failures:
        key = f"{o.kind} {o.status}{' ' + o.detail if o.detail else ''}"
        kinds[key] = kinds.get(key, 0) + 1
    base = p99([o.ended - o.started for o in outcomes if 1.0 <= o.started < killed])
    limit = max(base * 1.5, base + 0.010)
    back = recovery(outcomes, killed, end, limit)
    acked = {}
    for w in writers:
        acked.update(w.acked)
    rows = faults.rows_by_key_pg(topo.primary, DB)(f"{prefix}-%")
    lost = [k for k, id_ in acked.items()
            if k not in rows or rows[k][0] != 1 or (faults._is_uuid(id_) and rows[k][1] != id_)]
    twice = sum(1 for n, _ in rows.values() if n > 1)
    window = [o.ended for o in failures]
    passed = not lost and not twice and not outside and back is not None and back <= 5 and len(acked) > 0
    say(f"  {len(outcomes)} requests, {len(failures)} failed {kinds or ''}, "
        f"{len(outside)} outside {FAILOVER:.0f} s after the kill; "
        f"comments acknowledged {len(acked)}, lost {len(lost)}, saved twice {twice}; "
        f"p99 {ms(base)} ms before, back within {ms(limit)} ms after "
        f"{'more than ' + str(round(end - killed, 1)) if back is None else round(back, 2)} s")
    return {"passed": passed, "requests": len(outcomes), "failed": len(failures),
            "failed_outside_failover": len(outside), "failure_kinds": kinds,
            "failures_span_s": round(max(window) - min(window), 2) if window else 0,
            "acknowledged": len(acked), "lost": len(lost), "saved_twice": twice,
            "baseline_p99_ms": ms(base), "p99_recovered_s": None if back is None else round(back, 2)}


# 6. The read replica.

STATEMENTS = """
SELECT coalesce(sum(calls) FILTER (WHERE query ~* '^\\s*(select|with)' AND query ILIKE '%%articles%%'), 0),
       coalesce(sum(calls) FILTER (WHERE query ~* '^\\s*insert\\s+into\\s+"?comments'), 0)
FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '%s')
  AND query NOT ILIKE '%%pg_stat_statements%%'
"""


def statements(node):
    """(reads of articles, comment inserts) this server has run so far."""
    reads, inserts = node.psql(DB, STATEMENTS % DB).split("|")
    return int(float(reads)), int(float(inserts))


def replica_reads(ctx):
    """Anonymous reads on the replica; comment writes and signed-in reads on the primary."""
    topo = ctx.topo
    slugs = [a.slug for a in ctx.articles[:10]]
    port = topo.nginx.port

    counted = {}

    def burst(name, make, seconds):
        before = statements(topo.primary), statements(topo.replica)
        gauges = _service_statements(topo)
        driver = traffic.Driver(port, 4, make).start()
        time.sleep(seconds)
        done = driver.stop()
        after = statements(topo.primary), statements(topo.replica)
        counted[name] = [b - a for a, b in zip(gauges, _service_statements(topo))]
        delta = [tuple(a - b for a, b in zip(after[i], before[i])) for i in (0, 1)]
        return done, delta[0], delta[1]

    seconds = 2 if ctx.args.short else 5
    anon, anon_primary, anon_replica = burst("anonymous", lambda: traffic.Reader(port, slugs), seconds)
    editor = ctx.tokens["EDITOR"]
    signed, signed_primary, signed_replica = burst(
        "signed_in", lambda: _SignedReader(port, slugs, editor), seconds)
    article = ctx.article()
    writes, write_primary, write_replica = burst(
        "comments", lambda: faults.Commenter(port, article.slug, f"replica-{ctx.run}"), seconds)
    ok = lambda outcomes: sum(1 for o in outcomes if o.ok)  # noqa: E731
    passed = (ok(anon) == len(anon) and anon_replica[0] >= ok(anon) and anon_primary[0] <= ok(anon) * 0.05
              and ok(signed) == len(signed) and signed_primary[0] >= ok(signed)
              and signed_replica[0] <= ok(signed) * 0.05
              and write_primary[1] >= ok(writes) > 0 and write_replica[1] == 0)
    say(f"  {ok(anon)} anonymous reads: statements on articles, replica {anon_replica[0]}, primary "
        f"{anon_primary[0]}; {ok(signed)} signed-in reads: replica {signed_replica[0]}, primary "
        f"{signed_primary[0]}; {ok(writes)} comments: inserts on the primary {write_primary[1]}, "
        f"replica {write_replica[1]}")
    say("  the instances' own count of statements (/metrics), primary and replica: "
        + "; ".join(f"{name} {p} and {r}" for name, (p, r) in counted.items()))
    return {"passed": passed,
            "anonymous_reads": ok(anon), "anonymous_statements_replica": anon_replica[0],
            "anonymous_statements_primary": anon_primary[0],
            "signed_in_reads": ok(signed), "signed_in_statements_replica": signed_replica[0],
            "signed_in_statements_primary": signed_primary[0],
            "comments": ok(writes), "comment_inserts_primary": write_primary[1],
            "comment_inserts_replica": write_replica[1],
            "metrics_statements_primary_replica": counted}


def _service_statements(topo):
    """The instances' own counts (/metrics) of statements run on the primary and on
    the replica, added up."""
    primary = replica = 0.0
    for instance in topo.instances:
        _, _, body = call(instance.port, "GET", "/metrics")
        for line in body.decode().splitlines():
            if line.startswith("db_statements_total "):
                primary += float(line.split()[-1])
            elif line.startswith("db_replica_statements_total "):
                replica += float(line.split()[-1])
    return int(primary), int(replica)


class _SignedReader(traffic.Reader):
    """The same GraphQL reads, signed in (REST ignores a token: GraphQL only)."""

    def next_request(self):
        kind, method, path, body = super().next_request()
        while not kind.startswith("graphql"):
            kind, method, path, body = super().next_request()
        return kind, method, path, body


def replica_stopped(ctx, retry_503=True):
    """The replica stopped (-m immediate) under an anonymous read load through nginx:
    failures only in the moments after, then the reads are the primary's; started
    again, the replica takes the reads back. With `retry_503` false, through nginx's
    server that passes a 503 on rather than trying the next instance with it."""
    topo = ctx.topo
    slugs = [a.slug for a in ctx.articles[:10]]
    port = topo.nginx.port if retry_503 else topo.nginx.no_503_retry
    before_s, after_s = (3, 10) if ctx.args.short else (5, 20)
    allowed = 5.0
    driver = traffic.Driver(port, 6, lambda: traffic.Reader(port, slugs))
    if _reads_return(ctx, slugs) is None:
        raise CheckFailed("anonymous reads do not reach the replica before it is stopped")
    with Progress("replica stopped under load", before_s + after_s):
        driver.start()
        time.sleep(before_s)
        stopped = driver.now()
        topo.replica.stop("immediate")
        time.sleep(allowed)
        primary_before = statements(topo.primary)[0]
        served_before = len(driver.outcomes)
        time.sleep(max(0.0, after_s - allowed))
        primary_after = statements(topo.primary)[0]
        served = [o for o in driver.outcomes[served_before:] if o.ok]
    outcomes = driver.stop()
    failures = [o for o in outcomes if not o.ok]
    outside = [o for o in failures if o.ended < stopped or o.started > stopped + allowed]
    kinds = {}
    for o in failures:
        key = f"{o.status}{' ' + o.detail if o.detail else ''}"
        kinds[key] = kinds.get(key, 0) + 1
    last = max((o.ended for o in failures), default=stopped) - stopped
    on_primary = primary_after - primary_before
    # Started again: how long until anonymous reads are the replica's again.
    topo.replica.start()
    back = _reads_return(ctx, slugs)
    passed = not outside and on_primary >= len(served) > 0
    say(f"  {len(outcomes)} reads, {len(failures)} failed {kinds or ''}, the last "
        f"{last:.1f} s after the stop, {len(outside)} outside {allowed:.0f} s; afterwards "
        f"{len(served)} reads answered, statements on the primary {on_primary}; the replica "
        f"started again takes reads back after {'more than 15' if back is None else round(back, 1)} s")
    return {"passed": passed, "requests": len(outcomes), "failed": len(failures),
            "failure_kinds": kinds, "last_failure_after_stop_s": round(last, 2),
            "failed_outside_window": len(outside), "reads_after_window": len(served),
            "primary_statements_after_window": on_primary,
            "replica_back_after_s": None if back is None else round(back, 1)}


def _reads_return(ctx, slugs, wait=15.0):
    topo = ctx.topo
    t0 = time.monotonic()
    while time.monotonic() - t0 < wait:
        try:
            before = statements(topo.replica)[0]
        except RuntimeError:
            time.sleep(0.2)
            continue
        for slug in slugs[:5]:
            traffic.send(topo.nginx.port, "GET", f"/api/v1/articles/{slug}")
        if statements(topo.replica)[0] - before >= 5:
            return time.monotonic() - t0
        time.sleep(0.2)
    return None


# 7. Requests/s by the number of instances.

def _cpu_seconds(roots):
    """CPU seconds used so far by the processes `roots` and their children."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry) in roots or int(fields[1]) in roots:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _machine_busy():
    """(busy, total) jiffies of every CPU of the machine, whoever used them."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def _postmasters(topo):
    pids = set()
    for node in (topo.primary, topo.replica):
        try:
            with open(os.path.join(node.data, "postmaster.pid")) as pid:
                pids.add(int(pid.readline()))
        except (OSError, ValueError):
            pass
    return pids


def throughput(ctx, k, mix, seconds):
    """One wrk run of the read mix through nginx to the first `k` instances, and
    where the machine's CPU went meanwhile."""
    topo = ctx.topo
    port = topo.nginx.sized[k]
    groups = {
        "instances": {i.proc.pid for i in topo.instances},
        "postgresql": _postmasters(topo),
        "nginx": {topo.nginx.proc.pid},
    }
    before = {name: _cpu_seconds(pids) for name, pids in groups.items()}
    busy0, total0 = _machine_busy()
    children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    with Progress(f"read mix, {k} instance(s)", seconds):
        f = load.wrk(f"http://127.0.0.1:{port}", mix, 32, seconds)
    children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy1, total1 = _machine_busy()
    cores = os.cpu_count() or 1
    capacity = seconds * cores
    cpu = {name: round((_cpu_seconds(pids) - before[name]) / capacity * 100, 1)
           for name, pids in groups.items()}
    cpu["wrk"] = round((children1.ru_utime + children1.ru_stime - children0.ru_utime - children0.ru_stime)
                       / capacity * 100, 1)
    machine = round((busy1 - busy0) / max(1, total1 - total0) * 100, 1)
    # Requests a second for each core the service's own processes kept busy: what
    # more instances would add on cores of their own.
    ours = (cpu["instances"] + cpu["postgresql"] + cpu["nginx"]) / 100 * cores
    per_core = round(f["rps"] / ours) if ours else None
    others = round(max(0.0, machine - sum(cpu.values())), 1)
    say(f"  {k} instance(s): {f['rps']} requests/s, p99 {f['p99_ms']} ms, non-2xx {f['non_2xx']}, "
        f"socket errors {f['socket_errors']}, {per_core} a busy core; CPU of {cores} cores: {machine} % busy "
        f"({', '.join(f'{n} {v} %' for n, v in cpu.items())}, anything else {others} %)")
    # A figure, not a verdict; but a figure of failures measures nothing.
    broken = f["non_2xx"] or f["graphql_errors"] or f["socket_errors"]
    return {"passed": False if broken else None, "measured": not broken, "instances": k,
            "seconds": seconds, "rps": f["rps"], "p50_ms": f["p50_ms"], "p99_ms": f["p99_ms"],
            "requests": f["requests"], "non_2xx": f["non_2xx"], "graphql_errors": f["graphql_errors"],
            "socket_errors": f["socket_errors"], "rps_per_busy_core": per_core, "cpu_busy_percent": machine,
            "cpu_percent": {**cpu, "other": others}}


def read_mix(ctx):
    return load.write_mix(ctx.topo.workdir, [a.slug for a in ctx.articles[:10]])
