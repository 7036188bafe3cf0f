"""``manage.py purge_personal_data [--schedule] [--only NAME] [--dry-run]``: apply the retention
policies the apps declared (``core.retention``).

Without options every policy runs once, in the order the apps registered them, and the command
prints per policy what is due, its progress when that takes more than one batch, and what it did.
``--only`` limits the run to one policy (``registrations.past_meetings``) or one app's
(``registrations``); give it more than once for more. ``--dry-run`` only counts. Stopping a run
halfway is safe: each batch is committed, and the next run picks up what is left.

``--schedule`` instead queues the daily task that applies every policy (``db_worker`` runs it and
queues the next); a run already waiting is kept, so a deploy may give it every time. Without a
backend that can wait, run this command daily from cron.

``purge_registrations``, ``purge_pilot_interest`` and ``purge_search_log`` are the older names of
this command with ``--only`` set to their app, kept for existing cron lines.
"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import retention
from core.recurring import start_chain


class Command(BaseCommand):
    help = (
        "Anonymise or delete personal data past its retention period, per the apps' retention "
        "policies (--schedule: every day)."
    )
    # What a run without --only covers; the older command names set it to their app.
    only = ()

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true", help="queue the daily task instead")
        parser.add_argument(
            "--only",
            action="append",
            metavar="NAME",
            help="only this policy or this app's policies (may be given more than once)",
        )
        parser.add_argument("--dry-run", action="store_true", help="count what is due, change nothing")

    def handle(self, *args, schedule=False, only=None, dry_run=False, **options):
        if schedule:
            self.schedule(only, dry_run)
            return
        try:
            chosen = retention.policies.select(only or self.only)
        except LookupError as error:
            raise CommandError(str(error)) from error
        now = timezone.now()
        for policy in chosen:
            self.purge(policy, now, dry_run)
        if dry_run:
            self.stdout.write("Proefdraai: er is niets veranderd.")

    def schedule(self, only, dry_run):
        if only or dry_run:
            raise CommandError("--schedule plant de dagelijkse taak voor alles; zonder --only of --dry-run.")
        self.stdout.write(
            start_chain(
                retention.purge_personal_data_daily,
                cron_advice="draai `manage.py purge_personal_data` dagelijks (cron).",
                started="De dagelijkse taak staat in de wachtrij (manage.py db_worker voert hem uit).",
            )
        )

    def purge(self, policy, now, dry_run):
        total = policy.due(now).count()
        to_do = f"{total} {policy.label} {policy.action.to_do}"
        self.stdout.write(f"{policy.name}: {to_do}{period(policy, now)}.")
        if dry_run:
            return

        def progress(done):
            self.stdout.write(f"  {done} van {total}")

        # A long run says how far it is after every batch; one batch is over before anyone looks.
        long_run = total > policy.batch_size
        done = retention.apply(policy, now=now, progress=progress if long_run else None)
        self.stdout.write(f"Klaar: {done} {policy.label} {policy.action.done}.")


def period(policy, now):
    """The cut-off as the command prints it, after the count: `` (bewaartermijn 12 maanden: van
    vóór 2024-05-03 16:00)``; nothing for a policy whose rows say themselves what is due."""
    cutoff = policy.cutoff(now)
    if cutoff is None:
        return ""
    if isinstance(cutoff, datetime):
        cutoff = timezone.localtime(cutoff).strftime("%Y-%m-%d %H:%M")
    return f" (bewaartermijn {policy.kept}: van vóór {cutoff})"
