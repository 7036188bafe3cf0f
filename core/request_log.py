"""Request ids, the access line, the slow-request line and the log formats (docs/operations.md).

- **A request id for every request.** ``RequestLogMiddleware`` (first in ``MIDDLEWARE``) takes
  ``X-Request-ID`` from the request when it is a sane token (what a proxy such as nginx's
  ``$request_id`` sends: letters, digits, ``.``, ``_``, ``-``, at most 64), or makes one (uuid4
  hex). It goes back on the response's ``X-Request-ID``, and ``RequestIdFilter`` puts it on every log
  record written while the request runs (a ``ContextVar``, so threads and async code each see their
  own), so one ``grep`` finds everything a request logged.
- **One access line per request** on ``leefbaarheid.request`` (INFO; only with ``LOG_REQUESTS``),
  and **one WARNING on** ``leefbaarheid.slow`` for a request slower than ``SLOW_REQUEST_MS``, both
  with method, path, status, duration and the number of database queries. The queries are counted
  with ``connection.execute_wrapper``: one Python call per query, no query logging (``DEBUG``'s
  query log keeps every statement's text in memory).
- **Nothing personal.** The logged path has the URL's tokens (``<str:token>`` and the like) replaced
  by ``[token]``; no query string is logged; e-mail addresses, signed tokens and password-reset
  tokens are scrubbed from every message and traceback (``scrub``), whoever logged them (Django
  logs "Not Found: <path>"). The user is logged by id only.
- **Formats.** ``JsonFormatter``: one JSON object per line (production); ``TextFormatter``: a
  readable line (development). ``LOG_FORMAT`` chooses (``config/settings``).
"""

import contextvars
import datetime
import json
import logging
import re
import time
import uuid

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import connection
from django.dispatch import receiver

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy's request id looks like, and nothing that could break a log line or a header.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
NO_REQUEST = "-"

access_logger = logging.getLogger("leefbaarheid.request")
slow_logger = logging.getLogger("leefbaarheid.slow")

_request_id = contextvars.ContextVar("request_id", default=None)


def current_request_id():
    """The id of the request this code runs for, or None outside a request."""
    return _request_id.get()


def request_id_from(request):
    """The client's (proxy's) ``X-Request-ID`` when it is sane, else a new one."""
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    if SANE_REQUEST_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


# --- Keeping personal data out ------------------------------------------------------------------

_SCRUBBERS = (
    # e-mail addresses (no / = ? & in the local part: those are a path's or a query's)
    (re.compile(r"[\w.!#$%'*+^`{|}~-]+@[\w-]+(?:\.[\w-]+)+"), "[e-mail]"),
    # django.core.signing values (core.tokens, newsletter and registration links):
    # [.]payload[:timestamp]:signature, the signature 27 (sha1) or 43 (sha256) base64 characters
    (re.compile(r"\.?[\w-]{8,}(?::[\w-]{1,12})?:[\w-]{27,}"), "[token]"),
    # Django's password-reset tokens: <timestamp in base 36>-<hex hash>
    (re.compile(r"\b[0-9a-z]{2,13}-[0-9a-f]{20,}\b"), "[token]"),
    # values of query parameters that name a secret
    (
        re.compile(r"([?&][^=&\s]*(?:token|key|pass|secret|sig|code|mail)[^=&\s]*=)[^&\s#]+", re.I),
        r"\1[redacted]",
    ),
)
# URL parameters whose value is a secret, by name (``<str:token>``, ``<uidb64>``)
_SECRET_URL_PARAMETER = re.compile(r"token|uid|key|sig|secret", re.I)


def scrub(text):
    """``text`` without e-mail addresses, signed or password-reset tokens, or secret parameters."""
    for pattern, replacement in _SCRUBBERS:
        text = pattern.sub(replacement, text)
    return text


def logged_path(request):
    """The request's path as it may be logged: no query string, tokens of the URL as ``[token]``."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if isinstance(value, str) and value and _SECRET_URL_PARAMETER.search(name):
                path = path.replace(value, "[token]")
    return scrub(path)


# --- The middleware -----------------------------------------------------------------------------


class QueryCounter:
    """A ``connection.execute_wrapper`` that only counts: one call and one addition per query."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _user_id(request):
    # Only a request with a session can have a user; the page cache answers before sessions load
    # (no request.user at all), and reading the user of a cookieless request would cost nothing
    # but a lookup.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    user = getattr(request, "user", None)
    try:
        return user.pk if user is not None and user.is_authenticated else None
    except Exception:  # a log line must never turn an answer into an error
        return None


class RequestLogMiddleware:
    """Request id in and out, the access line and the slow-request line (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request)
        request.request_id = request_id
        # Not reset on the way out: Django's handler logs "Not Found" and other 4xx answers after
        # the last middleware has returned. ``request_finished`` (below) ends it.
        _request_id.set(request_id)
        queries = QueryCounter()
        started = time.perf_counter()
        with connection.execute_wrapper(queries):
            response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        response[REQUEST_ID_HEADER] = request_id
        self.log(request, response, duration_ms, queries.count)
        return response

    def log(self, request, response, duration_ms, query_count):
        slow = duration_ms >= settings.SLOW_REQUEST_MS
        if not (slow or settings.LOG_REQUESTS):
            return
        path = logged_path(request)
        fields = {
            "method": request.method,
            "path": path,
            "status": response.status_code,
            "duration_ms": round(duration_ms, 1),
            "queries": query_count,
            "user_id": _user_id(request),
        }
        if settings.LOG_REQUESTS:
            access_logger.info(
                "%s %s %s %.0f ms %d queries",
                request.method,
                path,
                response.status_code,
                duration_ms,
                query_count,
                extra=fields,
            )
        if slow:
            slow_logger.warning(
                "Slow request: %s %s took %.0f ms (%d queries, limit %d ms)",
                request.method,
                path,
                duration_ms,
                query_count,
                settings.SLOW_REQUEST_MS,
                extra=fields,
            )


@receiver(request_started)
@receiver(request_finished)
def _outside_a_request(**kwargs):
    """Between requests (and before the middleware has read the header) no id applies; a worker
    thread would otherwise lend the last request's id to whatever it logs next."""
    _request_id.set(None)


# --- Logging ------------------------------------------------------------------------------------


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (``-`` outside a request); filters nothing."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id() or NO_REQUEST
        return True


# Fields the access and slow lines add (``extra=``), in the order a JSON line lists them.
REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "queries", "user_id")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (ISO 8601, UTC), level, logger, message, request_id, the
    request fields when the record has them, and the exception (scrubbed) when there is one.

    Only these fields: an arbitrary ``extra`` (Django's ``request`` object on its own records) is
    never written out, so no header, cookie or form value can reach the log by accident."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
            "request_id": getattr(record, "request_id", None) or current_request_id() or NO_REQUEST,
        }
        for field in REQUEST_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        if record.stack_info:
            entry["stack"] = scrub(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """``time level logger [request id] message`` for people reading a terminal; scrubbed too."""

    def __init__(self):
        super().__init__(
            "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
            defaults={"request_id": NO_REQUEST},
        )

    def format(self, record):
        return scrub(super().format(record))
