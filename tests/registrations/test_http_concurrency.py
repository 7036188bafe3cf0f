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
``tests.database``) and is started by ``tests.gunicorn_server``. Its access log names the worker of
every request, to show that the posts really were shared by several processes.
"""

import collections
import threading

import pytest
import requests
from bs4 import BeautifulSoup

from registrations import places, tokens
from tests.database import database_url
from tests.factories.knowledge import MeetingPageFactory, build_site
from tests.gunicorn_server import TIMEOUT, gunicorn, tail
from tests.registrations.test_concurrency import statuses

PEOPLE, PLACES, WORKERS = 40, 10, 4
# What the heading of registrations/registered.html says for each outcome.
HEADINGS = {"U bent aangemeld": "confirmed", "U staat op de wachtlijst": "waitlisted"}


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

    # 40 posts from one address (this test): the per-client limit on public forms would refuse most.
    with gunicorn(url, access_log, error_log, WORKERS, FORM_RATE_LIMIT="0") as base:
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
