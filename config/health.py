"""The checks behind ``/healthz`` (``core/health.py`` says what the answer looks like).

Listed here, in the project's composition root, because the recurring tasks live in several apps
and ``core`` may import none of them (``pyproject.toml``'s layers). A new task that queues its own
next run (``core.recurring.queue_next_run``) gets a line in ``RECURRING``.
"""

from health_check.checks import Cache, Database

from core import health, retention, scheduling
from partners import tasks as partner_tasks

# name in the answer → the task and its interval (a function: the feeds' interval is a setting)
RECURRING = {
    "scheduled_publishing": (scheduling.publish_scheduled_every_minute, lambda: scheduling.INTERVAL),
    "partner_feeds": (partner_tasks.import_partner_feeds_regularly, partner_tasks.interval),
    "personal_data_purge": (retention.purge_personal_data_daily, lambda: retention.INTERVAL),
}

CHECKS = (
    Database,
    # The default cache: Redis when REDIS_URL is set, else the local one of this process or disk.
    Cache,
    health.TaskQueue,
    *(
        (health.RecurringTask, {"name": name, "task": task, "interval": interval})
        for name, (task, interval) in RECURRING.items()
    ),
)

view = health.HealthView.as_view(checks=CHECKS)
