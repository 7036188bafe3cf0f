"""What every serving benchmark needs: a throwaway world, gunicorn with production settings, wrk.

A world is a temporary folder with a database of its own (a SQLite file, or a PostgreSQL database
made on the server ``DATABASE_URL`` names and dropped after), a Redis database number flushed
before and after (or the file cache when Redis doesn't answer), the demo content and the collected
static files. ``gunicorn`` serves it on a socket handed over by the caller; ``Workers`` reads the
workers' memory and CPU time from /proc; ``run_wrk`` runs wrk and reads its figures. Used by
bench_security.py and bench_serve.py.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 120


class SetupError(Exception):
    """The world could not be built: the script says why and exits 2."""


# --- The throwaway world --------------------------------------------------------------------------


@dataclass
class World:
    workdir: Path
    database_url: str
    redis_url: str = ""
    base: str = ""  # http://127.0.0.1:<port>
    sqlite_path: Path | None = None

    @property
    def origin(self):
        # What a browser behind the TLS proxy sends: the site's https address.
        return self.base.replace("http://", "https://", 1)


def progress(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


@contextmanager
def database(workdir, server_url):
    """Yields a database URL: a SQLite file, or a PostgreSQL database made (and dropped) for this run."""
    if not server_url.startswith(("postgres://", "postgresql://")):
        path = workdir / "db.sqlite3"
        yield f"sqlite:///{path}", path
        return
    import psycopg  # noqa: PLC0415 - only needed for PostgreSQL

    parts = urlsplit(server_url)
    # The maintenance database: the one the URL names may not exist (the README's examples don't).
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    name = f"bench_security_{os.getpid()}"
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        raise SetupError(f"Could not create a database on {parts.hostname}: {error}") from error
    try:
        yield urlunsplit(parts._replace(path=f"/{name}")), None
    finally:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
            # FORCE: a connection left over by a worker killed mid-request must not keep it alive.
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def redis_database(number):
    """``redis://127.0.0.1:6379/<number>``, flushed before and after, or ``""`` when Redis doesn't answer."""
    import redis  # noqa: PLC0415

    if number is None:  # --no-redis
        yield ""
        return
    client = redis.Redis(host="127.0.0.1", port=6379, db=number, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        yield ""
        return
    # Only the database number this run was given: other projects may use the others.
    client.flushdb()
    try:
        yield f"redis://127.0.0.1:6379/{number}"
    finally:
        with suppress(redis.RedisError):
            client.flushdb()
        client.close()


def environment(world, settings, **extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "VAR_DIR": str(world.workdir),
        "DATABASE_URL": world.database_url,
        "BASE_URL": world.base,
        **extra,
    }
    if world.redis_url:
        env["REDIS_URL"] = world.redis_url
    else:
        # Production then shares its cache in files under VAR_DIR, as it would on a real machine.
        env.pop("REDIS_URL", None)
    return env


def production_environment(world):
    return environment(
        world,
        "config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # There is no TLS proxy here; the clients say https with X-Forwarded-Proto, as the proxy would.
        SECURE_SSL_REDIRECT="false",
        RELEASE="bench",
        LOG_LEVEL="WARNING",
    )


def run(command, env, what):
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SetupError(f"{what} failed ({result.returncode}):\n{(result.stdout + result.stderr)[-3000:]}")
    progress(f"  {what}: {time.monotonic() - started:.0f} s")
    return result.stdout


def build_world(world, production_env):
    manage = [sys.executable, "manage.py"]
    dev = environment(world, "config.settings.dev")
    progress("migrating…")
    run([*manage, "migrate", "--noinput", "-v", "0"], dev, "migrate")
    progress("seeding the demo content…")
    run([*manage, "seed_demo"], dev, "seed_demo")
    progress("collecting static files…")
    # With production settings: whitenoise's CompressedStaticFilesStorage, as a deploy does.
    run([*manage, "collectstatic", "--noinput", "-v", "0"], production_env, "collectstatic")


# --- gunicorn ---------------------------------------------------------------------------------------


@contextmanager
def gunicorn(world, listener, env, workers, log):
    """gunicorn with production settings on the socket ``listener`` (handed over); yields the process."""
    command = [
        *(sys.executable, "-m", "gunicorn", "config.wsgi:application"),
        *("--bind", f"fd://{listener.fileno()}", "--workers", str(workers), "--timeout", "30"),
        # No --preload: as the README starts it in production, each worker loads Django itself.
        *("--error-logfile", str(log), "--log-level", "info", "--graceful-timeout", "5"),
        # Otherwise gunicorn opens a control socket at one path per user (~/.gunicorn/).
        "--no-control-socket",
    ]
    with log.open("w") as output:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=output, pass_fds=[listener.fileno()]
        )
    # Only gunicorn holds the socket now: should it die, clients are refused at once.
    listener.close()
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not answers(f"{world.base}/"):
            if server.poll() is not None:
                raise SetupError(f"gunicorn exited with {server.returncode}:\n{log.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                raise SetupError(f"gunicorn did not answer in {START_TIMEOUT} s:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def answers(url):
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def worker_pids(master):
    """gunicorn's workers: the master's children (Linux lists them in /proc)."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    return [int(pid) for pid in children]


def peak_rss_mb(pid):
    """The most memory the process has ever held resident (VmHWM), in MB; None when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else None


def cpu_seconds(pid):
    """CPU time (user and system) the process has used so far; 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # After the name: state is field 3 of proc(5), utime and stime fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Workers:
    """gunicorn's workers: their peak memory over the run, their CPU time, and any that disappeared.

    A worker that is gone was killed (by gunicorn's timeout, or the kernel's memory killer) or
    restarted: each is reported.
    """

    master: int
    seen: set = field(default_factory=set)
    rows: list = field(default_factory=list)

    def cpu(self):
        return sum(cpu_seconds(pid) for pid in worker_pids(self.master))

    def restart(self, base):
        """Fresh workers (gunicorn's HUP), so the next figure is the peak of what follows alone."""
        before = set(worker_pids(self.master))
        os.kill(self.master, signal.SIGHUP)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            now = set(worker_pids(self.master))
            if now and not now & before and answers(base + "/"):
                self.seen = now
                return
            time.sleep(0.1)
        raise SetupError("gunicorn's workers did not restart after HUP")

    def measure(self, label):
        pids = worker_pids(self.master)
        gone = self.seen - set(pids)
        self.seen |= set(pids)
        peaks = {pid: peak for pid in pids if (peak := peak_rss_mb(pid)) is not None}
        self.rows.append((label, max(peaks.values(), default=0.0), peaks, sorted(gone)))
        return max(peaks.values(), default=0.0)


def run_wrk(world, script, seconds, path="/", connections=8, url=None):
    """``wrk -t2 -c<connections>`` with ``script`` (which may choose the paths itself) on ``path``
    (or on another site's ``url``): requests per second, non-2xx/3xx answers, socket errors, latency."""
    command = [
        *("wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"),
        *("-s", str(script), url or world.base + path),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output, _ = process.communicate(timeout=seconds + 60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if rate is None:
        raise SetupError(f"wrk printed no rate:\n{output}")
    total = re.search(r"(\d+) requests in", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    latency = re.search(r"LATENCY_MS ([\d.]+) ([\d.]+) ([\d.]+)", output)
    return {
        "rate": float(rate.group(1)),
        "requests": int(total.group(1)) if total else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "p50": float(latency.group(1)) if latency else None,
        "p99": float(latency.group(2)) if latency else None,
    }


@contextmanager
def throwaway_world(prefix, server_url, redis_db):
    """A world in a new temporary folder, with a free port for the whole run (seed_demo points the
    site at it; each gunicorn binds it again): yields the ``World``; removes everything after."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    # whitenoise warns at start-up when STATIC_ROOT (VAR_DIR/static) is missing.
    (workdir / "static").mkdir()
    try:
        with database(workdir, server_url) as (url, sqlite_path), redis_database(redis_db) as redis_url:
            with socket.create_server(("127.0.0.1", 0)) as probe:
                port = probe.getsockname()[1]
            world = World(workdir=workdir, database_url=url, redis_url=redis_url, sqlite_path=sqlite_path)
            world.base = f"http://127.0.0.1:{port}"
            cache = redis_url or "file cache (no Redis)"
            progress(f"world in {workdir}: {url.split('://')[0]} database, {cache}")
            yield world
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
