"""Slow and greedy clients: headers trickled in, a flood of connections past the cap,
WebSockets that never send `connection_init`, and one client that wants too many
subscriptions and sockets. A normal client is timed throughout.

The clients are plain asyncio sockets (the WebSocket framing is written out below:
a handful of frames is all that is needed)."""

import asyncio
import base64
import http.client
import json
import os
import resource
import struct
import subprocess
import sys
import tempfile
import threading
import time

import svc
from svc import say

HEADER_TIMEOUT_S = 10
INIT_TIMEOUT_S = 10


def raise_file_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def p99(samples):
    if not samples:
        return None
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2)


class Probe:
    """A normal client on a kept-alive connection: a request every 50 ms, timed; a new
    connection after a failure. It runs in a process of its own, so the attacking
    clients' event loop does not delay it (the times are CLOCK_MONOTONIC, shared by
    processes)."""

    def __init__(self, service, path="/api/v1/articles?limit=5"):
        self.port, self.path = service.port, path
        self.samples, self.times, self.failed_at = [], [], []
        self.stop_file = tempfile.mktemp(prefix="polisia-probe-stop-")
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "probe", str(self.port), self.path,
             self.stop_file],
            stdout=subprocess.PIPE, text=True,
        )
        return self

    def stop(self):
        open(self.stop_file, "w").close()
        out, _ = self.proc.communicate(timeout=30)
        os.unlink(self.stop_file)
        result = json.loads(out)
        self.samples, self.times, self.failed_at = result["samples"], result["times"], \
            result["failed_at"]

    @property
    def failures(self):
        return len(self.failed_at)

    def between(self, start, end):
        """The samples taken from `start` to `end`, and the failures among them."""
        samples = [s for s, t in zip(self.samples, self.times) if start <= t <= end]
        return samples, sum(1 for t in self.failed_at if start <= t <= end)


def probe_main(port, path, stop_file):
    samples, times, failed_at = [], [], []
    conn = None
    while not os.path.exists(stop_file):
        started = time.monotonic()
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise OSError(f"status {response.status}")
            samples.append(time.monotonic() - started)
            times.append(started)
        except (OSError, http.client.HTTPException):
            failed_at.append(started)
            if conn is not None:
                conn.close()
            conn = None
        time.sleep(0.05)
    print(json.dumps({"samples": samples, "times": times, "failed_at": failed_at}))


def counter(service, series):
    _, _, body = svc.get(service.base + "/metrics")
    for line in body.decode().splitlines():
        if line.startswith(series + " "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


async def gathered(coroutines, per_second=2000):
    """Runs `coroutines`, starting `per_second` of them a second (the listen backlog
    is finite)."""
    async def later(i, coroutine):
        await asyncio.sleep(i / per_second)
        return await coroutine

    return await asyncio.gather(*(later(i, c) for i, c in enumerate(coroutines)))


async def trickle(port, every, give_up):
    """Sends a request line, then a header line every `every` seconds: the seconds
    until the service closed the connection, or None if it had not by `give_up`."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return "connect failed"
    opened = time.monotonic()
    writer.write(b"GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n")
    n = 0
    try:
        while time.monotonic() - opened < give_up:
            try:
                data = await asyncio.wait_for(reader.read(1024), every)
            except asyncio.TimeoutError:
                writer.write(f"x-slow-{n}: 1\r\n".encode())
                n += 1
                continue
            if not data:
                return time.monotonic() - opened
        return None
    except OSError:
        return time.monotonic() - opened
    finally:
        writer.close()


def rss_settled(service, seconds=3.0):
    """Resident memory once it has stopped falling for a moment (freed pages are
    handed back lazily), at most `seconds` from now."""
    last = service.rss_mb()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = service.rss_mb()
        if now >= last - 0.1:
            return now
        last = now
    return last


def rss_serving(service, seconds=10.0):
    """Resident memory after `seconds` of ordinary requests on a kept-alive connection.

    The allocator hands freed pages back to the system lazily, from the threads that
    allocate: a process that does nothing after a flood keeps what the flood used,
    one that goes on serving (as the service does) returns it within moments. So the
    memory a row compares is the memory of a serving process, before and after."""
    conn = http.client.HTTPConnection("127.0.0.1", service.port, timeout=5)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn.request("GET", "/api/v1/articles?limit=5")
            conn.getresponse().read()
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", service.port, timeout=5)
        time.sleep(0.005)
    conn.close()
    return rss_settled(service)


def slow_headers(service, n):
    raise_file_limit()
    rss_fresh = service.rss_mb()
    rss_before = rss_serving(service)
    probe = Probe(service).start()
    time.sleep(1)
    quiet = time.monotonic()
    time.sleep(5)
    quiet_end = time.monotonic()
    peak = [service.rss_mb()]

    def watch(stop):
        while not stop.is_set():
            peak.append(service.rss_mb())
            time.sleep(0.2)

    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(stop,), daemon=True)
    watcher.start()
    started = time.monotonic()
    outcomes = asyncio.run(gathered([trickle(service.port, 3, HEADER_TIMEOUT_S + 10)
                                     for _ in range(n)]))
    ended = time.monotonic()
    elapsed = ended - started
    stop.set()
    watcher.join()
    probe.stop()
    samples, failed = probe.between(started, ended)
    rss_after = rss_serving(service)
    closed = [o for o in outcomes if isinstance(o, float)]
    baseline, _ = probe.between(quiet, quiet_end)
    base_p99, during_p99 = p99(baseline), p99(samples)
    figures = {
        "connections": n,
        "closed": len(closed),
        "still_open": sum(1 for o in outcomes if o is None),
        "connect_failed": sum(1 for o in outcomes if o == "connect failed"),
        "closed_after_max_s": round(max(closed), 2) if closed else None,
        "all_done_s": round(elapsed, 1),
        "rss_fresh_mb": round(rss_fresh, 1),
        "rss_before_mb": round(rss_before, 1),
        "rss_peak_mb": round(max(peak), 1),
        "rss_after_mb": round(rss_after, 1),
        "probe_p99_before_ms": base_p99,
        "probe_p99_during_ms": during_p99,
        "probe_failed": failed,
    }
    passed = (
        len(closed) == n
        and max(closed) <= HEADER_TIMEOUT_S + 2
        and rss_after <= rss_before * 1.1
        and failed == 0
        and during_p99 is not None
        and during_p99 <= max(base_p99 * 1.5, base_p99 + 10)
    )
    return {"name": f"slow headers, {n} connections, a line every 3 s", "passed": passed,
            **figures}


async def hold(port, wait):
    """Connects and says nothing: 'refused' when the service answers 503 and closes
    within `wait`, 'held' when it keeps the connection (closed after `wait`), or
    'failed'."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return "failed", None
    opened = time.monotonic()
    try:
        data = await asyncio.wait_for(reader.read(), wait)
        verdict = "refused" if data.startswith(b"HTTP/1.1 503") else "closed"
        return verdict, time.monotonic() - opened
    except asyncio.TimeoutError:
        return "held", None
    except OSError:
        return "closed", time.monotonic() - opened
    finally:
        writer.close()


def flood(service, cap):
    raise_file_limit()
    before = counter(service, "http_connections_refused_total")
    probe = Probe(service).start()
    time.sleep(1)
    outcomes = asyncio.run(gathered([hold(service.port, 3) for _ in range(2 * cap)]))
    probe.stop()
    refused = [t for verdict, t in outcomes if verdict == "refused"]
    after_flood = svc.get(service.base + "/healthz")[0]
    counted = counter(service, "http_connections_refused_total") - before
    figures = {
        "cap": cap,
        "connections": 2 * cap,
        "held": sum(1 for v, _ in outcomes if v == "held"),
        "refused_503": len(refused),
        "closed_otherwise": sum(1 for v, _ in outcomes if v == "closed"),
        "connect_failed": sum(1 for v, _ in outcomes if v == "failed"),
        "refused_within_max_s": round(max(refused), 3) if refused else None,
        "metric_refused": int(counted),
        "probe_requests": len(probe.samples),
        "probe_failed": probe.failures,
        "probe_p99_ms": p99(probe.samples),
        "healthz_after": after_flood,
    }
    held = figures["held"]
    passed = (
        held < cap
        and len(refused) + held == 2 * cap
        and max(refused) < 1
        and counted >= len(refused)
        and probe.failures == 0
        and after_flood == 200
    )
    return {"name": f"{2 * cap} connections past MAX_CONNECTIONS={cap}", "passed": passed,
            **figures}


def ws_frame(opcode, payload):
    mask = os.urandom(4)
    n = len(payload)
    if n < 126:
        length = bytes([0x80 | n])
    elif n < 65536:
        length = bytes([0x80 | 126]) + struct.pack("!H", n)
    else:
        length = bytes([0x80 | 127]) + struct.pack("!Q", n)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return bytes([0x80 | opcode]) + length + mask + masked


class Ws:
    """A `graphql-transport-ws` client socket."""

    @classmethod
    async def open(cls, port, forwarded_for=None):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        key = base64.b64encode(os.urandom(16)).decode()
        extra = f"x-forwarded-for: {forwarded_for}\r\n" if forwarded_for else ""
        writer.write(
            (f"GET /graphql/ws HTTP/1.1\r\nhost: 127.0.0.1\r\nupgrade: websocket\r\n"
             f"connection: Upgrade\r\nsec-websocket-key: {key}\r\n"
             f"sec-websocket-version: 13\r\nsec-websocket-protocol: graphql-transport-ws\r\n"
             f"{extra}\r\n").encode())
        head = await reader.readuntil(b"\r\n\r\n")
        ws = cls()
        ws.reader, ws.writer = reader, writer
        ws.status = int(head.split()[1])
        return ws

    def send(self, message):
        self.writer.write(ws_frame(1, json.dumps(message).encode()))

    async def frame(self):
        first, second = await self.reader.readexactly(2)
        n = second & 0x7F
        if n == 126:
            n = struct.unpack("!H", await self.reader.readexactly(2))[0]
        elif n == 127:
            n = struct.unpack("!Q", await self.reader.readexactly(8))[0]
        return first & 0x0F, await self.reader.readexactly(n)

    async def message(self):
        """The next protocol message; ('close', code) for a close frame."""
        while True:
            opcode, payload = await self.frame()
            if opcode == 1:
                return json.loads(payload)
            if opcode == 8:
                return {"type": "close", "code": struct.unpack("!H", payload[:2])[0]}
            if opcode == 9:
                self.writer.write(ws_frame(10, payload))

    def close(self):
        self.writer.close()


async def uninitialised(port, give_up):
    try:
        ws = await Ws.open(port)
    except (OSError, asyncio.IncompleteReadError):
        return "failed", None
    opened = time.monotonic()
    try:
        if ws.status != 101:
            return f"status {ws.status}", None
        message = await asyncio.wait_for(ws.message(), give_up)
        return message.get("code"), time.monotonic() - opened
    except asyncio.TimeoutError:
        return "open", None
    except (OSError, asyncio.IncompleteReadError):
        return "dropped", None
    finally:
        ws.close()


def uninitialised_sockets(service, n):
    raise_file_limit()
    rss_fresh = service.rss_mb()
    rss_before = rss_serving(service)
    outcomes = asyncio.run(gathered([uninitialised(service.port, INIT_TIMEOUT_S + 10)
                                     for _ in range(n)]))
    rss_after = rss_serving(service)
    closed = [t for code, t in outcomes if code == 4408]
    kinds = {}
    for code, _ in outcomes:
        kinds[str(code)] = kinds.get(str(code), 0) + 1
    figures = {
        "sockets": n,
        "closed_4408": len(closed),
        "outcomes": kinds,
        "closed_after_max_s": round(max(closed), 2) if closed else None,
        "rss_fresh_mb": round(rss_fresh, 1),
        "rss_before_mb": round(rss_before, 1),
        "rss_after_mb": round(rss_after, 1),
    }
    passed = len(closed) == n and max(closed) <= INIT_TIMEOUT_S + 3 and rss_after <= rss_before * 1.1
    return {"name": f"{n} WebSockets without connection_init", "passed": passed, **figures}


async def greedy(port, subscriptions, sockets):
    ws = await Ws.open(port)
    ws.send({"type": "connection_init"})
    assert (await ws.message())["type"] == "connection_ack"
    query = "subscription { articlePublished { id } }"
    for i in range(subscriptions):
        ws.send({"id": str(i), "type": "subscribe", "payload": {"query": query}})
    refused = 0
    while refused < subscriptions:
        try:
            message = await asyncio.wait_for(ws.message(), 5)
        except asyncio.TimeoutError:
            break
        if message["type"] == "error" and \
                message["payload"][0]["extensions"]["code"] == "RATE_LIMITED":
            refused += 1
            if refused == subscriptions - 32:
                break
    # The socket still answers: one ends, a query runs.
    ws.send({"id": "0", "type": "complete"})
    ws.send({"id": "q", "type": "subscribe", "payload": {"query": "{ __typename }"}})
    answered = False
    for _ in range(5):
        message = await asyncio.wait_for(ws.message(), 5)
        if message.get("id") == "q" and message["type"] == "next":
            answered = True
            break
    others = []
    for _ in range(sockets):
        try:
            other = await Ws.open(port)
            others.append(other)
        except (OSError, asyncio.IncompleteReadError):
            others.append(None)
    statuses = {}
    for other in others:
        key = str(other.status) if other else "failed"
        statuses[key] = statuses.get(key, 0) + 1
        if other:
            other.close()
    ws.close()
    return refused, answered, statuses


def greedy_client(service, subscriptions=500, sockets=100):
    rss_before = rss_serving(service)
    refused, answered, statuses = asyncio.run(greedy(service.port, subscriptions, sockets))
    rss_after = rss_serving(service)
    figures = {
        "subscribe_sent": subscriptions,
        "refused_rate_limited": refused,
        "socket_answers_after": answered,
        "more_sockets_tried": sockets,
        "more_sockets": statuses,
        "rss_before_mb": round(rss_before, 1),
        "rss_after_mb": round(rss_after, 1),
    }
    passed = (
        refused == subscriptions - 32
        and answered
        and statuses.get("101") == 15
        and statuses.get("429") == sockets - 15
        and rss_after <= rss_before * 1.1
    )
    return {"name": f"one client: {subscriptions} subscriptions on a socket, {sockets} more sockets",
            "passed": passed, **figures}


def run(setup, short):
    """The rows, on SQLite (the database plays no part)."""
    results = []
    n = 2000 if short else 10000
    service = setup.service("sqlite", "slow")
    results.append(slow_headers(service, n))
    results.append(greedy_client(service))
    cap = 500 if short else 2000
    capped = setup.service("sqlite", "slow_cap", {"MAX_CONNECTIONS": str(cap)})
    results.append(flood(capped, cap))
    sockets = 1000 if short else 3000
    open_ws = setup.service("sqlite", "slow_ws", {"WS_MAX_PER_CLIENT": "100000",
                                                  "WS_MAX_SOCKETS": "100000"})
    results.append(uninitialised_sockets(open_ws, sockets))
    return results


if __name__ == "__main__" and sys.argv[1:2] == ["probe"]:
    probe_main(int(sys.argv[2]), sys.argv[3], sys.argv[4])
