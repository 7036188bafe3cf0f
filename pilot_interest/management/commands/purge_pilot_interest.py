"""``manage.py purge_pilot_interest [--schedule]``: blank the contact details of old submissions.

A submission keeps its municipality, place, challenge, status and notes and loses the contact's
name, e-mail address and phone number ``PILOT_INTEREST_RETENTION_MONTHS`` (24) after it came in.
``--schedule`` queues the daily task instead, which ``db_worker`` runs and re-queues every day.
"""

from django.core.management.base import BaseCommand

from core.recurring import start_chain
from pilot_interest.housekeeping import anonymise, purge_pilot_interest_daily, to_anonymise


class Command(BaseCommand):
    help = "Blank the contact details of pilot-interest submissions older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true", help="queue the daily task instead")

    def handle(self, *args, schedule=False, **options):
        if schedule:
            self.stdout.write(
                start_chain(
                    purge_pilot_interest_daily,
                    cron_advice="draai `manage.py purge_pilot_interest` dagelijks (cron).",
                    started="De dagelijkse taak staat in de wachtrij (manage.py db_worker voert hem uit).",
                )
            )
            return
        self.stdout.write(f"{to_anonymise().count()} inzendingen te anonimiseren.")
        self.stdout.write(f"Klaar: {anonymise()} inzendingen geanonimiseerd.")
