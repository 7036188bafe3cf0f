"""After the meeting: who came, and the report for those who did.

Editors take attendance in the admin: the confirmed registrations, each with a tick. Once the
report is on the meeting page they can e-mail its link to those who came, or, when nobody took
attendance, to everyone who had a place. Each registration gets the report once
(``report_sent_at``): pressing the button again after ticking a late arrival mails only them.
"""

from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from .models import Registration
from .tasks import mail_each_once


def take_attendance(meeting, present_ids):
    """Confirmed registrations of ``meeting`` in ``present_ids`` were there; the others were not."""
    confirmed = meeting.registrations.holding_a_place()
    with transaction.atomic():
        present = confirmed.filter(pk__in=present_ids).update(attended=True)
        absent = confirmed.exclude(pk__in=present_ids).update(attended=False)
    return present, absent


def attendance_taken(meeting):
    return meeting.registrations.filter(attended__isnull=False).exists()


def report_recipients(meeting):
    """Who the report goes to: those present, or everyone with a place when nobody took attendance."""
    recipients = meeting.registrations.holding_a_place().filter(anonymised_at=None)
    if attendance_taken(meeting):
        recipients = recipients.filter(attended=True)
    return recipients.order_by("pk")


def report_not_ready(meeting):
    """Why the report cannot be mailed yet, or ``None`` when it can."""
    if not meeting.is_past:
        return _("De bijeenkomst is nog niet voorbij.")
    if not meeting.live:
        return _("De pagina van de bijeenkomst is niet gepubliceerd.")
    if not strip_tags(meeting.report or "").strip():
        return _("Er staat nog geen verslag op de pagina. Schrijf het verslag en publiceer de pagina.")
    return None


def send_report(meeting, progress=None):
    """Queue the report mail for every recipient who has not had it; returns how many."""
    if report_not_ready(meeting):
        return 0
    recipients = report_recipients(meeting).filter(report_sent_at=None)
    return mail_each_once(recipients, "report_sent_at", "report", progress)


def report_counts(meeting):
    recipients = report_recipients(meeting)
    return {
        "recipients": recipients.count(),
        "already_sent": recipients.exclude(report_sent_at=None).count(),
        "attendance_taken": attendance_taken(meeting),
        "present": meeting.registrations.filter(status=Registration.Status.CONFIRMED, attended=True).count(),
    }
