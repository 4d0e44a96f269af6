"""The service under test, its databases, and plain HTTP to it.

Everything here runs on 127.0.0.1 only. PostgreSQL faults need a server that may be
broken on purpose, so PostgreSQL runs as a throwaway cluster of its own (initdb into
a temporary directory, its own port and socket directory) and never touches a
server anyone else uses.
"""

import http.client
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time

JWT_SECRET = "reliability-secret-reliability-secret-0123456789"
PASSWORD = "reliability-2026"
ROLES = ["ADMIN", "EDITOR", "AUTHOR", "MODERATOR", "READER"]


def say(*parts):
    print(*parts, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin_dir():
    explicit = os.environ.get("PG_BIN")
    if explicit:
        return explicit
    root = "/usr/lib/postgresql"
    if os.path.isdir(root):
        versions = sorted(os.listdir(root), key=lambda v: int(v) if v.isdigit() else 0)
        for version in reversed(versions):
            candidate = os.path.join(root, version, "bin")
            if os.path.exists(os.path.join(candidate, "initdb")):
                return candidate
    found = shutil.which("initdb")
    if found:
        return os.path.dirname(found)
    raise SystemExit("PostgreSQL binaries (initdb, pg_ctl) not found; set PG_BIN")


class Cluster:
    """A PostgreSQL cluster of the run's own, removed at the end."""

    def __init__(self, workdir):
        self.bin = pg_bin_dir()
        self.root = os.path.join(workdir, "pg")
        self.data = os.path.join(self.root, "data")
        self.sock = os.path.join(self.root, "sock")
        self.log = os.path.join(self.root, "server.log")
        self.port = free_port()
        # initdb refuses to run as root: the cluster belongs to `postgres` then.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args, check=True):
        return subprocess.run(
            self.as_user + list(args), check=check, capture_output=True, text=True
        )

    def init(self):
        os.makedirs(self.sock, exist_ok=True)
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            for path in (self.root, self.sock):
                os.chown(path, user.pw_uid, user.pw_gid)
            # The parents must be traversable by that user.
            parent = os.path.dirname(self.root)
            os.chmod(parent, 0o755)
        self._run(
            os.path.join(self.bin, "initdb"), "-D", self.data, "-U", "postgres",
            "--auth=trust", "--no-sync", "-E", "UTF8",
        )
        say(f"postgresql: throwaway cluster on port {self.port}")

    def start(self):
        self._run(
            os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l", self.log, "-w",
            "-o", f"-p {self.port} -k {self.sock} -c listen_addresses=127.0.0.1 -c max_connections=200",
            "start",
        )

    def stop(self, mode="fast"):
        self._run(os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", mode, "-w", "stop", check=False)

    def is_ready(self):
        probe = subprocess.run(
            [os.path.join(self.bin, "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"],
            check=False,
        )
        return probe.returncode == 0

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def psql(self, db, sql):
        out = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db,
             "-v", "ON_ERROR_STOP=1", "-Atqc", sql],
            check=True, capture_output=True, text=True,
        )
        return out.stdout.strip()

    def create_db(self, name):
        self.psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.psql("postgres", f'CREATE DATABASE "{name}"')
        return self.url(name)

    def remove(self):
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


class Service:
    """One running polisia-api process."""

    def __init__(self, binary, database_url, workdir, name, extra_env=None):
        self.binary = binary
        self.port = free_port()
        self.workdir = workdir
        self.log_path = os.path.join(workdir, f"{name}.log")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DATABASE_URL": database_url,
            "JWT_SECRET": JWT_SECRET,
            "BIND": f"127.0.0.1:{self.port}",
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{self.port}",
            "RUST_LOG": "warn",
            "LOG_FORMAT": "json",
            # Write runs post many comments from one address.
            "COMMENT_FLOOD_SECONDS": "0",
            "COMMENT_HOURLY_CAP": "0",
            "COMMENTS_CLOSE_AFTER_DAYS": "0",
            # Load comes from one address: only the quota scenario limits it.
            "ANON_REQUESTS_PER_MINUTE": "0",
        }
        if extra_env:
            self.env.update(extra_env)
        self.proc = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def cli(self, *args):
        result = subprocess.run(
            [self.binary, *args], env=self.env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise SystemExit(f"polisia-api {' '.join(args)} failed: {result.stderr.strip()[-600:]}")
        return result.stdout

    def start(self, wait=30.0):
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [self.binary, "serve"], env=self.env, stdout=log, stderr=log,
            stdin=subprocess.DEVNULL,
        )
        log.close()
        if wait:
            self.wait_ready(wait)
        return self

    def wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"the service exited with {self.proc.returncode}; see {self.log_path}")
            try:
                if get(self.base + "/readyz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit(f"the service was not ready within {timeout} s; see {self.log_path}")

    def pid(self):
        return self.proc.pid

    def rss_mb(self):
        try:
            with open(f"/proc/{self.proc.pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def terminate(self, timeout=40):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def panics(self):
        try:
            with open(self.log_path, errors="replace") as log:
                return sum(1 for line in log if "panicked at" in line)
        except OSError:
            return 0


def request(method, url, body=None, headers=None, timeout=15):
    """One request on a new connection: (status, headers, body bytes)."""
    rest = url.split("://", 1)[1]
    hostport, _, path = rest.partition("/")
    host, port = hostport.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        data = body if body is None or isinstance(body, bytes) else json.dumps(body).encode()
        all_headers = {"Content-Type": "application/json"} if data is not None else {}
        all_headers.update(headers or {})
        conn.request(method, "/" + path, body=data, headers=all_headers)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def get(url, timeout=15, headers=None):
    return request("GET", url, headers=headers, timeout=timeout)


def graphql(base, query, variables=None, token=None, timeout=15):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    status, _, body = request(
        "POST", base + "/graphql", {"query": query, "variables": variables or {}}, headers, timeout
    )
    return status, json.loads(body) if body else {}


def prepare_content(service, articles):
    """Migrates, loads the demo content and `articles` synthetic ones, and makes one
    account per role."""
    service.cli("migrate")
    service.cli("seed-demo")
    if articles:
        service.cli("seed-demo", "--articles", str(articles), "--comments-per-article", "3")
    for role in ROLES:
        service.cli(
            "create-user", "--email", f"{role.lower()}@reliability.test", "--password", PASSWORD,
            "--role", role, "--name", f"Reliability {role.title()}",
        )


def tokens(service):
    """An access token per role, from the `login` mutation."""
    out = {}
    for role in ROLES:
        status, body = graphql(
            service.base,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
            {"e": f"{role.lower()}@reliability.test", "p": PASSWORD},
        )
        try:
            out[role] = body["data"]["login"]["accessToken"]
        except (KeyError, TypeError):
            raise SystemExit(f"login as {role} failed: {status} {body}")
    return out


def sample_slugs(service, count=20):
    status, _, body = get(service.base + f"/api/v1/articles?limit={min(count, 100)}")
    if status != 200:
        raise SystemExit(f"listing articles failed: {status}")
    return [item["slug"] for item in json.loads(body)["items"]]


def progress(message):
    sys.stdout.write(message + "\n")
    sys.stdout.flush()
