"""The search log is kept ``SEARCH_LOG_RETENTION_DAYS`` (365) days, then deleted, every day.

``purge_search_log_daily`` deletes what is due and queues its own next run a day later, so
``db_worker`` keeps it going once ``manage.py purge_search_log --schedule`` has started it; a run
already waiting is kept, so starting it at every deploy never doubles the chain. A backend that
cannot wait (the Immediate backend of development and tests) runs ``manage.py purge_search_log``
from cron instead.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from .models import SearchQueryDay

INTERVAL = timedelta(days=1)


def purge(now=None):
    """Delete the days older than ``SEARCH_LOG_RETENTION_DAYS``; returns how many rows went."""
    cutoff = timezone.localdate(now) - timedelta(days=settings.SEARCH_LOG_RETENTION_DAYS)
    deleted, _by_model = SearchQueryDay.objects.filter(day__lt=cutoff).delete()
    return deleted


def next_run_waiting():
    if not isinstance(purge_search_log_daily.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        task_path=purge_search_log_daily.module_path, status=TaskResultStatus.READY
    ).exists()


def queue_next_run(delay=INTERVAL):
    """Queue the task ``delay`` from now, unless the backend cannot wait or a run is waiting."""
    if not purge_search_log_daily.get_backend().supports_defer or next_run_waiting():
        return False
    purge_search_log_daily.using(run_after=timezone.now() + delay).enqueue()
    return True


@task()
def purge_search_log_daily():
    """Queue tomorrow's run first (a failing run does not end the chain), then purge."""
    queue_next_run()
    return purge()
