"""A send survives ``kill -9`` and shares out over workers: real processes, a real SMTP server.

2,000 recipients, three kills at random moments, then a resume by two workers at once; and two
workers sharing one send from the start, which must mail nobody twice.

``manage.py send_issue ID --now`` runs in a subprocess against a real SMTP server (the sink in
this process), so nothing is shared but the database and the network, as in production. Every
subscriber must have received the issue, and a message may arrive twice only once per kill (the
one in flight: accepted by the server, not yet marked sent).

The subprocess must see the test's data: on SQLite (an in-memory test database) the test copies
it into a file with SQLite's backup API and points ``DATABASE_URL`` at that; on PostgreSQL it
uses the test database itself, which ``transactional_db`` lets it see.
"""

import collections
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


def wait_for(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


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


def start_worker(issue, env):
    command = [sys.executable, "manage.py", "send_issue", str(issue.pk), "--now"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(workers, timeout=60):
    """Wait for every worker; each must end well and say the send is done."""
    for worker in workers:
        stdout, stderr = worker.communicate(timeout=timeout)
        assert worker.returncode == 0, stderr.decode()[-2000:]
        assert b"Klaar" in stdout


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_send_killed_three_times_reaches_everyone_once(tmp_path):
    issue = make_send(RECIPIENTS)
    url = database_url(tmp_path)
    rng = random.Random()
    with SmtpSink() as sink:
        # A killed worker's claim is taken over after two seconds (the default is ten minutes).
        env = worker_environment(url, sink, NEWSLETTER_CLAIM_TIMEOUT="2")
        kills = 0
        for _kill in range(KILLS):
            before = len(sink.messages)
            worker = start_worker(issue, env)
            # A random moment while it sends: after 20 to 400 more messages arrived.
            target = before + rng.randint(20, 400)
            arrived = wait_for(
                lambda t=target, w=worker: len(sink.messages) >= t or w.poll() is not None, timeout=30
            )
            assert arrived and worker.poll() is None, worker.stderr.read().decode()[-2000:]
            time.sleep(rng.random() * 0.05)
            worker.send_signal(signal.SIGKILL)
            worker.communicate(timeout=10)
            kills += 1
        assert len(sink.messages) < RECIPIENTS, "the send finished before the last kill"

        finish([start_worker(issue, env), start_worker(issue, env)])
        received = collections.Counter(sink.recipients())
    everyone = {f"lezer{n}@gemeente.example" for n in range(RECIPIENTS)}
    assert set(received) == everyone
    duplicates = sum(received.values()) - RECIPIENTS
    assert duplicates <= kills, f"{duplicates} duplicates after {kills} kills"
    assert delivery_statuses(url, issue.pk) == {"sent": RECIPIENTS}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_share_a_send_and_mail_nobody_twice(tmp_path):
    """On PostgreSQL they claim with SKIP LOCKED; on SQLite the claim is one write transaction."""
    recipients = 600
    issue = make_send(recipients)
    url = database_url(tmp_path)
    with SmtpSink() as sink:
        env = worker_environment(url, sink, NEWSLETTER_BATCH_SIZE="20")
        finish([start_worker(issue, env), start_worker(issue, env)])
        received = collections.Counter(sink.recipients())
        connections = len(sink.envelopes)
    assert connections == recipients
    assert set(received) == {f"lezer{n}@gemeente.example" for n in range(recipients)}
    assert max(received.values()) == 1
    assert delivery_statuses(url, issue.pk) == {"sent": recipients}
