"""A small threaded HTTP client that records every request's outcome and timing.

wrk counts; it cannot say when a failure happened. Fault scenarios need exactly
that (were failures confined to the outage? how long until everything answered?),
so they drive the service with this instead, at a modest rate.
"""

import http.client
import itertools
import json
import socket
import threading
import time


class Outcome:
    __slots__ = ("kind", "started", "ended", "status", "ok", "detail")

    def __init__(self, kind, started, ended, status, ok, detail=""):
        self.kind = kind
        self.started = started
        self.ended = ended
        self.status = status  # HTTP status, or a word for a transport failure
        self.ok = ok
        self.detail = detail


def graphql_errors(body):
    try:
        document = json.loads(body)
    except ValueError:
        return ["not json"]
    return [
        (e.get("extensions") or {}).get("code", "?") for e in document.get("errors") or []
    ]


class Reader:
    """Requests of a read mix, one after the other on fresh connections."""

    def __init__(self, port, slugs, token=None):
        self.port = port
        self.slugs = itertools.cycle(slugs)
        self.token = token
        self.turn = itertools.count()

    def next_request(self):
        turn = next(self.turn) % 4
        slug = next(self.slugs)
        if turn == 0:
            return "rest_list", "GET", "/api/v1/articles?limit=10", None
        if turn == 1:
            return "rest_article", "GET", f"/api/v1/articles/{slug}", None
        if turn == 2:
            query = "query($s: String!) { article(slug: $s) { id title region { name } commentCount } }"
            return "graphql_article", "POST", "/graphql", {"query": query, "variables": {"s": slug}}
        query = "{ articles(first: 5) { edges { node { id title tags { name } } } } }"
        return "graphql_list", "POST", "/graphql", {"query": query}


def send(port, method, path, body=None, headers=None, timeout=15):
    """One request on its own connection: (status or failure word, body, detail)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        all_headers = {"Content-Type": "application/json"} if data else {}
        all_headers.update(headers or {})
        try:
            conn.request(method, path, body=data, headers=all_headers)
        except ConnectionRefusedError:
            return "refused", b"", ""
        except OSError as err:
            return "send_failed", b"", str(err)
        try:
            response = conn.getresponse()
            return response.status, response.read(), ""
        except socket.timeout:
            return "timeout", b"", ""
        except (OSError, http.client.HTTPException) as err:
            return "reset", b"", type(err).__name__
    finally:
        conn.close()


def judge(kind, status, body):
    """Whether an answer is a success: 2xx, and no GraphQL errors."""
    if not isinstance(status, int) or not 200 <= status < 300:
        return False
    if kind.startswith("graphql"):
        return not graphql_errors(body)
    return True


class Driver:
    """`workers` threads each sending `make()`'s requests until stopped."""

    def __init__(self, port, workers, make, pause=0.0, timeout=15):
        self.port = port
        self.workers = workers
        self.make = make
        self.pause = pause
        self.timeout = timeout
        self.outcomes = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = []
        self.t0 = time.monotonic()

    def _loop(self):
        source = self.make()
        while not self.stopping.is_set():
            kind, method, path, body = source.next_request()
            headers = {"Authorization": f"Bearer {source.token}"} if source.token else {}
            # A source may present itself otherwise too (an address, an API key).
            headers.update(getattr(source, "headers", None) or {})
            started = time.monotonic() - self.t0
            status, answer, detail = send(self.port, method, path, body, headers, self.timeout)
            ended = time.monotonic() - self.t0
            ok = judge(kind, status, answer)
            if not ok and not detail:
                detail = ",".join(graphql_errors(answer)) if kind.startswith("graphql") else ""
            with self.lock:
                self.outcomes.append(Outcome(kind, started, ended, status, ok, detail))
            if status == "refused":
                time.sleep(0.02)
            elif self.pause:
                time.sleep(self.pause)

    def start(self):
        for _ in range(self.workers):
            thread = threading.Thread(target=self._loop, daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def now(self):
        return time.monotonic() - self.t0

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(self.timeout + 5)
        return sorted(self.outcomes, key=lambda o: o.started)


class Poller(threading.Thread):
    """Polls one path every `every` seconds, recording (time, status)."""

    def __init__(self, port, path, t0, every=0.1):
        super().__init__(daemon=True)
        self.port, self.path, self.t0, self.every = port, path, t0, every
        self.samples = []
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            status, _, _ = send(self.port, "GET", self.path, timeout=5)
            self.samples.append((time.monotonic() - self.t0, status))
            time.sleep(self.every)

    def stop(self):
        self.stopping.set()
        self.join(10)
        return self.samples
