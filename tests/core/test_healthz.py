"""``/healthz`` (core/health.py, config/health.py): 200 when the site can do its work, 503 when not,
never cached, and nothing but ok/failing per check for anyone who is not a superuser.

The task checks read real ``DBTaskResult`` rows, with ``TASKS`` switched to the database backend
the way production runs. The cache check talks to a real Redis (127.0.0.1:6379) and to a port on
which nothing listens.
"""

import ast
import asyncio
import io
import json
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from config.health import RECURRING
from core import retention, scheduling
from core.health import LAST_SUCCESS_MEMO_SECONDS
from partners import tasks as partner_tasks

ROOT = Path(__file__).resolve().parents[2]
TASKS_IN_THE_DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAX_AGE = 600
RECURRING_NAMES = ("scheduled_publishing", "partner_feeds", "personal_data_purge")

pytestmark = pytest.mark.django_db


def health(client=None, **headers):
    """GET /healthz as JSON: (status code, parsed body, response)."""
    response = (client or Client()).get("/healthz", {"format": "json"}, **headers)
    return response.status_code, json.loads(response.content), response


def task_row(task_path, status, *, enqueued_ago=timedelta(0), run_after=None, finished_ago=None):
    """A row as django-tasks-db writes it; times set afterwards (``enqueued_at`` is auto_now_add)."""
    now = timezone.now()
    row = DBTaskResult.objects.create(
        task_path=task_path,
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=run_after,
        finished_at=None if finished_ago is None else now - finished_ago,
    )
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=now - enqueued_ago)
    return row


def recurring_succeeded(ago=timedelta(seconds=5), skip=()):
    for name, (task, _interval) in RECURRING.items():
        if name not in skip:
            task_row(task.module_path, TaskResultStatus.SUCCESSFUL, finished_ago=ago)


def unused_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- The answer ---------------------------------------------------------------------------------


def test_healthy_on_the_test_database():
    status, body, response = health()

    assert status == 200
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    # The tests' Immediate backend keeps no queue and no chains.
    assert body["checks"]["task_queue"] == "not applicable"
    for name in RECURRING_NAMES:
        assert body["checks"][name] == "not applicable"


def test_never_cached_no_cookie_and_plain_text_by_default():
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "ok"
    assert "database: ok" in lines
    cache_control = response["Cache-Control"]
    for directive in ("no-cache", "no-store", "must-revalidate", "private"):
        assert directive in cache_control
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


def test_json_by_accept_header_and_text_for_a_malformed_one():
    json_response = Client().get("/healthz", HTTP_ACCEPT="application/json")
    assert json_response["Content-Type"] == "application/json"
    assert json.loads(json_response.content)["status"] == "ok"

    garbled = Client().get("/healthz", HTTP_ACCEPT="application/json;;q=x, nonsense")
    assert garbled.status_code == 200
    assert garbled.content.decode().splitlines()[0] == "ok"


def test_outside_the_language_prefix():
    assert Client().get("/healthz").status_code == 200
    assert Client().get("/en/healthz/").status_code == 404


# --- The task queue -----------------------------------------------------------------------------


@override_settings(TASKS=TASKS_IN_THE_DATABASE, HEALTH_QUEUE_MAX_AGE_SECONDS=MAX_AGE)
def test_healthy_with_a_worker_that_keeps_up():
    recurring_succeeded()
    # Waiting, but not for long; and one queued for tomorrow long ago, which is not due yet.
    task_row("core.mail.tasks.send_mail", TaskResultStatus.READY, enqueued_ago=timedelta(seconds=30))
    task_row(
        "core.retention.purge_personal_data_daily",
        TaskResultStatus.READY,
        enqueued_ago=timedelta(days=2),
        run_after=timezone.now() + timedelta(days=1),
    )

    status, body, _ = health()

    assert status == 200, body
    assert set(body["checks"].values()) == {"ok"}


@override_settings(TASKS=TASKS_IN_THE_DATABASE, HEALTH_QUEUE_MAX_AGE_SECONDS=MAX_AGE)
def test_unhealthy_when_a_due_task_waited_longer_than_the_limit():
    recurring_succeeded()
    task_row(
        "core.mail.tasks.send_mail", TaskResultStatus.READY, enqueued_ago=timedelta(seconds=MAX_AGE + 60)
    )

    status, body, _ = health()

    assert status == 503
    assert body["status"] == "failing"
    assert body["checks"]["task_queue"] == "failing"
    assert body["checks"]["database"] == "ok"


@override_settings(TASKS=TASKS_IN_THE_DATABASE, HEALTH_QUEUE_MAX_AGE_SECONDS=MAX_AGE)
def test_a_deferred_task_counts_from_its_run_after():
    recurring_succeeded()
    # Queued a day ago for a moment that passed only a minute ago: it has waited a minute.
    task_row(
        "core.scheduling.publish_scheduled_every_minute",
        TaskResultStatus.READY,
        enqueued_ago=timedelta(days=1),
        run_after=timezone.now() - timedelta(minutes=1),
    )
    assert health()[0] == 200

    task_row(
        "core.scheduling.publish_scheduled_every_minute",
        TaskResultStatus.READY,
        enqueued_ago=timedelta(days=1),
        run_after=timezone.now() - timedelta(seconds=MAX_AGE + 60),
    )
    status, body, _ = health()
    assert status == 503
    assert body["checks"]["task_queue"] == "failing"


# --- Recurring tasks ----------------------------------------------------------------------------


@override_settings(TASKS=TASKS_IN_THE_DATABASE, HEALTH_QUEUE_MAX_AGE_SECONDS=MAX_AGE)
def test_unhealthy_when_a_recurring_task_never_succeeded():
    recurring_succeeded(skip={"partner_feeds"})
    # Runs that failed do not count.
    task_row(
        partner_tasks.import_partner_feeds_regularly.module_path,
        TaskResultStatus.FAILED,
        finished_ago=timedelta(seconds=10),
    )

    status, body, _ = health()

    assert status == 503
    assert body["checks"]["partner_feeds"] == "failing"
    assert body["checks"]["scheduled_publishing"] == "ok"
    assert body["checks"]["personal_data_purge"] == "ok"


@override_settings(
    TASKS=TASKS_IN_THE_DATABASE,
    HEALTH_QUEUE_MAX_AGE_SECONDS=MAX_AGE,
    HEALTH_RECURRING_SLACK=3,
)
def test_unhealthy_when_a_recurring_task_last_succeeded_too_long_ago():
    # Scheduled publishing runs every minute: 3 minutes of slack plus the queue's 10 minutes.
    allowed = 3 * scheduling.INTERVAL + timedelta(seconds=MAX_AGE)
    recurring_succeeded(skip={"scheduled_publishing"})
    task_row(
        scheduling.publish_scheduled_every_minute.module_path,
        TaskResultStatus.SUCCESSFUL,
        finished_ago=allowed - timedelta(seconds=30),
    )
    assert health()[0] == 200

    DBTaskResult.objects.filter(task_path=scheduling.publish_scheduled_every_minute.module_path).update(
        finished_at=timezone.now() - allowed - timedelta(seconds=30)
    )
    caches["default"].clear()  # the last success is remembered for a minute (next test)
    status, body, _ = health()
    assert status == 503
    assert body["checks"]["scheduled_publishing"] == "failing"
    # The purge runs daily: a success 13 hours ago is fine for it.
    assert body["checks"]["personal_data_purge"] == "ok"


@override_settings(TASKS=TASKS_IN_THE_DATABASE, HEALTH_QUEUE_MAX_AGE_SECONDS=MAX_AGE)
def test_a_last_success_is_read_once_a_minute_not_at_every_probe():
    """Finished results are not indexed: the last success is remembered in the default cache for
    LAST_SUCCESS_MEMO_SECONDS, so a probe every few seconds does not scan the table each time."""
    recurring_succeeded(skip={"partner_feeds"})
    assert health()[1]["checks"]["partner_feeds"] == "failing"

    task_row(
        partner_tasks.import_partner_feeds_regularly.module_path,
        TaskResultStatus.SUCCESSFUL,
        finished_ago=timedelta(seconds=1),
    )
    assert health()[1]["checks"]["partner_feeds"] == "failing"
    assert LAST_SUCCESS_MEMO_SECONDS == 60

    caches["default"].clear()  # what a minute does
    status, body, _ = health()
    assert status == 200, body
    assert body["checks"]["partner_feeds"] == "ok"


def test_every_task_that_queues_its_own_next_run_is_checked_with_its_own_interval():
    """A new recurring task (a caller of ``queue_next_run``) must get a line in config/health.py."""
    callers = set()
    for source in ROOT.glob("*/**/*.py"):
        if ".venv" in source.parts or "tests" in source.parts or source.name == "recurring.py":
            continue
        text = source.read_text()
        if "queue_next_run(" not in text:
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "queue_next_run":
                module = ".".join(source.relative_to(ROOT).with_suffix("").parts)
                callers.add(f"{module}.{node.args[0].id}")

    checked = {task.module_path: interval() for task, interval in RECURRING.values()}
    assert callers == set(checked)
    assert checked[scheduling.publish_scheduled_every_minute.module_path] == scheduling.INTERVAL
    assert checked[retention.purge_personal_data_daily.module_path] == retention.INTERVAL
    with override_settings(FEEDS_IMPORT_INTERVAL_MINUTES=15):
        feeds = partner_tasks.import_partner_feeds_regularly.module_path
        assert {task.module_path: interval() for task, interval in RECURRING.values()}[feeds] == timedelta(
            minutes=15
        )


# --- The cache ----------------------------------------------------------------------------------


def redis_cache(location):
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": "healthz-test",
    }


def test_unhealthy_when_the_cache_is_unreachable():
    from django.conf import settings

    admin = get_user_model().objects.create_superuser("beheerder-c", "c@example.org", "x")
    admin_client = Client()
    admin_client.force_login(admin)
    dead = redis_cache(f"redis://127.0.0.1:{unused_port()}/0")
    with override_settings(CACHES={**settings.CACHES, "default": dead}):
        probe = Client(raise_request_exception=False).get("/healthz")
        status, body, _ = health(admin_client)

    # A load balancer's probe (no cookie) reads "unhealthy": the page cache, which answers
    # cookieless requests before any view, steps aside when the cache is down.
    assert probe.status_code == 503
    assert status == 503
    assert body["checks"]["cache"] == "failing"
    assert "Connection Error" in body["details"]["cache"]["detail"]
    assert body["checks"]["database"] == "ok"


def test_healthy_on_a_real_redis():
    from django.conf import settings

    with override_settings(CACHES={**settings.CACHES, "default": redis_cache("redis://127.0.0.1:6379/0")}):
        status, body, _ = health()

    assert status == 200, body
    assert body["checks"]["cache"] == "ok"


# --- Who sees what ------------------------------------------------------------------------------


@override_settings(TASKS=TASKS_IN_THE_DATABASE, HEALTH_QUEUE_MAX_AGE_SECONDS=MAX_AGE)
def test_the_public_sees_ok_or_failing_and_a_superuser_the_details():
    recurring_succeeded(skip={"partner_feeds"})
    task_row(
        "core.mail.tasks.send_mail", TaskResultStatus.READY, enqueued_ago=timedelta(seconds=MAX_AGE + 60)
    )

    status, public, response = health()
    assert status == 503
    assert "details" not in public
    text = Client().get("/healthz").content.decode()
    for internal in ("never succeeded", "waited", "limit", "Unavailable", "core.", "partners."):
        assert internal not in json.dumps(public)
        assert internal not in text

    editor = get_user_model().objects.create_user("redacteur-h", "r@example.org", "x")
    editor_client = Client()
    editor_client.force_login(editor)
    assert "details" not in health(editor_client)[1]

    admin = get_user_model().objects.create_superuser("beheerder-h", "b@example.org", "x")
    admin_client = Client()
    admin_client.force_login(admin)
    _, detailed, _ = health(admin_client)
    assert detailed["checks"] == public["checks"]
    assert "never succeeded" in detailed["details"]["partner_feeds"]["detail"]
    assert "waited" in detailed["details"]["task_queue"]["detail"]
    assert "last succeeded" in detailed["details"]["scheduled_publishing"]["detail"]
    assert "partner_feeds: failing (" in admin_client.get("/healthz").content.decode()

    # Where the second factor is required, a superuser who has not passed it sees no more.
    with override_settings(TWO_FACTOR_REQUIRED=True):
        assert "details" not in health(admin_client)[1]


@override_settings(TASKS=TASKS_IN_THE_DATABASE)
def test_the_command_on_the_server_prints_the_details_and_fails():
    """``manage.py health_check healthz --no-http`` (docs/operations.md): the checks without a web
    server, with their details, exit status 1 when one fails."""
    out = io.StringIO()
    try:
        with pytest.raises(SystemExit) as exit_status:
            call_command("health_check", "healthz", "--no-http", stdout=out)
    finally:
        # Outside a request the task checks' queries run on asgiref's one worker thread, whose
        # connection would otherwise stay open and keep PostgreSQL from dropping the test database.
        asyncio.run(sync_to_async(connections.close_all)())

    assert exit_status.value.code == 1
    printed = out.getvalue()
    assert "Database(alias='default'): OK" in printed
    assert "RecurringTask(name='partner_feeds'): Unavailable: never succeeded" in printed
