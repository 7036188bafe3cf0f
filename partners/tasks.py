"""Partner feeds are imported every ``FEEDS_IMPORT_INTERVAL_MINUTES`` (60), by the Tasks API.

The same pattern as scheduled publishing (``core.scheduling``): ``import_partner_feeds_regularly``
queues its own next run (``run_after``) before it imports, so one failing run does not end the
chain, and ``db_worker`` keeps it going once ``manage.py import_partner_feeds --schedule`` has
started it. A run that finds another one already waiting queues none, so starting it again at
every deploy never doubles it. A backend that cannot wait (the Immediate backend of development
and tests) imports once: there the command runs from cron (see the README).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from .feed_import import import_all_feeds


def interval():
    return timedelta(minutes=settings.FEEDS_IMPORT_INTERVAL_MINUTES)


def next_run_waiting():
    """True when a run of the task is already queued (the database backend can tell)."""
    if not isinstance(import_partner_feeds_regularly.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        task_path=import_partner_feeds_regularly.module_path, status=TaskResultStatus.READY
    ).exists()


def queue_next_run(delay=None):
    """Queue the task ``delay`` (default: the interval) from now, unless the backend cannot wait
    or a run is waiting. Returns whether it queued one."""
    if not import_partner_feeds_regularly.get_backend().supports_defer or next_run_waiting():
        return False
    delay = interval() if delay is None else delay
    import_partner_feeds_regularly.using(run_after=timezone.now() + delay).enqueue()
    return True


@task()
def import_partner_feeds_regularly():
    """Queue the next run, then import every partner's feed; how many feeds failed."""
    queue_next_run()
    runs = import_all_feeds()
    return sum(run.status == run.Status.ERROR for run in runs)
