"""``manage.py purge_registrations [--schedule]``: delete registrations nobody confirmed in time,
and anonymise registrations of long-past meetings.

A pending registration whose confirmation link expired (``REGISTRATION_CONFIRM_HOURS``) is
deleted: it held no place, and nothing of it is kept. A registration keeps its meeting,
municipality, role and status (the programme counts those) and loses everything that names a
person, ``REGISTRATION_RETENTION_MONTHS`` (12) after its meeting ended. Batches are committed one
by one: stopping halfway and running again is safe. ``--schedule`` queues the daily task instead,
which ``db_worker`` runs and re-queues every day.
"""

from django.core.management.base import BaseCommand

from core.recurring import start_chain
from registrations.housekeeping import anonymise, delete_expired, purge_registrations_daily, to_anonymise


class Command(BaseCommand):
    help = (
        "Delete registrations nobody confirmed in time; anonymise registrations of meetings that "
        "ended longer ago than the retention period."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true", help="queue the daily task instead")

    def handle(self, *args, schedule=False, **options):
        if schedule:
            self.stdout.write(
                start_chain(
                    purge_registrations_daily,
                    cron_advice="draai `manage.py purge_registrations` dagelijks (cron).",
                    started="De dagelijkse taak staat in de wachtrij (manage.py db_worker voert hem uit).",
                )
            )
            return
        deleted = delete_expired()
        self.stdout.write(f"{deleted} onbevestigde aanmeldingen verwijderd.")
        total = to_anonymise().count()
        self.stdout.write(f"{total} aanmeldingen te anonimiseren.")
        done = anonymise(progress=lambda n: self.stdout.write(f"\r{n} van {total}", ending=""))
        self.stdout.write(f"\nKlaar: {done} aanmeldingen geanonimiseerd.")
