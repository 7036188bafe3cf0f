"""Capacity and limits hold under load: 40 people confirm at the same moment for 10 places, and 20
registrations from one client arrive at the same moment.

The work runs in threads of a subprocess, each with its own database connection, against the real
database (PostgreSQL in CI: ``SELECT … FOR UPDATE`` on the meeting; SQLite: ``IMMEDIATE``
transactions). Places are decided at confirmation, so that is where 40 at once must give exactly
ten places and thirty on the waitlist, none lost or doubled. The limit per client is counted under
the same lock, so 20 at once from one client store exactly ``REGISTRATION_LIMIT_PER_CLIENT``.
"""

import collections
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from registrations.models import Registration
from registrations.places import limit_per_client
from tests.database import database_url
from tests.factories.knowledge import MeetingPageFactory, build_site

ROOT = Path(__file__).resolve().parents[2]
PEOPLE, PLACES = 40, 10


def statuses(url, meeting_id):
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute(
                "SELECT email, status FROM registrations_registration WHERE meeting_id = ?", [meeting_id]
            ).fetchall()
    return list(Registration.objects.filter(meeting_id=meeting_id).values_list("email", "status"))


def run_script(tmp_path, meeting, count, mode):
    url = database_url(tmp_path)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": url}
    run = subprocess.run(
        [sys.executable, "tests/registrations/register_concurrently.py", str(meeting.pk), str(count), mode],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return url, collections.Counter(json.loads(run.stdout.strip().splitlines()[-1]))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_forty_confirming_at_once_for_ten_places_confirms_exactly_ten(tmp_path):
    tree = build_site(theme_slugs=())
    meeting = MeetingPageFactory(parent=tree.meeting_index, capacity=PLACES, has_waitlist=True)

    url, outcomes = run_script(tmp_path, meeting, PEOPLE, "confirm")

    assert outcomes == {"confirmed": PLACES, "waitlisted": PEOPLE - PLACES}
    rows = statuses(url, meeting.pk)
    assert len(rows) == PEOPLE
    assert len({email for email, _status in rows}) == PEOPLE
    assert collections.Counter(status for _email, status in rows) == outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_at_once_from_one_client_store_no_more_than_the_limit(tmp_path):
    tree = build_site(theme_slugs=())
    meeting = MeetingPageFactory(parent=tree.meeting_index, capacity=60, has_waitlist=True)
    limit = limit_per_client()

    url, outcomes = run_script(tmp_path, meeting, 20, "one-client")

    assert outcomes == {"pending": limit, "client_limit": 20 - limit}
    rows = statuses(url, meeting.pk)
    assert collections.Counter(status for _email, status in rows) == {"pending": limit}
