"""``manage.py publish_scheduled [--dryrun] [--schedule]``: Wagtail's command, and its task.

Without ``--schedule`` this is Wagtail's own ``publish_scheduled`` (this app comes first in
``INSTALLED_APPS``, so its command is the one ``manage.py`` finds): publish the pages whose go-live
moment has come and unpublish those that have expired, once; run it every minute from cron when
no task worker runs. ``--schedule`` instead queues the task that does it every minute
(``core.scheduling``), which ``db_worker`` runs and re-queues; a run already waiting is kept.
"""

from wagtail.management.commands.publish_scheduled import Command as WagtailCommand

from core.recurring import start_chain
from core.scheduling import publish_scheduled_every_minute


class Command(WagtailCommand):
    help = "Publish pages whose go-live time has come and unpublish expired ones (--schedule: every minute)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the task that does this every minute (manage.py db_worker runs it)",
        )

    def handle(self, *args, schedule=False, **options):
        if not schedule:
            return super().handle(*args, **options)
        self.stdout.write(
            start_chain(
                publish_scheduled_every_minute,
                cron_advice="draai `manage.py publish_scheduled` elke minuut (cron).",
                started="Geplande publicatie staat in de wachtrij: "
                "manage.py db_worker voert hem elke minuut uit.",
            )
        )
