"""Running the database task queue inside a test, the way ``db_worker`` does in production."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_due_tasks():
    """What ``db_worker`` does, without its connection handling: run every task that is due.

    Returns how many ran. A task that queues another one that is already due runs it too.
    """
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    ran = 0
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim("test")
        worker.run_task(result)
        ran += 1
    return ran
