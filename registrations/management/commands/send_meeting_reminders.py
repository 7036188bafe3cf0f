"""``manage.py send_meeting_reminders``: remind confirmed registrants of meetings starting soon.

Sends each registration one reminder, ``REGISTRATION_REMINDER_HOURS`` (48) before the start or as
soon after as it runs; running it again sends nothing new. Run it from cron every hour, or let
the task queued on publish do it (``db_worker``).
"""

from django.core.management.base import BaseCommand

from registrations.housekeeping import reminders_due, send_reminders


class Command(BaseCommand):
    help = "Send the reminder e-mail to confirmed registrants of meetings that start soon."

    def handle(self, *args, **options):
        total = reminders_due().count()
        self.stdout.write(f"{total} herinneringen te versturen.")
        sent = send_reminders(progress=lambda n: self.stdout.write(f"\r{n} van {total}", ending=""))
        self.stdout.write(f"\nKlaar: {sent} herinneringen in de wachtrij gezet.")
