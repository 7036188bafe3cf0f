"""Scheduled publishing: pages go live and expire on time, because a task runs every minute.

Wagtail publishes a page whose *go live* moment has come, and takes down one whose *expiry* has
passed, only when its ``publish_scheduled`` command runs. ``publish_scheduled_every_minute`` runs
that command through the Tasks API and queues its own next run a minute later (``run_after``), so
``db_worker`` keeps it going in production once ``manage.py publish_scheduled --schedule`` has
started it. The next run is queued before the work starts, so one failing run does not end the
chain; and a run that finds another one already waiting queues none, so starting it again (at
every deploy) never doubles it. A backend that cannot wait (the Immediate backend of development
and tests) runs it once: there ``manage.py publish_scheduled`` runs from cron (see the README).
"""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from wagtail.management.commands.publish_scheduled import Command as PublishScheduled

INTERVAL = timedelta(minutes=1)


def publish_due():
    """Publish every scheduled revision that is due and unpublish what has expired, once."""
    call_command(PublishScheduled(), stdout=StringIO())


def next_run_waiting():
    """True when a run of the task is already queued (the database backend can tell)."""
    if not isinstance(publish_scheduled_every_minute.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        task_path=publish_scheduled_every_minute.module_path, status=TaskResultStatus.READY
    ).exists()


def queue_next_run(delay=INTERVAL):
    """Queue the task ``delay`` from now, unless the backend cannot wait or a run is waiting.

    Returns whether it queued one.
    """
    if not publish_scheduled_every_minute.get_backend().supports_defer or next_run_waiting():
        return False
    publish_scheduled_every_minute.using(run_after=timezone.now() + delay).enqueue()
    return True


@task()
def publish_scheduled_every_minute():
    """Queue the next run, then publish what is due and unpublish what has expired."""
    queue_next_run()
    publish_due()
