"""A send survives ``kill -9`` and shares out over workers: real processes, a real SMTP server.

2,000 recipients, three kills at random moments, then a resume by two workers at once; and two
workers sharing one send from the start, which must mail nobody twice.

``manage.py send_issue ID --now`` runs in a subprocess against a real SMTP server (the sink in
this process), so nothing is shared but the database and the network, as in production. Every
subscriber must have received the issue, and a message may arrive twice only once per kill (the
one in flight: accepted by the server, not yet marked sent).

Nothing here depends on how fast the machine is. The test waits for work, not for a time: for
messages to arrive and workers to end, and it fails only when nothing moves at all for
``STALL_SECONDS``. The workers run with the production claim timeout (ten minutes), so a live
worker that a loaded machine holds up never loses its claim; the claims the killed workers left
behind are then dated back past that timeout, which is all ten minutes of waiting would change.

The subprocess must see the test's data: on SQLite (an in-memory test database) the test copies
it into a file with SQLite's backup API and points ``DATABASE_URL`` at that; on PostgreSQL it
uses the test database itself, which ``transactional_db`` lets it see.
"""

import collections
import datetime
import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db.models import Count

from newsletter.models import Delivery, Subscriber
from tests.database import database_url
from tests.factories.knowledge import build_site
from tests.factories.newsletter import NewsletterIssuePageFactory
from tests.smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parents[2]
RECIPIENTS = 2000
KILLS = 3


def delivery_statuses(url, send_issue_id):
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            rows = db.execute(
                "SELECT d.status, COUNT(*) FROM newsletter_delivery d JOIN newsletter_issuesend s"
                " ON s.id = d.send_id WHERE s.issue_id = ? GROUP BY d.status",
                [send_issue_id],
            ).fetchall()
        return dict(rows)
    return dict(
        Delivery.objects.filter(send__issue_id=send_issue_id)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )


# Waiting fails only after this long without any progress (no message arrived, no worker ended):
# a hang, not a slow machine. A worker's start alone (Python, Django) takes seconds under load.
STALL_SECONDS = 180


def wait_while_moving(done, progress, what):
    """Wait until ``done()``; fail only when ``progress()`` stays the same for ``STALL_SECONDS``."""
    last, moved_at = progress(), time.monotonic()
    while not done():
        time.sleep(0.02)
        now = progress()
        if now != last:
            last, moved_at = now, time.monotonic()
        elif time.monotonic() - moved_at > STALL_SECONDS:
            raise AssertionError(f"Nothing moved for {STALL_SECONDS} s while waiting for {what}")


def expire_dead_claims(url, issue_id):
    """Date the claims of killed workers back past the claim timeout, as ten minutes would.

    Only called while no worker runs, so every claimed row that is still pending is a dead one's.
    """
    long_ago = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            db.execute(
                "UPDATE newsletter_delivery SET claimed_at = ? WHERE status = 'pending' AND claimed_by <> ''"
                " AND send_id IN (SELECT id FROM newsletter_issuesend WHERE issue_id = ?)",
                [long_ago.strftime("%Y-%m-%d %H:%M:%S"), issue_id],
            )
        return
    Delivery.objects.filter(send__issue_id=issue_id, status=Delivery.Status.PENDING).exclude(
        claimed_by=""
    ).update(claimed_at=long_ago)


def make_send(recipients):
    tree = build_site(theme_slugs=())
    issue = NewsletterIssuePageFactory(parent=tree.newsletter_index, title="Kwartaalupdate winter")
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"lezer{n}@gemeente.example",
            status=Subscriber.Status.CONFIRMED,
            consent_source=Subscriber.Source.IMPORT,
        )
        for n in range(recipients)
    )
    return issue


def worker_environment(url, sink, **settings):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": url,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "BASE_URL": "https://www.leefbaarheid.example",
        "NEWSLETTER_BATCH_SIZE": "50",
        "NEWSLETTER_SEND_RATE": "0",
        **settings,
    }


class Worker:
    """``manage.py send_issue ID --now`` in a subprocess; its output goes to files, never a full pipe."""

    started = itertools.count()

    def __init__(self, issue, env, log_dir):
        name = f"worker-{next(self.started)}"
        self.stdout, self.stderr = log_dir / f"{name}.out", log_dir / f"{name}.err"
        command = [sys.executable, "manage.py", "send_issue", str(issue.pk), "--now"]
        with self.stdout.open("wb") as out, self.stderr.open("wb") as err:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err)

    def running(self):
        return self.process.poll() is None

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()  # SIGKILL cannot be ignored: this returns as soon as the kernel reaps it

    def error_output(self):
        return self.stderr.read_text(errors="replace")[-2000:]


@pytest.fixture
def start_worker(tmp_path):
    """``start_worker(issue, env)``: a ``Worker``. One still running when the test ends (it failed)
    is killed, so a failed test leaves no process behind."""
    workers = []

    def start(issue, env):
        workers.append(Worker(issue, env, tmp_path))
        return workers[-1]

    yield start
    for worker in workers:
        if worker.running():
            worker.kill()


def finish(workers, sink):
    """Wait for every worker, for as long as they make progress; each must end well and say so."""
    wait_while_moving(
        lambda: not any(worker.running() for worker in workers),
        lambda: (len(sink.messages), [worker.running() for worker in workers]),
        "the workers to finish the send",
    )
    for worker in workers:
        assert worker.process.returncode == 0, worker.error_output()
        assert b"Klaar" in worker.stdout.read_bytes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_send_killed_three_times_reaches_everyone_once(tmp_path, start_worker):
    issue = make_send(RECIPIENTS)
    url = database_url(tmp_path)
    rng = random.Random()
    with SmtpSink() as sink:
        # Production's claim timeout: a held-up live worker keeps its rows (see the module).
        env = worker_environment(url, sink, NEWSLETTER_CLAIM_TIMEOUT="600")
        kills = 0
        for _kill in range(KILLS):
            before = len(sink.messages)
            worker = start_worker(issue, env)
            # A random moment while it sends: after 20 to 400 more messages arrived.
            target = before + rng.randint(20, 400)
            wait_while_moving(
                lambda t=target, w=worker: len(sink.messages) >= t or not w.running(),
                lambda: len(sink.messages),
                f"message {target}",
            )
            assert worker.running(), worker.error_output()
            time.sleep(rng.random() * 0.05)
            worker.kill()
            kills += 1
        assert len(sink.messages) < RECIPIENTS, "the send finished before the last kill"

        expire_dead_claims(url, issue.pk)
        finish([start_worker(issue, env), start_worker(issue, env)], sink)
        received = collections.Counter(sink.recipients())
    everyone = {f"lezer{n}@gemeente.example" for n in range(RECIPIENTS)}
    assert set(received) == everyone
    duplicates = sum(received.values()) - RECIPIENTS
    assert duplicates <= kills, f"{duplicates} duplicates after {kills} kills"
    assert delivery_statuses(url, issue.pk) == {"sent": RECIPIENTS}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_share_a_send_and_mail_nobody_twice(tmp_path, start_worker):
    """On PostgreSQL they claim with SKIP LOCKED; on SQLite the claim is one write transaction."""
    recipients = 600
    issue = make_send(recipients)
    url = database_url(tmp_path)
    with SmtpSink() as sink:
        env = worker_environment(url, sink, NEWSLETTER_BATCH_SIZE="20")
        finish([start_worker(issue, env), start_worker(issue, env)], sink)
        received = collections.Counter(sink.recipients())
        connections = len(sink.envelopes)
    assert connections == recipients
    assert set(received) == {f"lezer{n}@gemeente.example" for n in range(recipients)}
    assert max(received.values()) == 1
    assert delivery_statuses(url, issue.pk) == {"sent": recipients}
