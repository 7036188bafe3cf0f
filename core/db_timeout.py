"""A time limit on every database statement a web request runs, and a kind page when it is hit.

Why: one bad query plan (stale statistics, a search with many words and filters) can make a single
statement run for minutes. The gunicorn worker waiting for it serves nobody else, and a few such
requests take the whole site down. With ``DATABASE_STATEMENT_TIMEOUT`` seconds as the limit, the
database stops the statement and the visitor reads "Dit duurde te lang" (status 503 with
``Retry-After``: a search engine comes back later instead of dropping the page). Only web requests
are limited: management commands and the task worker (``db_worker``, which imports 10,000 items or
sends the kwartaalupdate) never pass through middleware.

PostgreSQL: its own ``statement_timeout``. ``SET`` holds for the session, so it is set when a
request starts on a connection that is already open (``CONN_MAX_AGE`` > 0) or, when the request
opens the connection itself, just after Django connects (``connection_created``); ``RESET`` puts
the database's default back when the request has finished (``request_finished``, which also comes
after the last byte of a streamed response). Why not ``SET`` around each query
(``connection.execute_wrapper``): a ``SET`` made inside a transaction is undone when that
transaction or savepoint rolls back, so the first query of a request, often inside
``transaction.atomic()``, is the wrong moment. At the two moments used here the connection is idle
in autocommit mode, so the setting holds until the ``RESET``; and with ``CONN_MAX_AGE=0`` (dev
and tests) a request that never queries costs no round trip. Both statements go through the DB-API
connection, not a Django cursor, so the query log and ``assertNumQueries`` show only the page's
own queries.

SQLite has no statement timeout. Two public hooks of Python's ``sqlite3`` make one:
``set_trace_callback`` is called as each statement starts (note the time), and
``set_progress_handler`` every few thousand virtual-machine instructions (a true answer makes SQLite
stop the statement with "interrupted"). The clock runs from a statement's first step to its last
row; a trigger is reported as its statement starting again, so writes that fire triggers restart
it (reads, where runaway plans happen, fire none).

Not on a SQLite connection that several threads share (``allow_thread_sharing``; only the test
live server shares its in-memory database this way). A Python callback runs while SQLite holds the
connection's mutex and needs the GIL; a second thread that holds the GIL and calls into the same
connection (``set_progress_handler`` itself, or finalising a statement) waits for that mutex, and
both wait for ever. That hung the browser tests; a web process's connections are its own thread's.

Only a statement stopped for time gets the page; any other ``OperationalError`` goes on to the
500 page. If rendering this page fails too (its menu and footer need the database), Django's 500
page answers, which needs none.
"""

import contextvars
import logging
import sqlite3
import time

from django.conf import settings
from django.core.signals import request_finished
from django.db import OperationalError, connections
from django.db.backends.signals import connection_created
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Seconds after which a visitor may try again (the Retry-After header).
RETRY_AFTER_SECONDS = 30
# SQLite asks the progress handler every this many instructions: within a millisecond or so of
# the limit, and too seldom to cost anything measurable.
SQLITE_CHECK_EVERY = 10_000
# PostgreSQL's SQLSTATE for a cancelled statement (psycopg's QueryCanceled); statement_timeout
# raises it.
QUERY_CANCELED = "57014"

MESSAGE = _(
    "De site had te veel tijd nodig voor deze pagina. Probeer het zo opnieuw, of maak uw zoekopdracht korter."
)

# The limit of the request this thread is serving; None outside a request.
_request_limit = contextvars.ContextVar("database_statement_timeout", default=None)


class StatementTimeoutMiddleware:
    """Limits the request's statements, and answers a statement stopped for time with the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.DATABASE_STATEMENT_TIMEOUT
        if seconds > 0:
            _request_limit.set(seconds)
            for connection in connections.all(initialized_only=True):
                if connection.connection is not None:
                    _limit(connection, seconds)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_statement_timeout(exception):
            return None
        # The path only: a query string may hold what a visitor typed.
        logger.warning(
            "A database statement ran longer than %s s during %s %s; answered 503",
            settings.DATABASE_STATEMENT_TIMEOUT,
            request.method,
            request.path,
            exc_info=exception,
        )
        if "application/json" in request.headers.get("Accept", ""):
            response = JsonResponse({"error": "timeout", "message": str(MESSAGE)}, status=503)
        else:
            retry_url = request.get_full_path()
            if request.method not in ("GET", "HEAD") or not url_has_allowed_host_and_scheme(
                retry_url, allowed_hosts={request.get_host()}
            ):
                retry_url = None  # a form is not sent again by a link; "//host" is another site
            response = render(request, "503_timeout.html", {"retry_url": retry_url}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        patch_vary_headers(response, ["Accept"])
        return response


def is_statement_timeout(exception):
    """Was ``exception`` a statement stopped for time (by this module or by the database's own setting)?"""
    if not isinstance(exception, OperationalError):
        return False
    cause = exception.__cause__
    if isinstance(cause, sqlite3.OperationalError):
        return cause.sqlite_errorcode == sqlite3.SQLITE_INTERRUPT
    return getattr(cause, "sqlstate", None) == QUERY_CANCELED


class _SQLiteClock:
    """The running statement's age: started by the trace callback, read by the progress handler."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.started = None

    def statement_started(self, sql):
        self.started = time.monotonic()

    def overdue(self):
        return self.started is not None and time.monotonic() - self.started > self.seconds


def _has_sqlite_clock(connection):
    """SQLite's clock goes on a connection only this thread uses (see the module docstring)."""
    return connection.vendor == "sqlite" and not connection.allow_thread_sharing


def _limit(connection, seconds, new=False):
    if connection.vendor == "postgresql":
        milliseconds = max(1, round(seconds * 1000))
        _postgres(connection, f"SET statement_timeout = {milliseconds}", close_on_error=not new)
    elif _has_sqlite_clock(connection):
        clock = _SQLiteClock(seconds)
        connection.connection.set_trace_callback(clock.statement_started)
        connection.connection.set_progress_handler(clock.overdue, SQLITE_CHECK_EVERY)


def _unlimit(connection):
    if _has_sqlite_clock(connection):
        connection.connection.set_progress_handler(None, 0)
        connection.connection.set_trace_callback(None)
    elif connection.vendor == "postgresql":
        _postgres(connection, "RESET statement_timeout")


def _postgres(connection, sql, close_on_error=True):
    try:
        with connection.connection.cursor() as cursor:
            cursor.execute(sql)
    except Exception:
        # On a new connection: Django's connect() reports it like any failure to connect.
        if not close_on_error:
            raise
        # A connection the server dropped, or one left in a failed transaction. Django never saw
        # this statement fail, so it would keep the connection: close it, and the request's first
        # query connects afresh (and is limited through connection_created). Inside a transaction
        # (only tests run a request in one) the SET was made in it, and its rollback undoes it.
        if not connection.in_atomic_block:
            connection.close()


def _on_connection_created(sender, connection, **kwargs):
    seconds = _request_limit.get()
    if seconds is not None:
        _limit(connection, seconds, new=True)


def _on_request_finished(sender, **kwargs):
    if _request_limit.get() is None:
        return
    _request_limit.set(None)
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            _unlimit(connection)


# Connected when the middleware is first loaded: a process without it (a command, the worker)
# never limits anything. Connected after django.db's close_old_connections, so a connection that
# closes at the end of the request (CONN_MAX_AGE=0) is closed before it would be reset.
connection_created.connect(_on_connection_created, dispatch_uid="core.db_timeout.created")
request_finished.connect(_on_request_finished, dispatch_uid="core.db_timeout.finished")
