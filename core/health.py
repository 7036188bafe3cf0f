"""``/healthz``: is this site able to do its work? One answer for a load balancer and a person.

django-health-check runs the checks (``config/health.py`` lists them: the database, the default
cache, and the two below); this module adds the two checks of the task queue and the view that
answers.

- **The answer.** 200 when every check passes, 503 when one fails (a load balancer takes the
  instance out; the library's own view says 500, which reads as "the site crashed"). Never cached,
  outside the language prefix, sets no cookie. Plain text, or JSON with ``?format=json`` or
  ``Accept: application/json``.
- **What the public sees.** Per check only ``ok``, ``failing`` or ``not applicable``: no ages, task
  names, host names or error texts. A logged-in superuser (past the second factor where that is
  required) also gets each check's detail and time; ``manage.py health_check healthz --no-http``
  prints the details on the server. Not "every request from loopback": behind a reverse proxy on
  the same machine every visitor comes from loopback.
- **Cheap.** ``SELECT 1``, one cache write and read, one query on the queue's index of ready
  tasks, and a recurring task's last success, which is remembered for a minute (the query scans
  the task results). The library runs the checks side by side; the task checks use the request's
  own database connection.

The task checks (``TaskQueue``, ``RecurringTask``) apply only where tasks go through the database
(``django-tasks-db``, production); with the Immediate backend of development and tests they say
``not applicable`` and pass.
"""

import asyncio
import contextlib
import dataclasses
import datetime
import typing

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.cache import caches
from django.db.models import Case, F, Max, Min, When
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView, MediaType

# How long a recurring task's last success is remembered (RecurringTask.last_success).
LAST_SUCCESS_MEMO_SECONDS = 60
NOT_REMEMBERED = object()

OK = "ok"
FAILING = "failing"
NOT_APPLICABLE = "not applicable"


def database_backend_aliases():
    """The ``TASKS`` aliases whose tasks wait in the database (``django-tasks-db``)."""
    return [alias for alias in settings.TASKS if isinstance(task_backends[alias], DatabaseBackend)]


def _seconds(delta):
    return f"{delta.total_seconds():.0f} s"


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """Fails when a task has waited too long for ``db_worker``: the worker is down or stuck.

    The age is that of the oldest ready task whose ``run_after`` has passed, counted from the moment
    it could have run (``run_after``, or when it was queued if it had none), so a task queued for
    next week does not count. Limit: ``HEALTH_QUEUE_MAX_AGE_SECONDS``. One query on the queue's
    own index of ready tasks.
    """

    name = "task_queue"  # what the answer calls it (a class attribute, not a dataclass field)
    # Filled in by run() for the detail that superusers see; not part of the check's identity.
    detail: str = dataclasses.field(default="", init=False, repr=False, compare=False)
    applicable: bool = dataclasses.field(default=True, init=False, repr=False, compare=False)

    async def run(self):
        # In the request's own thread and connection (thread_sensitive): no connection of its own.
        await sync_to_async(self.inspect)()

    def inspect(self):
        aliases = database_backend_aliases()
        if not aliases:
            self.applicable = False
            self.detail = "tasks do not go through the database here"
            return
        # django-tasks-db stores "no run_after" as the far future; such a task is due when queued.
        due_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
        oldest = (
            DBTaskResult.objects.ready()
            .filter(backend_name__in=aliases)
            .aggregate(oldest=Min(due_since))["oldest"]
        )
        if oldest is None:
            self.detail = "no task is waiting"
            return
        waited = timezone.now() - oldest
        limit = datetime.timedelta(seconds=settings.HEALTH_QUEUE_MAX_AGE_SECONDS)
        self.detail = f"the oldest due task has waited {_seconds(waited)} (limit {_seconds(limit)})"
        if waited > limit:
            raise ServiceUnavailable(self.detail)


@dataclasses.dataclass
class RecurringTask(HealthCheck):
    """Fails when a task that runs again and again (``core.recurring``) has not succeeded lately.

    A run is due ``interval`` after the previous one started; it may wait in the queue as long as
    ``TaskQueue`` allows, and a run or two may fail. So the last success may be at most
    ``interval × HEALTH_RECURRING_SLACK + HEALTH_QUEUE_MAX_AGE_SECONDS`` ago. A task that never
    succeeded fails too: its chain was never started (``manage.py <command> --schedule``) or every
    run fails.

    ``name`` is what the answer calls it; ``interval`` is a function, so that an interval read
    from a setting (the partner feeds') is read at each check.
    """

    name: str
    task: typing.Any = dataclasses.field(repr=False)
    interval: typing.Callable[[], datetime.timedelta] = dataclasses.field(repr=False)

    detail: str = dataclasses.field(default="", init=False, repr=False, compare=False)
    applicable: bool = dataclasses.field(default=True, init=False, repr=False, compare=False)

    async def run(self):
        await sync_to_async(self.inspect)()

    def allowed(self):
        return self.interval() * settings.HEALTH_RECURRING_SLACK + datetime.timedelta(
            seconds=settings.HEALTH_QUEUE_MAX_AGE_SECONDS
        )

    def last_success(self):
        """When a run last succeeded (None: never), read at most once a minute per site.

        Finished results are never indexed by task or time, and nothing prunes them: at a year of
        minute-runs (525,600 rows) this query scans the table, about 0.3 s on PostgreSQL. The
        limits it is compared with are 13 minutes and more (with the default settings), so a
        minute-old answer from the shared cache does as well; a failing cache only costs the query.
        """
        key = f"healthz:last-success:{self.task.module_path}"
        try:
            remembered = caches["default"].get(key, NOT_REMEMBERED)
        except Exception:  # the cache check reports a broken cache; this one still answers
            remembered = NOT_REMEMBERED
        if remembered is not NOT_REMEMBERED:
            return remembered
        last = DBTaskResult.objects.filter(
            task_path=self.task.module_path, status=TaskResultStatus.SUCCESSFUL
        ).aggregate(last=Max("finished_at"))["last"]
        with contextlib.suppress(Exception):
            caches["default"].set(key, last, LAST_SUCCESS_MEMO_SECONDS)
        return last

    def inspect(self):
        if not isinstance(self.task.get_backend(), DatabaseBackend):
            self.applicable = False
            self.detail = "runs from cron here, not through the database"
            return
        last_success = self.last_success()
        allowed = self.allowed()
        if last_success is None:
            self.detail = "never succeeded"
            raise ServiceUnavailable(self.detail)
        ago = timezone.now() - last_success
        self.detail = f"last succeeded {_seconds(ago)} ago (limit {_seconds(allowed)})"
        if ago > allowed:
            raise ServiceUnavailable(self.detail)


def public_name(check):
    """What the answer calls a check: its ``name``, or its class (and cache or database alias)."""
    if name := getattr(check, "name", None):
        return name
    base = type(check).__name__.lower()
    alias = getattr(check, "alias", "default")
    return base if alias == "default" else f"{base}:{alias}"


def status_of(result):
    if result.error:
        return FAILING
    return OK if getattr(result.check, "applicable", True) else NOT_APPLICABLE


def detail_of(result):
    if result.error:
        return str(result.error)
    return getattr(result.check, "detail", "") or OK


def may_see_details(user):
    """A superuser who is logged in, past the second factor when production requires one."""
    if not (user.is_authenticated and user.is_active and user.is_superuser):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not settings.TWO_FACTOR_REQUIRED or bool(is_verified and is_verified())


def wants_json(request):
    if request.GET.get("format") == "json":
        return True
    try:
        preferred = next(MediaType.parse_header(request.headers.get("accept", "*/*")), None)
    except ValueError:  # a malformed Accept header gets the plain text, not an error
        return False
    return preferred is not None and preferred.mime_type in {"application/json", "application/*"}


class HealthView(HealthCheckView):
    """The library's view (checks side by side, never cached, no transaction) with this site's
    answer: 503 when failing, and details only for superusers (module docstring)."""

    checks = ()  # given by config/health.py through as_view(checks=...)

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            results = await asyncio.gather(*(check.get_result(executor) for check in self.get_checks()))
        healthy = not any(result.error for result in results)
        status = 200 if healthy else 503
        # Only a request that carries a session cookie can be a superuser's: the load balancer's
        # probe never loads a session.
        detailed = settings.SESSION_COOKIE_NAME in request.COOKIES and may_see_details(await request.auser())
        checks = {public_name(result.check): status_of(result) for result in results}
        if wants_json(request):
            body = {"status": OK if healthy else FAILING, "checks": checks}
            if detailed:
                body["details"] = {
                    public_name(result.check): {
                        "detail": detail_of(result),
                        "seconds": round(result.time_taken, 4),
                    }
                    for result in results
                }
            return JsonResponse(body, status=status)
        lines = [OK if healthy else FAILING]
        for result in results:
            line = f"{public_name(result.check)}: {status_of(result)}"
            if detailed:
                line += f" ({detail_of(result)}; {result.time_taken:.3f} s)"
            lines.append(line)
        return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8", status=status)
