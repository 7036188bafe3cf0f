"""Tasks that run again and again: each run queues the next one itself, with ``run_after``.

Scheduled publishing (``core.scheduling``), the partner feed import (``partners.tasks``) and the
purge of personal data (``core.retention``) keep themselves going this way, with no scheduler of
our own: ``db_worker`` runs a task, the task queues its successor *before* it works (so a failing
run does not end the chain), and a command's ``--schedule`` starts the chain. A run that finds
another one already waiting queues none, so starting it at every deploy never doubles it. A
backend that cannot wait (the Immediate backend of development and tests) cannot keep a chain:
there the command runs from cron (see the README).
"""

from datetime import timedelta

from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult


def run_waiting(task):
    """True when a run of ``task`` is already queued (only the database backend can tell)."""
    if not isinstance(task.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.READY).exists()


def queue_next_run(task, delay):
    """Queue ``task`` ``delay`` from now, unless the backend cannot wait or a run is waiting.

    Returns whether it queued one.
    """
    if not task.get_backend().supports_defer or run_waiting(task):
        return False
    task.using(run_after=timezone.now() + delay).enqueue()
    return True


def start_chain(task, *, cron_advice, started):
    """What a command's ``--schedule`` does: queue the first run at once; the message to print.

    ``cron_advice`` is the Dutch sentence for a backend that cannot wait (a ``CommandError``),
    ``started`` the one for a chain that now runs.
    """
    if not task.get_backend().supports_defer:
        raise CommandError(f"De takenwachtrij kan niet uitstellen; {cron_advice}")
    if not queue_next_run(task, timedelta(0)):
        return "De taak staat al in de wachtrij; er komt er geen tweede bij."
    return started
