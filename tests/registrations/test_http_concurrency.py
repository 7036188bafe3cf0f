"""Capacity holds under load through the web: 40 people confirm at once for 10 places.

A place is decided when the registrant confirms through the link in the mail (see
``registrations.places``). ``test_concurrency.py`` calls ``places.confirm`` from 40 threads; this
test goes the way a visitor does, through the HTTP stack of production: real gunicorn with four
worker processes, each with its own database connections, the CSRF check and the view. Forty
people have sent the form (each from their own connection; their registrations wait for
confirmation), and 40 threads in this process each open their confirmation link (for the CSRF
cookie and token), wait at a barrier and then press the button at the same moment. Every answer
must say "aangemeld" or "wachtlijst", ten of one and thirty of the other, and the database must
hold exactly those forty rows. What serialises them is the same as in the thread test:
``SELECT … FOR UPDATE`` on PostgreSQL, and on SQLite ``IMMEDIATE`` transactions, in which the
workers queue for the file's write lock.

gunicorn gets the test's data the same way as the subprocess of the thread test (see
``tests.database``). It listens on a socket this test opens on a free port and hands over
(``fd://``), so two test processes under xdist never race for a port. Its access log names the
worker of every request, to show that the posts really were shared by several processes.
"""

import collections
import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from bs4 import BeautifulSoup

from registrations import places, tokens
from tests.database import database_url
from tests.factories.knowledge import MeetingPageFactory, build_site
from tests.registrations.test_concurrency import statuses

ROOT = Path(__file__).resolve().parents[2]
PEOPLE, PLACES, WORKERS = 40, 10, 4
# What the heading of registrations/registered.html says for each outcome.
HEADINGS = {"U bent aangemeld": "confirmed", "U staat op de wachtlijst": "waitlisted"}
# Generous: on a busy CI machine four Django processes start slowly; a normal run takes seconds.
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
def gunicorn(url, access_log, error_log):
    """gunicorn with ``WORKERS`` workers on the test's data; yields its base URL."""
    with socket.create_server(("127.0.0.1", 0), backlog=128) as listener:
        base = f"http://127.0.0.1:{listener.getsockname()[1]}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": url,
            # 40 posts from one address (this test): the per-client limit on public forms would
            # refuse most.
            "FORM_RATE_LIMIT": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "BASE_URL": base,
        }
        command = [
            *(sys.executable, "-m", "gunicorn", "config.wsgi:application"),
            *("--bind", f"fd://{listener.fileno()}", "--workers", str(WORKERS), "--worker-class", "sync"),
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
            lambda: error_log.read_text().count("Booting worker") >= WORKERS and answers(f"{base}/healthz"),
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


def csrf_token(html):
    """The CSRF token of the served confirmation page's form."""
    return BeautifulSoup(html, "html.parser").find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]


def sent_forms(meeting):
    """Forty people sent the form, each from their own connection: forty confirmation links."""
    paths = []
    for n in range(PEOPLE):
        outcome, registration = places.register(
            meeting,
            language="nl",
            client=f"198.51.100.{n}",
            name=f"Deelnemer {n}",
            email=f"deelnemer{n}@gemeente{n}.example",
            municipality=None,
            organisation="GGD Gelderland-Zuid",
            role="policy",
            accessibility_needs="",
            case="",
        )
        assert outcome == places.Outcome.PENDING, outcome
        paths.append(f"/aanmelden/bevestigen/{tokens.make_token(registration, tokens.CONFIRM)}/")
    return paths


def outcome_of(response):
    if response.status_code != 200:
        return f"status {response.status_code}"
    heading = BeautifulSoup(response.text, "html.parser").find("h1", class_="page-header__title")
    text = heading.get_text(strip=True) if heading else None
    return HEADINGS.get(text, f"heading {text!r}")


def confirm_at_once(urls):
    """Every person opens their link, then all press the button at the same moment; their outcomes."""
    barrier = threading.Barrier(PEOPLE)
    outcomes = [None] * PEOPLE

    def confirm(n):
        try:
            with requests.Session() as session:  # its own cookies: the CSRF cookie of its GET
                page = session.get(urls[n], timeout=TIMEOUT)
                page.raise_for_status()
                data = {"csrfmiddlewaretoken": csrf_token(page.text)}
                barrier.wait(timeout=TIMEOUT)
                outcomes[n] = outcome_of(session.post(urls[n], data=data, timeout=TIMEOUT))
        except Exception as error:  # reported, so that the test says what went wrong
            barrier.abort()  # the others stop waiting for one that will never arrive
            outcomes[n] = f"error: {type(error).__name__}: {error}"

    threads = [threading.Thread(target=confirm, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_forty_confirmations_at_once_to_several_gunicorn_workers_confirm_exactly_ten(tmp_path):
    tree = build_site(theme_slugs=())
    meeting = MeetingPageFactory(parent=tree.meeting_index, capacity=PLACES, has_waitlist=True)
    paths = sent_forms(meeting)
    url = database_url(tmp_path)
    access_log, error_log = tmp_path / "access.log", tmp_path / "gunicorn.log"

    with gunicorn(url, access_log, error_log) as base:
        outcomes = collections.Counter(confirm_at_once([base + path for path in paths]))

    assert outcomes == {"confirmed": PLACES, "waitlisted": PEOPLE - PLACES}, tail(error_log)
    rows = statuses(url, meeting.pk)
    assert len(rows) == PEOPLE
    assert len({email for email, _status in rows}) == PEOPLE
    assert collections.Counter(status for _email, status in rows) == outcomes
    # Read after gunicorn stopped, so that every worker has written its lines.
    posts = [line.split() for line in access_log.read_text().splitlines() if " POST " in line]
    assert len(posts) == PEOPLE
    assert len({pid for pid, *_request in posts}) > 1, "all posts were answered by one worker"
