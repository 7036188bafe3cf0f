"""Scheduled publishing: pages go live and expire on time, because a task runs every minute.

Wagtail publishes a page whose *go live* moment has come, and takes down one whose *expiry* has
passed, only when its ``publish_scheduled`` command runs. ``publish_scheduled_every_minute`` runs
that command through the Tasks API and queues its own next run a minute later
(``core.recurring``), so ``db_worker`` keeps it going in production once
``manage.py publish_scheduled --schedule`` has started it; without a backend that can wait,
``manage.py publish_scheduled`` runs from cron (see the README).
"""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django_tasks import task
from wagtail.management.commands.publish_scheduled import Command as PublishScheduled

from .recurring import queue_next_run

INTERVAL = timedelta(minutes=1)


def publish_due():
    """Publish every scheduled revision that is due and unpublish what has expired, once."""
    call_command(PublishScheduled(), stdout=StringIO())


@task()
def publish_scheduled_every_minute():
    """Queue the next run, then publish what is due and unpublish what has expired."""
    queue_next_run(publish_scheduled_every_minute, INTERVAL)
    publish_due()
