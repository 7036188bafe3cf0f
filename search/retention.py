"""The search log is kept ``SEARCH_LOG_RETENTION_DAYS`` (365) days, then deleted, every day.

The visitors' hashes (``SearchQueryVisitor``) serve only the no-results page's popular list,
which reads the last ``search.log.POPULAR_DAYS`` (90) days: they go once that list no longer reads
them, and never later than the day's counts.

``purge_search_log_daily`` queues its own next run a day later, then deletes what is due
(``core.recurring``), so ``db_worker`` keeps it going once ``manage.py purge_search_log
--schedule`` has started it; without a backend that can wait the command runs from cron.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from core.recurring import queue_next_run

from .log import POPULAR_DAYS
from .models import SearchQueryDay, SearchQueryVisitor

INTERVAL = timedelta(days=1)


def purge(now=None):
    """Delete the days older than ``SEARCH_LOG_RETENTION_DAYS``, and the visitors' hashes the popular
    list no longer reads; returns how many rows went."""
    today = timezone.localdate(now)
    cutoff = today - timedelta(days=settings.SEARCH_LOG_RETENTION_DAYS)
    deleted, _by_model = SearchQueryDay.objects.filter(day__lt=cutoff).delete()
    visitors_cutoff = max(cutoff, today - timedelta(days=POPULAR_DAYS))
    visitors, _by_model = SearchQueryVisitor.objects.filter(day__lt=visitors_cutoff).delete()
    return deleted + visitors


@task()
def purge_search_log_daily():
    """Queue tomorrow's run first (a failing run does not end the chain), then purge."""
    queue_next_run(purge_search_log_daily, INTERVAL)
    return purge()
