"""The search log is kept ``SEARCH_LOG_RETENTION_DAYS`` (365) days, then deleted, every day.

``purge_search_log_daily`` queues its own next run a day later, then deletes what is due
(``core.recurring``), so ``db_worker`` keeps it going once ``manage.py purge_search_log
--schedule`` has started it; without a backend that can wait the command runs from cron.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from core.recurring import queue_next_run

from .models import SearchQueryDay

INTERVAL = timedelta(days=1)


def purge(now=None):
    """Delete the days older than ``SEARCH_LOG_RETENTION_DAYS``; returns how many rows went."""
    cutoff = timezone.localdate(now) - timedelta(days=settings.SEARCH_LOG_RETENTION_DAYS)
    deleted, _by_model = SearchQueryDay.objects.filter(day__lt=cutoff).delete()
    return deleted


@task()
def purge_search_log_daily():
    """Queue tomorrow's run first (a failing run does not end the chain), then purge."""
    queue_next_run(purge_search_log_daily, INTERVAL)
    return purge()
