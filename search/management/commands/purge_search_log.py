"""``manage.py purge_search_log [--schedule]``: delete search-log days past the retention period.

``SEARCH_LOG_RETENTION_DAYS`` (365) says how long the search report's data is kept.
``--schedule`` queues the daily task instead (``search.retention``), which ``db_worker`` runs
and re-queues; a run already waiting is kept.
"""

from django.core.management.base import BaseCommand

from core.recurring import start_chain
from search.retention import purge, purge_search_log_daily


class Command(BaseCommand):
    help = "Delete search-log rows older than SEARCH_LOG_RETENTION_DAYS (--schedule: every day)."

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true", help="queue the daily task instead")

    def handle(self, *args, schedule=False, **options):
        if not schedule:
            deleted = purge()
            self.stdout.write(f"Klaar: {deleted} regels uit het zoeklogboek verwijderd.")
            return
        self.stdout.write(
            start_chain(
                purge_search_log_daily,
                cron_advice="draai `manage.py purge_search_log` dagelijks (cron).",
                started="De dagelijkse taak staat in de wachtrij (manage.py db_worker voert hem uit).",
            )
        )
