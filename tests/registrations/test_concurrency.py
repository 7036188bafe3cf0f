"""Capacity holds under load: 40 people register at the same moment for 10 places.

The registrations run in 40 threads of a subprocess, each with its own database connection,
against the real database (PostgreSQL in CI: ``SELECT … FOR UPDATE`` on the meeting; SQLite:
``IMMEDIATE`` transactions). Exactly ten are confirmed, thirty wait, none is lost or doubled.
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_forty_at_once_for_ten_places_confirms_exactly_ten(tmp_path):
    tree = build_site(theme_slugs=())
    meeting = MeetingPageFactory(parent=tree.meeting_index, capacity=PLACES, has_waitlist=True)
    url = database_url(tmp_path)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": url}

    run = subprocess.run(
        [sys.executable, "tests/registrations/register_concurrently.py", str(meeting.pk), str(PEOPLE)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert run.returncode == 0, run.stderr[-3000:]
    outcomes = collections.Counter(json.loads(run.stdout.strip().splitlines()[-1]))
    assert outcomes == {"confirmed": PLACES, "waitlisted": PEOPLE - PLACES}
    rows = statuses(url, meeting.pk)
    assert len(rows) == PEOPLE
    assert len({email for email, _status in rows}) == PEOPLE
    assert collections.Counter(status for _email, status in rows) == outcomes
