"""``manage.py purge_search_log [--schedule]``: delete search-log days past the retention period.

``SEARCH_LOG_RETENTION_DAYS`` (365) says how long the search report's data is kept.
``--schedule`` queues the daily task instead (``search.retention``), which ``db_worker`` runs
and re-queues; a run already waiting is kept.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from search.retention import next_run_waiting, purge, purge_search_log_daily, queue_next_run


class Command(BaseCommand):
    help = "Delete search-log rows older than SEARCH_LOG_RETENTION_DAYS (--schedule: every day)."

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true", help="queue the daily task instead")

    def handle(self, *args, schedule=False, **options):
        if not schedule:
            deleted = purge()
            self.stdout.write(f"Klaar: {deleted} regels uit het zoeklogboek verwijderd.")
            return
        if not purge_search_log_daily.get_backend().supports_defer:
            raise CommandError(
                "De takenwachtrij kan niet uitstellen; draai `manage.py purge_search_log` dagelijks (cron)."
            )
        if next_run_waiting():
            self.stdout.write("De taak staat al in de wachtrij; er komt er geen tweede bij.")
            return
        queue_next_run(delay=timedelta(0))
        self.stdout.write("De dagelijkse taak staat in de wachtrij (manage.py db_worker voert hem uit).")
