"""Faults survived: the database restarted, a table locked, the service killed, the
disk full, SIGTERM under load."""

import json
import os
import signal
import sqlite3
import subprocess
import threading
import time
import uuid

import svc
from svc import say
from traffic import Driver, Poller, Reader, send


# How late the end of a lock is seen after PostgreSQL released it (psql's exit).
RELEASE_SEEN_AFTER = 0.25

def _readers(port, slugs):
    return lambda: Reader(port, slugs)


def pg_restart(cluster, service, slugs, outage=3.0):
    """PostgreSQL stopped with `-m immediate` under a read load, started again
    `outage` seconds later; the service is not restarted."""
    say("faults: PostgreSQL restarted with -m immediate under load")
    driver = Driver(service.port, 6, _readers(service.port, slugs)).start()
    ready = Poller(service.port, "/readyz", driver.t0)
    ready.start()
    time.sleep(4)
    down = driver.now()
    cluster.stop("immediate")
    time.sleep(outage)
    cluster.start()
    up = driver.now()
    time.sleep(14)
    outcomes = driver.stop()
    samples = ready.stop()
    failures = [o for o in outcomes if not o.ok]
    outside = [o for o in failures if o.ended < down or o.started > up + 10]
    wrong_kind = [
        o for o in failures
        if not (o.status == 503 or (o.status == 200 and o.kind.startswith("graphql")))
    ]
    slowest = max((o.ended - o.started for o in outcomes), default=0.0)
    last_failure = max((o.ended for o in failures), default=up)
    recovery = max(0.0, last_failure - up)
    red = any(down <= t <= up + 10 and s != 200 for t, s in samples)
    green_after = [t for t, s in samples if t > up and s == 200]
    ready_again = (green_after[0] - up) if green_after else None
    kinds = {}
    for o in failures:
        key = f"{o.status}{' ' + o.detail if o.detail else ''}"
        kinds[key] = kinds.get(key, 0) + 1
    passed = (not outside and not wrong_kind and slowest < 10 and recovery <= 10 and red
              and ready_again is not None and ready_again <= 10)
    say(f"  {len(outcomes)} requests, {len(failures)} failed ({kinds}), outside the outage {len(outside)}, "
        f"slowest {slowest:.1f} s, recovered {recovery:.1f} s after restart, /readyz red {red}, "
        f"green again after {ready_again if ready_again is None else round(ready_again, 1)} s")
    return {"name": "PostgreSQL restart -m immediate", "passed": passed, "requests": len(outcomes),
            "failed": len(failures), "failed_outside_outage": len(outside), "failure_kinds": kinds,
            "failed_not_503": len(wrong_kind), "slowest_s": round(slowest, 2),
            "recovery_s": round(recovery, 2), "readyz_red": red,
            "readyz_green_after_s": None if ready_again is None else round(ready_again, 2)}


class Commenter:
    """Posts comments over REST, each with an idempotency key of its own."""

    def __init__(self, port, slug, prefix):
        self.port, self.slug, self.prefix = port, slug, prefix
        self.token = None
        self.n = 0

    def next_request(self):
        self.n += 1
        key = f"{self.prefix}-{uuid.uuid4().hex[:12]}"
        body = {"authorName": "Нагрузка", "authorEmail": "load@reliability.test",
                "body": f"Комментарий под нагрузкой {key}"}
        return "rest_comment", "POST", f"/api/v1/articles/{self.slug}/comments", body


def table_lock(cluster, dbname, service, slugs, hold=20):
    """`comments` locked against writes for `hold` seconds while many clients write
    (more than the pool has connections) and others read."""
    say(f"faults: comments table locked for {hold} s under writes and reads")
    writers = Driver(service.port, 24, lambda: Commenter(service.port, slugs[0], "lock")).start()
    readers = Driver(service.port, 4, _readers(service.port, slugs))
    readers.t0 = writers.t0
    readers.start()
    time.sleep(3)
    begin = writers.now()
    locker = subprocess.Popen(
        ["psql", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "-d", dbname, "-qc",
         f"BEGIN; LOCK TABLE comments IN EXCLUSIVE MODE; SELECT pg_sleep({hold}); COMMIT;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    # The lock counts from when PostgreSQL grants it.
    granted_sql = ("SELECT count(*) FROM pg_locks WHERE granted AND mode = 'ExclusiveLock' "
                   "AND relation = 'comments'::regclass")
    while locker.poll() is None and cluster.psql(dbname, granted_sql) != "1":
        time.sleep(0.05)
    begin = writers.now()
    locker.wait()
    # A write that waited on the lock goes through at the COMMIT, a moment before the
    # locker's exit is seen here: the window closes that moment earlier.
    end = writers.now() - RELEASE_SEEN_AFTER
    time.sleep(4)
    written = writers.stop()
    read = readers.stop()
    inside = lambda o: o.started >= begin and o.ended <= end
    writes_in = [o for o in written if inside(o)]
    reads_in = [o for o in read if inside(o)]
    writes_ok_in = sum(1 for o in writes_in if o.ok)
    write_statuses = {}
    for o in writes_in:
        write_statuses[str(o.status)] = write_statuses.get(str(o.status), 0) + 1
    slowest_write = max((o.ended - o.started for o in writes_in), default=0.0)
    reads_failed = sum(1 for o in reads_in if not o.ok)
    writes_after = [o for o in written if o.started > end + 1]
    recovered = bool(writes_after) and all(o.ok for o in writes_after)
    passed = (reads_in and reads_failed == 0 and set(write_statuses) <= {"503"} and slowest_write <= 5
              and recovered)
    say(f"  during the lock: {len(writes_in)} writes {write_statuses}, slowest {slowest_write:.1f} s; "
        f"{len(reads_in)} reads, {reads_failed} failed; writes after it all succeed: {recovered}")
    return {"name": f"table lock held {hold} s", "passed": bool(passed), "writes": len(writes_in),
            "writes_ok": writes_ok_in, "write_statuses": write_statuses,
            "slowest_write_s": round(slowest_write, 2), "reads": len(reads_in),
            "reads_failed": reads_failed, "writes_recovered": recovered}


class AckWriter(threading.Thread):
    """Posts comments until told to stop, retrying each with the same idempotency key
    until the service acknowledges it; alternates REST and GraphQL."""

    def __init__(self, service, slug, article_id, prefix):
        super().__init__(daemon=True)
        self.service, self.slug, self.article_id, self.prefix = service, slug, article_id, prefix
        self.acked = {}
        self.sent = set()
        self.retries = 0
        self.stopping = threading.Event()

    def post(self, n, key, text):
        port = self.service.port
        if n % 2:
            status, body, _ = send(
                port, "POST", f"/api/v1/articles/{self.slug}/comments",
                {"authorName": "Проверка", "authorEmail": "kill@reliability.test", "body": text},
                {"Idempotency-Key": key}, timeout=10,
            )
            if status in (200, 201):
                return json.loads(body)["id"]
            return None
        query = ("mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id } } }")
        status, body, _ = send(port, "POST", "/graphql", {"query": query, "variables": {"i": {
            "articleId": self.article_id, "authorName": "Проверка",
            "authorEmail": "kill@reliability.test", "body": text, "idempotencyKey": key}}}, timeout=10)
        if status != 200:
            return None
        try:
            return json.loads(body)["data"]["addComment"]["comment"]["id"]
        except (ValueError, KeyError, TypeError):
            return None

    def run(self):
        n = 0
        while not self.stopping.is_set():
            n += 1
            key = f"{self.prefix}-{n}"
            text = f"Подтверждённый комментарий {key}"
            self.sent.add(key)
            while True:
                answer = self.post(n, key, text)
                if answer:
                    self.acked[key] = answer
                    break
                self.retries += 1
                if self.stopping.is_set() and self.retries > 10_000:
                    break
                time.sleep(0.05)


def kill9(service, engine, slug, article_id, count_rows, kills=5):
    """`kill -9` of the service `kills` times during comment writes, then every
    acknowledged comment must be in the database exactly once."""
    say(f"faults: kill -9 of the service {kills} times during comment writes on {engine}")
    run = uuid.uuid4().hex[:8]
    writers = [AckWriter(service, slug, article_id, f"kill-{run}-{i}") for i in range(4)]
    for w in writers:
        w.start()
    restarts = []
    for _ in range(kills):
        time.sleep(1.5)
        service.kill9()
        t = time.monotonic()
        service.start()
        restarts.append(time.monotonic() - t)
    time.sleep(1.5)
    for w in writers:
        w.stopping.set()
    for w in writers:
        w.join(30)
    acked = {}
    for w in writers:
        acked.update(w.acked)
    rows = count_rows(f"kill-{run}-%")
    # REST answers the row's UUID, GraphQL a global id: compare what can be compared.
    lost = [k for k, id_ in acked.items()
            if k not in rows or rows[k][0] != 1 or (_is_uuid(id_) and rows[k][1] != id_)]
    duplicated_bodies = sum(1 for k, (n, _) in rows.items() if n > 1)
    retries = sum(w.retries for w in writers)
    passed = not lost and duplicated_bodies == 0 and len(acked) > 0
    say(f"  {len(acked)} comments acknowledged ({retries} retries), lost {len(lost)}, "
        f"saved twice {duplicated_bodies}; restart to ready {max(restarts):.2f} s at most")
    return {"name": f"kill -9 x{kills} during comment writes, {engine}", "passed": passed,
            "acknowledged": len(acked), "retries": retries, "lost": len(lost),
            "duplicated": duplicated_bodies, "restart_to_ready_max_s": round(max(restarts), 2)}


def rows_by_key_sqlite(path):
    def count(pattern):
        db = sqlite3.connect(path)
        try:
            rows = db.execute(
                "SELECT idempotency_key, COUNT(*), MIN(id) FROM comments WHERE body LIKE ? GROUP BY body",
                ("%" + pattern.rstrip("%") + "%",),
            ).fetchall()
        finally:
            db.close()
        return {key: (n, _as_uuid(id_)) for key, n, id_ in rows if key}
    return count


def rows_by_key_pg(cluster, dbname):
    def count(pattern):
        out = cluster.psql(
            dbname,
            "SELECT max(idempotency_key), count(*), min(id::text) FROM comments "
            f"WHERE body LIKE '%{pattern.rstrip('%')}%' GROUP BY body",
        )
        rows = {}
        for line in out.splitlines():
            key, n, id_ = line.split("|")
            rows[key] = (int(n), id_)
        return rows
    return count


def _is_uuid(value):
    try:
        uuid.UUID(str(value))
        return True
    except ValueError:
        return False


def _as_uuid(value):
    if isinstance(value, bytes):
        return str(uuid.UUID(bytes=value))
    return str(value)


def tmpfs_full(binary, workdir):
    """SQLite on a tiny tmpfs filled to the last byte: writes fail with 503, reads
    go on, and the file passes `PRAGMA integrity_check`."""
    say("faults: SQLite on a full tmpfs")
    mount = os.path.join(workdir, "tiny")
    os.makedirs(mount, exist_ok=True)
    if os.geteuid() != 0:
        say("  skipped: mounting a tmpfs needs root")
        return {"name": "SQLite on a full tmpfs", "passed": None, "skipped": "mounting a tmpfs needs root"}
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mount],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        reason = mounted.stderr.strip() or "mount refused"
        say(f"  skipped: a tmpfs cannot be mounted here ({reason})")
        return {"name": "SQLite on a full tmpfs", "passed": None, "skipped": reason}
    try:
        path = os.path.join(mount, "full.db")
        service = svc.Service(binary, f"sqlite://{path}?mode=rwc", workdir, "tmpfs")
        service.cli("migrate")
        service.cli("seed-demo")
        service.start()
        slug = svc.sample_slugs(service, 1)[0]
        filler = os.path.join(mount, "filler")
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            for size in (65536, 4096, 512, 1):
                try:
                    while True:
                        os.write(fd, b"\0" * size)
                except OSError:
                    pass
        finally:
            os.close(fd)
        writes, reads = {}, {}

        def write(i):
            status, _, _ = send(service.port, "POST", f"/api/v1/articles/{slug}/comments",
                                {"authorName": "Диск", "authorEmail": "disk@reliability.test",
                                 "body": f"Диск заполнен {i} " + "я" * 4900}, timeout=10)
            writes[str(status)] = writes.get(str(status), 0) + 1
            return status

        # The WAL is reused after each checkpoint: it takes some writes before the
        # file has to grow into space that is not there.
        i = 0
        while i < 2000 and write(i) == 201:
            i += 1
        for j in range(20):
            write(i + 1 + j)
            status, _, _ = send(service.port, "GET", f"/api/v1/articles/{slug}", timeout=10)
            reads[str(status)] = reads.get(str(status), 0) + 1
        service.terminate()
        db = sqlite3.connect(path)
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        db.close()
        os.remove(filler)
        service.start()
        status, _, _ = send(service.port, "POST", f"/api/v1/articles/{slug}/comments",
                            {"authorName": "Диск", "authorEmail": "disk@reliability.test",
                             "body": "место освободилось"}, timeout=10)
        service.terminate()
        passed = (set(writes) <= {"503", "201"} and "503" in writes and set(reads) == {"200"}
                  and integrity == "ok" and status == 201)
        say(f"  writes {writes}, reads {reads}, integrity_check {integrity}, "
            f"a write after space is freed: {status}")
        return {"name": "SQLite on a full tmpfs", "passed": passed, "writes": writes, "reads": reads,
                "integrity_check": integrity, "write_after_freeing": status}
    finally:
        subprocess.run(["umount", "-l", mount], check=False)


def sigterm(service, slugs):
    """SIGTERM while clients send requests: every request the service accepted is
    answered; afterwards connections are refused."""
    say("faults: SIGTERM under load")
    driver = Driver(service.port, 16, _readers(service.port, slugs)).start()
    time.sleep(3)
    at = driver.now()
    service.proc.send_signal(signal.SIGTERM)
    t = time.monotonic()
    code = service.proc.wait(40)
    exit_s = time.monotonic() - t
    time.sleep(1)
    outcomes = driver.stop()
    before = [o for o in outcomes if o.started < at]
    answered = sum(1 for o in outcomes if isinstance(o.status, int))
    lost = [o for o in outcomes if o.status in ("reset", "timeout", "send_failed")]
    refused = sum(1 for o in outcomes if o.status == "refused")
    failed_answers = sum(1 for o in outcomes if isinstance(o.status, int) and not o.ok)
    passed = not lost and failed_answers == 0 and code == 0
    say(f"  {len(before)} requests before the signal, {answered} answered, lost {len(lost)}, "
        f"failed answers {failed_answers}, refused after it {refused}; exit {code} in {exit_s:.2f} s")
    return {"name": "SIGTERM under load", "passed": passed, "answered": answered,
            "lost": len(lost), "failed_answers": failed_answers, "refused_after": refused,
            "exit_code": code, "exit_s": round(exit_s, 2)}
