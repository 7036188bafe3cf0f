"""Request ids, the access and slow-request lines, and what the logs never hold (core/request_log.py).

The log lines are read the way production writes them: a real ``logging.FileHandler`` with the
site's ``JsonFormatter`` and ``RequestIdFilter`` on the root logger, each line parsed as JSON.
"Slow" is made deterministic by the threshold, not by the machine: ``SLOW_REQUEST_MS=0`` makes
every request slow, a threshold of an hour none.
"""

import collections
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from core.request_log import REQUEST_FIELDS, JsonFormatter, RequestIdFilter, TextFormatter, scrub
from knowledge.models import Municipality
from registrations import tokens
from registrations.models import Registration
from tests.database import database_url
from tests.factories.knowledge import MeetingPageFactory, build_site
from tests.gunicorn_server import TIMEOUT, gunicorn

pytestmark = pytest.mark.django_db

JSON_KEYS = {"time", "level", "logger", "message", "request_id", *REQUEST_FIELDS, "exception", "stack"}
ADDRESS = "sanne.de.vries@ede.example"
HEX_ID = re.compile(r"[0-9a-f]{32}")
ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def log_file(formatter=None):
    """Everything logged meanwhile, from INFO up, as the site's handler writes it: yields a function
    that returns the lines written so far (parsed JSON objects for the JSON formatter)."""
    json_lines = formatter is None
    written = []  # the file's lines once it is closed (the file goes with its directory)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "site.log"
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(formatter or JsonFormatter())
        handler.addFilter(RequestIdFilter())
        root = logging.getLogger()
        old_level = root.level
        root.addHandler(handler)
        root.setLevel(logging.INFO)

        def read():
            handler.flush()
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            return [json.loads(line) if json_lines else line for line in text.splitlines()]

        def lines():
            return written if handler.stream is None else read()

        try:
            yield lines
        finally:
            root.removeHandler(handler)
            root.setLevel(old_level)
            written.extend(read())
            handler.close()


def lines_of(lines, logger):
    return [line for line in lines() if line["logger"] == logger]


# --- The request id -----------------------------------------------------------------------------


def test_a_sane_request_id_is_passed_through():
    response = Client().get("/robots.txt", HTTP_X_REQUEST_ID="lb-7f3a.91_x")
    assert response["X-Request-ID"] == "lb-7f3a.91_x"


@pytest.mark.parametrize(
    "offered",
    ["", "has space", "quote\"and'", "new\nline", "x" * 65, "-starts-with-dash", "émile", "a;b=c"],
)
def test_anything_else_gets_a_fresh_id(offered):
    response = Client().get("/robots.txt", HTTP_X_REQUEST_ID=offered)
    assert HEX_ID.fullmatch(response["X-Request-ID"])


def test_every_request_gets_its_own_id():
    client = Client()
    ids = {client.get("/robots.txt")["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3
    assert all(HEX_ID.fullmatch(request_id) for request_id in ids)


@override_settings(LOG_REQUESTS=True)
def test_the_access_line_is_one_json_object_with_the_request_id():
    with log_file() as lines:
        response = Client().get("/robots.txt", HTTP_X_REQUEST_ID="trace-0001")

    assert response.status_code == 200
    [access] = lines_of(lines, "leefbaarheid.request")
    assert access["request_id"] == "trace-0001"
    assert access["level"] == "INFO"
    assert access["method"] == "GET"
    assert access["path"] == "/robots.txt"
    assert access["status"] == 200
    assert access["duration_ms"] >= 0
    assert isinstance(access["queries"], int)
    assert "user_id" not in access
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", access["time"])
    assert set(access) <= JSON_KEYS


def test_records_written_during_the_request_carry_its_id():
    """Django's own "Not Found" warning, written deep inside the request, has the request's id;
    a record written outside any request has "-"."""
    with log_file() as lines:
        response = Client().get("/bestaat-niet/", HTTP_X_REQUEST_ID="trace-404")
        logging.getLogger("tests.outside").warning("outside a request")

    assert response.status_code == 404
    [not_found] = lines_of(lines, "django.request")
    assert not_found["request_id"] == "trace-404"
    assert not_found["message"] == "Not Found: /bestaat-niet/"
    # Django puts the request object on its record; the JSON line never writes such extras out.
    assert set(not_found) <= JSON_KEYS
    [outside] = lines_of(lines, "tests.outside")
    assert outside["request_id"] == "-"


def test_no_access_line_when_log_requests_is_off():
    with override_settings(LOG_REQUESTS=False), log_file() as lines:
        Client().get("/robots.txt")
    assert lines_of(lines, "leefbaarheid.request") == []


@override_settings(LOG_REQUESTS=True)
def test_the_queries_counted_are_the_queries_run():
    build_site()
    client = Client()
    with log_file() as lines, CaptureQueriesContext(connection) as captured:
        response = client.get("/", HTTP_X_REQUEST_ID="trace-home")

    assert response.status_code == 200
    [access] = lines_of(lines, "leefbaarheid.request")
    assert access["queries"] == len(captured) > 0


@override_settings(LOG_REQUESTS=True)
def test_a_logged_in_user_is_logged_by_id_only():
    user = get_user_model().objects.create_user("redacteur-log", ADDRESS, "geheim-wachtwoord")
    client = Client()
    client.force_login(user)
    with log_file() as lines:
        client.get("/robots.txt")

    [access] = lines_of(lines, "leefbaarheid.request")
    assert access["user_id"] == user.pk
    written = json.dumps(lines())
    assert "redacteur-log" not in written
    assert ADDRESS not in written


# --- Slow requests ------------------------------------------------------------------------------


def test_a_request_over_the_threshold_is_logged_as_slow():
    with override_settings(SLOW_REQUEST_MS=0), log_file() as lines:
        Client().get("/robots.txt?x=1", HTTP_X_REQUEST_ID="trace-slow")

    [slow] = lines_of(lines, "leefbaarheid.slow")
    assert slow["level"] == "WARNING"
    assert slow["request_id"] == "trace-slow"
    assert slow["path"] == "/robots.txt"
    assert isinstance(slow["queries"], int)
    assert slow["duration_ms"] >= 0
    assert slow["message"].startswith("Slow request: GET /robots.txt took ")
    assert "x=1" not in json.dumps(slow)


def test_a_request_under_the_threshold_is_not():
    with override_settings(SLOW_REQUEST_MS=3_600_000), log_file() as lines:
        Client().get("/robots.txt")
    assert lines_of(lines, "leefbaarheid.slow") == []


# --- Nothing personal ---------------------------------------------------------------------------


@override_settings(LOG_REQUESTS=True, SLOW_REQUEST_MS=0)
def test_a_registrants_link_leaves_no_address_or_token_in_the_log():
    tree = build_site()
    meeting = MeetingPageFactory(parent=tree.meeting_index, title="Intervisie eenzaamheid")
    registration = Registration.objects.create(
        meeting=meeting,
        name="Sanne de Vries",
        email=ADDRESS,
        role=Registration.Role.POLICY,
        municipality=Municipality.objects.get(name="Ede"),
        status=Registration.Status.CONFIRMED,
    )
    token = tokens.make_token(registration, tokens.MANAGE)
    good = f"/aanmelden/mijn-aanmelding/{token}/"
    forged = f"/aanmelden/mijn-aanmelding/{token[:-4]}AAAA/"
    client = Client()

    with log_file() as lines:
        assert client.get(good, {"email": ADDRESS}).status_code == 200
        assert client.get(forged, {"email": ADDRESS}).status_code == 404
        written = json.dumps(lines())

    assert ADDRESS not in written
    assert token not in written
    assert token.split(":")[-1] not in written  # not even the signature
    paths = {line["path"] for line in lines_of(lines, "leefbaarheid.request")}
    assert paths == {"/aanmelden/mijn-aanmelding/[token]/"}


def test_scrub_removes_addresses_signed_values_and_reset_tokens():
    text = scrub(
        "to a.b+c@voorbeeld.nl: /x/WzEyLCJhYmMiXQ:1xaLzz:4Q8CSMJja3HGHcmoLG_v8VbWluyBGe-gZUDaR4YRpNw/ "
        "/admin/password_reset/confirm/MQ/dj6yc7-a62a3410d7982f40e41bf130347464af/ /reset?key=s3cr3t&q=1"
    )
    assert text == (
        "to [e-mail]: /x/[token]/ /admin/password_reset/confirm/MQ/[token]/ /reset?key=[redacted]&q=1"
    )
    # What looks alike but is no secret stays readable.
    ordinary = "localhost:8000 at 2026-12-06T23:46:01 /themas/eenzaamheid-en-sociale-verbondenheid/"
    assert scrub(ordinary) == ordinary


def test_the_text_format_for_development_has_the_request_id_and_is_scrubbed():
    with override_settings(SLOW_REQUEST_MS=0), log_file(TextFormatter()) as lines:
        Client().get(f"/bestaat-niet/{ADDRESS}/", HTTP_X_REQUEST_ID="trace-text")

    [slow] = [line for line in lines() if " leefbaarheid.slow " in line]
    assert "WARNING leefbaarheid.slow [trace-text] Slow request: GET /bestaat-niet/[e-mail]/" in slow
    assert ADDRESS not in "\n".join(lines())


# --- Through production's HTTP stack -------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gunicorn_writes_one_json_object_per_line_with_the_request_id(tmp_path):
    """Real gunicorn, LOG_FORMAT=json and LOG_REQUESTS on (production's defaults): what it writes
    to standard error parses line by line, a load balancer's probe of /healthz gets 200, and
    Django's own "Not Found" line carries the id of its request."""
    access_log, error_log = tmp_path / "access.log", tmp_path / "gunicorn.log"
    with gunicorn(
        database_url(tmp_path), access_log, error_log, 1, LOG_FORMAT="json", LOG_REQUESTS="1"
    ) as base:
        probe = requests.get(f"{base}/healthz", headers={"X-Request-ID": "lb-probe-1"}, timeout=TIMEOUT)
        missing = requests.get(
            f"{base}/bestaat-niet/", headers={"X-Request-ID": "trace-missing"}, timeout=TIMEOUT
        )

    assert probe.status_code == 200, probe.text
    assert probe.text.splitlines()[0] == "ok"
    assert "Set-Cookie" not in probe.headers
    assert probe.headers["X-Request-ID"] == "lb-probe-1"
    assert missing.status_code == 404
    django_lines = [json.loads(line) for line in error_log.read_text().splitlines() if line.startswith("{")]
    by_request = collections.defaultdict(list)
    for line in django_lines:
        assert set(line) <= JSON_KEYS
        by_request[line["request_id"]].append((line["logger"], line.get("status")))
    assert by_request["lb-probe-1"] == [("leefbaarheid.request", 200)]
    assert ("django.request", None) in by_request["trace-missing"]
    assert ("leefbaarheid.request", 404) in by_request["trace-missing"]


def test_production_writes_json_and_an_access_line_per_request_by_default():
    """config/settings/production.py: LOG_FORMAT=json and LOG_REQUESTS on unless the environment
    says otherwise, and a LOG_FORMAT it does not know stops the start-up."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k" * 40 + "0123456789abcdef",
        "ALLOWED_HOSTS": "leefbaarheid.example",
    }
    for name in ("LOG_FORMAT", "LOG_REQUESTS"):
        env.pop(name, None)
    script = (
        "import django, logging; django.setup(); from django.conf import settings; "
        "print(settings.LOG_FORMAT, settings.LOG_REQUESTS); "
        f"logging.getLogger('leefbaarheid.slow').warning('slow for {ADDRESS}')"
    )
    run = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["json", "True"]
    [line] = [json.loads(text) for text in run.stderr.splitlines()]
    assert line["message"] == "slow for [e-mail]"
    assert line["request_id"] == "-"

    refused = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "LOG_FORMAT": "xml"},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0
    assert "LOG_FORMAT must be json or text" in refused.stderr
