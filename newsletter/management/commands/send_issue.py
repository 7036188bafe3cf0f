"""``manage.py send_issue ISSUE [--now] [--at ISO-TIME] [--rest | --newcomers]``: send a kwartaalupdate.

``--rest`` sends a cancelled or finished send to those it never reached (skipped by the cancel, or
failed); ``--newcomers`` sends a finished one to those who subscribed since. Nobody gets it twice.

Without ``--now`` the send is queued through the Tasks API and ``db_worker`` sends it. With
``--now`` it is sent in the foreground with a progress line. Either way the rows are written
first, so stopping (Ctrl+C, a kill, a reboot) and running the command again resumes the send:
nobody is skipped, and only a message that was in flight during a hard kill can arrive twice.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from newsletter.delivery import (
    NotReady,
    SendClosed,
    counts,
    run_send,
    send_to_newcomers,
    send_to_rest,
    start_send,
)
from newsletter.models import IssueSend, NewsletterIssuePage
from newsletter.tasks import enqueue_send

WAIT_CHECK_SECONDS = 1.0


def find_issue(value):
    issues = NewsletterIssuePage.objects.all()
    issue = issues.filter(pk=int(value)).first() if value.isdigit() else None
    if issue is None:
        matches = list(issues.filter(slug=value)[:2])
        if len(matches) > 1:
            raise CommandError(f"Meer dan één nummer heeft de slug {value!r}: geef het paginanummer (id).")
        issue = matches[0] if matches else None
    if issue is None:
        raise CommandError(f"Geen kwartaalupdate met id of slug {value!r}.")
    if not issue.live:
        raise CommandError(f"{issue.title!r} is niet gepubliceerd; publiceer het nummer eerst.")
    return issue


class Command(BaseCommand):
    help = "Send a kwartaalupdate to its subscribers (queued, or in the foreground with --now)."

    def add_arguments(self, parser):
        parser.add_argument("issue", help="page id or slug of the issue")
        parser.add_argument("--now", action="store_true", help="send in this process, with progress")
        parser.add_argument("--at", help="queue for this moment (ISO 8601, e.g. 2026-10-01T09:00)")
        again = parser.add_mutually_exclusive_group()
        again.add_argument("--rest", action="store_true", help="send to those a cancel or failure left out")
        again.add_argument("--newcomers", action="store_true", help="send to those who subscribed since")

    def handle(self, issue, now=False, at=None, rest=False, newcomers=False, **options):
        issue = find_issue(issue)
        if rest or newcomers:
            send = IssueSend.objects.filter(issue=issue).first()
            if send is None:
                raise CommandError(
                    "Dit nummer is nog niet verstuurd; verstuur het eerst zonder --rest of --newcomers."
                )
            try:
                added = send_to_rest(send) if rest else send_to_newcomers(send)
            except NotReady as exc:
                raise CommandError(f"Eerst aanpassen: {exc}") from None
            except SendClosed as exc:
                raise CommandError(f"Dat kan nu niet: de verzending is {exc}.") from None
            if not added:
                self.stdout.write("Er is niemand om het nummer nog aan te versturen.")
                return
            self.stdout.write(f"{issue.title}: nog {added} ontvangers.")
            send.refresh_from_db()
            self.queue_or_send(send, now)
            return
        send_after = None
        if at:
            send_after = parse_datetime(at)
            if send_after is None:
                raise CommandError(f"Onbekend tijdstip {at!r}; schrijf bijvoorbeeld 2026-10-01T09:00.")
            if timezone.is_naive(send_after):
                send_after = timezone.make_aware(send_after)
        try:
            send = start_send(issue, send_after=send_after)
        except NotReady as exc:
            raise CommandError(f"Eerst aanpassen: {exc}") from None
        except SendClosed as exc:
            raise CommandError(f"Deze verzending is al afgesloten ({exc}).") from None
        self.stdout.write(f"{issue.title}: {counts(send)['total']} ontvangers.")
        self.queue_or_send(send, now)

    def queue_or_send(self, send, now):
        if not now:
            if not enqueue_send(send):
                raise CommandError(
                    "De takenwachtrij kan niet uitstellen; start op het tijdstip zelf met --now."
                )
            self.stdout.write("In de wachtrij gezet; de worker (manage.py db_worker) verstuurt het.")
            return
        self.send_in_foreground(send)

    def progress(self, send, *_args):
        c = counts(send)
        self.stdout.write(
            f"\rverstuurd {c['sent']}  mislukt {c['failed']}  overgeslagen {c['skipped']}  "
            f"wacht {c['pending']}  (van {c['total']})",
            ending="",
        )
        self.stdout.flush()

    def wait_for(self, send, wake_at):
        """Sleep until ``wake_at``, but stop as soon as the send ends elsewhere.

        Another worker may hold the rows this one waits for, and finish them long before its
        claim would expire; an editor may pause or cancel meanwhile.
        """
        while timezone.now() < wake_at:
            time.sleep(min(WAIT_CHECK_SECONDS, max(0.0, (wake_at - timezone.now()).total_seconds())) + 0.05)
            send.refresh_from_db(fields=["status"])
            if send.status not in (IssueSend.Status.SENDING, IssueSend.Status.SCHEDULED):
                return

    def send_in_foreground(self, send):
        try:
            while True:
                outcome = run_send(send, on_batch=self.progress)
                self.progress(send)
                if (
                    outcome.status != IssueSend.Status.SENDING
                    and outcome.status != IssueSend.Status.SCHEDULED
                ):
                    break
                if outcome.wake_at is None:
                    break
                wait = max(0.0, (outcome.wake_at - timezone.now()).total_seconds())
                self.stdout.write(
                    f"\nWacht tot {wait:.0f} s op nieuwe pogingen of op een andere verzender "
                    "(Ctrl+C stopt; opnieuw starten hervat)..."
                )
                self.wait_for(send, outcome.wake_at)
        except KeyboardInterrupt:
            self.stdout.write("\nGestopt. Start het commando opnieuw om verder te gaan.")
            return
        self.stdout.write("")
        send.refresh_from_db()
        self.stdout.write(f"Klaar: {send.get_status_display()}.")
