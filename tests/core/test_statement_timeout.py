"""A web request whose database statement runs too long is stopped, and the visitor reads
"Dit duurde te lang" (503), instead of a worker being held for minutes (core/db_timeout.py).

Runs on the suite's database: SQLite by default, PostgreSQL when ``DATABASE_URL`` names one (CI
runs both). The slow statement would keep the database busy for 30 seconds of wall-clock time
(PostgreSQL: ``pg_sleep``; SQLite: a recursive CTE that counts until a clock says stop), and the
limit is 0.2 s: a fast or slow machine only changes how far the counting gets. The limit must be
gone after the request: a statement five times the limit then finishes, in the test's own code and
in a management command.

A stopped statement leaves PostgreSQL's transaction unusable, so the requests that time out run as
they do in production, in autocommit mode: ``TransactionTestCase``. The English test needs the
English of the page's texts in the catalogue (site/locale).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import skipUnless

from django.conf.urls.i18n import i18n_patterns
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import TestCase, TransactionTestCase, override_settings
from django.urls import path

from config.urls import handler404, handler500
from config.urls import urlpatterns as site_urlpatterns
from tests.database import database_url

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 0.2
SLOW = 30
# Long enough that a limit still in force would stop it, short enough to wait for.
UNLIMITED = 5 * LIMIT
DUTCH_TITLE = "Dit duurde te lang"
DUTCH_TEXT = "De site had te veel tijd nodig voor deze pagina."


def busy_for(seconds):
    """Keep the database busy with one statement for ``seconds``; the seconds it took."""
    started = time.monotonic()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_sleep(%s)", [seconds])
        else:
            # SQLite has no sleep: count until the clock (a function of this connection) passes
            # the deadline. One statement, no matter how many rows the machine counts meanwhile.
            connection.connection.create_function("test_clock", 0, time.monotonic)
            cursor.execute(
                "WITH RECURSIVE counter(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM counter "
                "WHERE test_clock() < %s) SELECT count(*) FROM counter",
                [time.monotonic() + seconds],
            )
        cursor.fetchone()
    return time.monotonic() - started


def slow_view(request):
    busy_for(float(request.GET.get("seconds", SLOW)))
    return HttpResponse("klaar")


def broken_view(request):
    # An OperationalError that is not a timeout ("database is locked", a lost connection).
    raise OperationalError("database is locked")


urlpatterns = [
    *i18n_patterns(path("traag/", slow_view), path("kapot/", broken_view), prefix_default_language=False),
    *site_urlpatterns,
]
__all__ = ["handler404", "handler500", "urlpatterns"]


@override_settings(ROOT_URLCONF=__name__, DATABASE_STATEMENT_TIMEOUT=LIMIT)
class StoppedStatementTests(TransactionTestCase):
    serialized_rollback = True

    def get(self, url, **headers):
        started = time.monotonic()
        with self.assertLogs("core.db_timeout", "WARNING") as logs:
            response = self.client.get(url, headers=headers)
        elapsed = time.monotonic() - started
        self.assertEqual(response.status_code, 503)
        self.assertLess(elapsed, SLOW / 3, "the statement was not stopped")
        self.assertGreaterEqual(int(response["Retry-After"]), 1)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn(url.split("?")[0], logs.output[0])
        return response

    def test_a_visitor_reads_in_dutch_that_it_took_too_long_and_can_try_again(self):
        response = self.get("/traag/?q=eenzaamheid")

        html = response.content.decode()
        self.assertIn('<html lang="nl">', html)
        self.assertIn(f'<h1 class="page-header__title">{DUTCH_TITLE}</h1>', html)
        self.assertIn(DUTCH_TEXT, html)
        self.assertIn('href="/traag/?q=eenzaamheid"', html)
        # The site's own page around it: header, menu, footer.
        self.assertIn('class="site-header"', html)

    def test_the_limit_is_gone_after_the_request(self):
        self.get("/traag/")

        # The same connection serves the next request normally ...
        self.assertEqual(self.client.get("/traag/?seconds=0").content, b"klaar")
        # ... and the code after the request has no limit at all.
        self.assertGreaterEqual(busy_for(UNLIMITED), UNLIMITED)

    def test_a_connection_the_request_opens_itself_is_limited_too(self):
        # PostgreSQL opens a new connection (connection_created); SQLite's in-memory test
        # database ignores close(), so there it is the one the request starts with.
        connection.close()

        self.get("/traag/")

        self.assertGreaterEqual(busy_for(UNLIMITED), UNLIMITED)

    def test_an_english_reader_reads_it_in_english(self):
        response = self.get("/en/traag/")

        html = response.content.decode()
        self.assertIn('<html lang="en">', html)
        self.assertIn("This took too long", html)
        self.assertNotIn(DUTCH_TEXT, html)

    def test_a_script_asking_for_json_gets_json(self):
        response = self.get("/traag/", Accept="application/json")

        self.assertEqual(response["Content-Type"], "application/json")
        body = json.loads(response.content)
        self.assertEqual(body["error"], "timeout")
        self.assertIn(DUTCH_TEXT, body["message"])

    def test_a_form_is_not_offered_to_be_sent_again_by_a_link(self):
        with self.assertLogs("core.db_timeout", "WARNING"):
            response = self.client.post("/traag/")

        self.assertEqual(response.status_code, 503)
        self.assertNotContains(response, "Probeer het opnieuw", status_code=503)

    def test_a_management_command_is_not_limited(self):
        """The limit is in the environment, as in production, and a command runs past it.

        A transaction test: SQLite's backup (tests/database.py) can't copy a database that a test
        transaction is writing to."""
        code = (
            "from django.conf import settings; from tests.core.test_statement_timeout import busy_for; "
            f"print(settings.DATABASE_STATEMENT_TIMEOUT, busy_for({UNLIMITED}))"
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url(Path(self.enterContext(tempfile.TemporaryDirectory()))),
            "DATABASE_STATEMENT_TIMEOUT": str(LIMIT),
        }
        run = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

        self.assertEqual(run.returncode, 0, run.stderr[-3000:])
        limit, took = map(float, run.stdout.splitlines()[-1].split())
        self.assertEqual(limit, LIMIT)
        self.assertGreaterEqual(took, UNLIMITED)


@override_settings(ROOT_URLCONF=__name__, DATABASE_STATEMENT_TIMEOUT=LIMIT)
class NotStoppedTests(TestCase):
    def test_a_statement_within_the_limit_is_answered_normally(self):
        response = self.client.get("/traag/?seconds=0")

        self.assertEqual((response.status_code, response.content), (200, b"klaar"))

    @skipUnless(
        connection.vendor == "sqlite",
        "only SQLite's limit is a Python callback on the connection; PostgreSQL's is a server setting",
    )
    def test_a_sqlite_connection_threads_share_gets_no_clock(self):
        # A Python callback on a SQLite connection two threads use at once can leave both waiting
        # for ever (core/db_timeout.py); the test live server shares its connection like this, and
        # the browser tests hung on it. Such a connection runs the statement to its end instead.
        connection.inc_thread_sharing()
        self.addCleanup(connection.dec_thread_sharing)

        response = self.client.get(f"/traag/?seconds={UNLIMITED}")

        self.assertEqual((response.status_code, response.content), (200, b"klaar"))

    def test_another_database_error_is_not_taken_for_a_timeout(self):
        with self.assertRaises(OperationalError), self.assertNoLogs("core.db_timeout"):
            self.client.get("/kapot/")
