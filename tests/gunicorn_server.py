"""gunicorn on the test's own data, for tests of several processes (concurrency, freshness).

The test hands over the data with ``tests.database.database_url``. gunicorn listens on a socket
this module opens on a free port and hands over (``fd://``), so two test processes under xdist
never race for a port.
"""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
# Generous: on a busy CI machine several Django processes start slowly; a normal run takes seconds.
TIMEOUT = 60


def wait_for(condition, timeout, server, log):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited with {server.returncode}:\n{tail(log)}")
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"gunicorn did not come up in {timeout} s:\n{tail(log)}")


def tail(log):
    return log.read_text()[-3000:]


def answers(url):
    try:
        return requests.get(url, timeout=1).status_code == 200
    except requests.RequestException:
        return False


@contextmanager
def gunicorn(url, access_log, error_log, workers, **env_vars):
    """gunicorn with ``workers`` workers and test settings on the database ``url``; yields its base
    URL. ``env_vars`` are added to its environment."""
    with socket.create_server(("127.0.0.1", 0), backlog=128) as listener:
        base = f"http://127.0.0.1:{listener.getsockname()[1]}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": url,
            "ALLOWED_HOSTS": "127.0.0.1",
            "BASE_URL": base,
            **env_vars,
        }
        command = [
            *(sys.executable, "-m", "gunicorn", "config.wsgi:application"),
            *("--bind", f"fd://{listener.fileno()}", "--workers", str(workers), "--worker-class", "sync"),
            # The application is loaded once, before the fork: the workers start in milliseconds
            # instead of four Django start-ups competing for two cores, and "Booting worker" in
            # the log then means that worker is ready. Loading opens no database connection, so
            # no connection is shared by the workers.
            "--preload",
            *("--access-logfile", str(access_log), "--access-logformat", "%(p)s %(m)s %(U)s %(s)s"),
            *("--error-logfile", str(error_log), "--log-level", "info", "--graceful-timeout", "5"),
            # Otherwise gunicorn opens a control socket at one path per user (~/.gunicorn/), which
            # two runs at once, or a gunicorn of the developer's, would take from each other.
            "--no-control-socket",
        ]
        with error_log.open("w") as output:
            server = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=output, stderr=output, pass_fds=[listener.fileno()]
            )
    # Only gunicorn holds the socket now: should it die, connections are refused at once instead
    # of waiting in the queue of a socket that nobody answers.
    try:
        wait_for(
            lambda: error_log.read_text().count("Booting worker") >= workers and answers(f"{base}/healthz"),
            TIMEOUT,
            server,
            error_log,
        )
        yield base
    finally:
        # Graceful: a worker finishes its request and writes its access log line first.
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
