"""What `cluster.sh` starts: a PostgreSQL primary and a streaming replica, three
instances of the service, nginx in front. Everything on 127.0.0.1, on free ports,
under one temporary directory.
"""

import os
import pwd
import signal
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reliability"))

import svc  # noqa: E402  (the reliability harness's service and HTTP helpers)
from svc import free_port, say  # noqa: E402

DB = "polisia"
REPLICATION_ROLE = "replicator"


class Node:
    """One PostgreSQL server of the run: the primary, or a standby of it."""

    def __init__(self, workdir, name):
        self.bin = svc.pg_bin_dir()
        self.name = name
        self.root = os.path.join(workdir, name)
        self.data = os.path.join(self.root, "data")
        self.sock = os.path.join(self.root, "sock")
        self.log = os.path.join(self.root, "server.log")
        self.port = free_port()
        # The server refuses to run as root: it belongs to `postgres` then.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args, check=True):
        result = subprocess.run(self.as_user + list(args), capture_output=True, text=True, check=False)
        if check and result.returncode != 0:
            raise SystemExit(f"{os.path.basename(args[0])} failed: {result.stderr.strip()[-800:]}")
        return result

    def _own_dirs(self):
        os.makedirs(self.sock, exist_ok=True)
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            for path in (self.root, self.sock):
                os.chown(path, user.pw_uid, user.pw_gid)

    def init_primary(self):
        self._own_dirs()
        self._run(os.path.join(self.bin, "initdb"), "-D", self.data, "-U", "postgres",
                  "--auth=trust", "--no-sync", "-E", "UTF8")
        with open(os.path.join(self.data, "postgresql.conf"), "a") as conf:
            conf.write(
                "\n# cluster.sh\n"
                "listen_addresses = '127.0.0.1'\n"
                "max_connections = 300\n"
                "wal_level = replica\n"
                "max_wal_senders = 5\n"
                "hot_standby = on\n"
                "shared_preload_libraries = 'pg_stat_statements'\n"
                "pg_stat_statements.track = all\n"
            )
        # Nothing but 127.0.0.1 and the socket; replication for one role only.
        with open(os.path.join(self.data, "pg_hba.conf"), "w") as hba:
            hba.write(
                "local   all          all                      trust\n"
                "host    all          all        127.0.0.1/32  trust\n"
                f"host    replication  {REPLICATION_ROLE}  127.0.0.1/32  trust\n"
            )
        self.start()
        self.psql("postgres", f"CREATE ROLE {REPLICATION_ROLE} WITH REPLICATION LOGIN")
        self.psql("postgres", f'CREATE DATABASE "{DB}"')
        self.psql(DB, "CREATE EXTENSION pg_stat_statements")

    def init_standby_of(self, primary):
        """A base backup of `primary` with `-R`: it starts as a streaming standby."""
        self._own_dirs()
        self._run(os.path.join(self.bin, "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port),
                  "-U", REPLICATION_ROLE, "-D", self.data, "-R", "-X", "stream", "-c", "fast",
                  "--no-sync")
        self.start()

    def start(self):
        self._run(os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l", self.log, "-w",
                  "-o", f"-p {self.port} -k {self.sock}", "start")

    def stop(self, mode="fast"):
        self._run(os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", mode, "-w", "stop",
                  check=False)

    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/{DB}"

    def psql(self, db, sql, timeout=30):
        out = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db,
             "-v", "ON_ERROR_STOP=1", "-Atqc", sql],
            capture_output=True, text=True, check=False, timeout=timeout,
        )
        if out.returncode != 0:
            raise RuntimeError(f"psql on {self.name}: {out.stderr.strip()}")
        return out.stdout.strip()


def wait_streaming(primary, standby, timeout=30):
    """Until `standby` streams from `primary` and has replayed what the primary wrote."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = primary.psql("postgres", "SELECT state FROM pg_stat_replication LIMIT 1")
            if state == "streaming":
                target = primary.psql("postgres", "SELECT pg_current_wal_lsn()")
                behind = standby.psql(
                    "postgres", f"SELECT pg_wal_lsn_diff('{target}', pg_last_wal_replay_lsn())")
                if float(behind) <= 0:
                    return
        except (RuntimeError, ValueError):
            pass
        time.sleep(0.1)
    raise SystemExit(f"the replica was not streaming within {timeout} s; see {standby.log}")


class Instance(svc.Service):
    """One instance of the service on a port of its own, kept across restarts."""

    def __init__(self, binary, n, primary_url, workdir, env):
        extra = {"MICRO_CACHE_MS": "0", "TRUSTED_PROXIES": "127.0.0.1"}
        extra.update(env)
        super().__init__(binary, primary_url, workdir, f"instance{n}", extra)
        self.n = n
        self.pid_file = os.path.join(workdir, f"instance{n}.pid")

    def start(self, wait=30.0):
        super().start(wait=0)
        # For cluster.sh's trap, should this harness itself be killed.
        with open(self.pid_file, "w") as out:
            out.write(f"{self.proc.pid}\n")
        if wait:
            self.wait_ready(wait)
        return self

    def _forget_pid(self):
        try:
            os.remove(self.pid_file)
        except FileNotFoundError:
            pass

    def kill9(self):
        super().kill9()
        self._forget_pid()

    def terminate(self, timeout=40):
        super().terminate(timeout)
        self._forget_pid()

    def restart_with(self, env):
        self.terminate(10)
        self.env.update(env)
        return self.start()

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"


NGINX_CONF = """\
# cluster.sh: nginx in front of the instances, 127.0.0.1 only.
daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;

events {{ worker_connections 4096; }}

http {{
    access_log off;
    client_body_temp_path {dir}/temp/body;
    proxy_temp_path {dir}/temp/proxy;
    fastcgi_temp_path {dir}/temp/fastcgi;
    uwsgi_temp_path {dir}/temp/uwsgi;
    scgi_temp_path {dir}/temp/scgi;

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      '';
    }}

{upstreams}
{servers}
}}
"""

PROXY = """\
        proxy_pass http://{upstream};
        proxy_http_version 1.1;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_next_upstream {next_upstream};
        proxy_next_upstream_tries 3;
        proxy_connect_timeout 1s;
        proxy_read_timeout 1h;
        add_header X-Upstream $upstream_addr always;
"""


# A failed attempt (these, and the connection refused) sends the request to the next
# instance, and one failure leaves an instance out for 2 s (max_fails, fail_timeout).
NEXT_UPSTREAM = "error timeout http_502 http_503"


class Nginx:
    """nginx as a master process of the run's own, on free ports:

    - `port`: all three instances (round robin, a failed one skipped for 2 s);
    - `pinned[n]`: instance n alone, for checks that must reach one through nginx;
    - `sized[k]`: the first k instances, for requests/s by the number of instances;
    - `no_503_retry`: all three, but a 503 is passed on instead of tried on the next
      instance (and so not counted against the one that answered it).
    """

    def __init__(self, workdir, instances):
        self.dir = os.path.join(workdir, "nginx")
        os.makedirs(os.path.join(self.dir, "temp"), exist_ok=True)
        # The workers may run as another user: they write their temporary files here.
        for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            path = os.path.join(self.dir, "temp", name)
            os.makedirs(path, exist_ok=True)
            os.chmod(path, 0o777)
        self.conf = os.path.join(self.dir, "nginx.conf")
        self.instances = instances
        self.port = free_port()
        self.pinned = {i.n: free_port() for i in instances}
        self.sized = {k: free_port() for k in range(1, len(instances))}
        self.sized[len(instances)] = self.port
        self.no_503_retry = free_port()
        self.proc = None

    def config(self):
        upstreams, servers = [], []

        def upstream(name, members):
            lines = [f"    upstream {name} {{"]
            for i in members:
                lines.append(f"        server {i.address} max_fails=1 fail_timeout=2s;")
            lines += ["        keepalive 32;", "    }"]
            upstreams.append("\n".join(lines))

        def server(port, name, next_upstream=NEXT_UPSTREAM):
            proxy = PROXY.format(upstream=name, next_upstream=next_upstream)
            servers.append(f"    server {{\n        listen 127.0.0.1:{port};\n"
                           f"        location / {{\n{proxy}        }}\n    }}")

        upstream("polisia", self.instances)
        server(self.port, "polisia")
        upstream("polisia_no_503_retry", self.instances)
        server(self.no_503_retry, "polisia_no_503_retry", "error timeout http_502")
        for i in self.instances:
            upstream(f"instance{i.n}", [i])
            server(self.pinned[i.n], f"instance{i.n}")
        for k, port in self.sized.items():
            if port != self.port:
                upstream(f"first{k}", self.instances[:k])
                server(port, f"first{k}")
        return NGINX_CONF.format(dir=self.dir, upstreams="\n".join(upstreams),
                                 servers="\n".join(servers))

    def start(self, binary="nginx"):
        with open(self.conf, "w") as out:
            out.write(self.config())
        log = open(os.path.join(self.dir, "nginx-stderr.log"), "ab")
        self.proc = subprocess.Popen(
            [binary, "-c", self.conf, "-p", self.dir, "-e", os.path.join(self.dir, "nginx-error.log")],
            stdout=log, stderr=log, stdin=subprocess.DEVNULL,
        )
        log.close()
        ports = [self.port, self.no_503_retry, *self.pinned.values(), *self.sized.values()]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"nginx exited with {self.proc.returncode}; see {self.dir}/nginx-error.log")
            if all(_listening(p) for p in ports):
                return self
            time.sleep(0.05)
        raise SystemExit("nginx did not listen within 10 s")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _listening(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def supports_read_url(binary):
    """Whether this build knows DATABASE_READ_URL (its --help names the setting)."""
    out = subprocess.run([binary, "--help"], capture_output=True, text=True, check=False)
    text = (out.stdout + out.stderr).lower()
    if "read-url" in text or "read_url" in text:
        return True
    out = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True, check=False)
    text = (out.stdout + out.stderr).lower()
    return "read-url" in text or "read_url" in text


class Topology:
    """The whole of it, made by `up()` and taken down by `down()` whatever happened."""

    def __init__(self, args, workdir):
        self.args, self.workdir = args, workdir
        self.primary = self.replica = self.nginx = None
        self.instances = []
        self.read_url = None

    def _env(self, env, replica):
        """`env` with DATABASE_READ_URL naming the replica, or empty (unset)."""
        return {**env, "DATABASE_READ_URL": self.read_url if replica and self.read_url else ""}

    def _say_instances(self, replica):
        say("instances: " + ", ".join(f"{i.n} on {i.port}" for i in self.instances)
            + (", anonymous reads on the replica" if replica and self.read_url else ", on the primary alone"))

    def up(self, env, replica):
        self.primary = Node(self.workdir, "primary")
        self.primary.init_primary()
        say(f"postgresql: primary on port {self.primary.port}")
        self.replica = Node(self.workdir, "replica")
        self.replica.init_standby_of(self.primary)
        wait_streaming(self.primary, self.replica)
        say(f"postgresql: streaming replica (pg_basebackup -R) on port {self.replica.port}")
        if supports_read_url(self.args.binary):
            self.read_url = self.replica.url()
        else:
            say("  this build has no DATABASE_READ_URL: the instances use the primary only")
        self.instances = [
            Instance(self.args.binary, n, self.primary.url(), self.workdir, self._env(env, replica))
            for n in (1, 2, 3)
        ]
        first = self.instances[0]
        say(f"setup: migrations, the demo content, {self.args.articles} synthetic articles, "
            "an account per role")
        svc.prepare_content(first, self.args.articles)
        for instance in self.instances:
            instance.start()
        self._say_instances(replica)
        self.nginx = Nginx(self.workdir, self.instances).start(self.args.nginx)
        say(f"nginx: all three on port {self.nginx.port}; instance n alone on "
            + ", ".join(f"{p}" for p in self.nginx.pinned.values()))
        wait_streaming(self.primary, self.replica)

    def instance(self, n):
        return self.instances[n - 1]

    def restart_all(self, env, replica):
        for instance in self.instances:
            instance.restart_with(self._env(env, replica))
        self._say_instances(replica)

    def logs(self):
        """The files worth keeping when a check failed."""
        found = []
        for base, _, files in os.walk(self.workdir):
            for name in files:
                if name.endswith(".log"):
                    found.append(os.path.join(base, name))
        return found

    def down(self):
        if self.nginx:
            self.nginx.stop()
        for instance in self.instances:
            instance.terminate(10)
        for node in (self.replica, self.primary):
            if node:
                node.stop("immediate")
