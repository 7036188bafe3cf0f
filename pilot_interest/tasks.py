"""The two mails of a submission go out through the Tasks API, never inside the visitor's request.

In production ``db_worker`` sends them, so a slow or dead SMTP server never holds up the page. A
failed send is written on the submission (``mail_error``, one line per mail, shown in the admin)
and, when the backend can wait, tried again later with a growing delay; the send that succeeds
removes its line. An address the server refuses for good (5xx) is not tried again. A mail that
went out is never sent again by a second run of its task.
"""

import smtplib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .messages import ACKNOWLEDGEMENT, TEAM, build
from .models import PilotInterest

__all__ = ["ACKNOWLEDGEMENT", "RETRY_DELAYS", "TEAM", "send_pilot_interest_mail"]

RETRY_DELAYS = (60, 300, 1800, 7200)  # seconds before the second, third, fourth and fifth try
SENT_AT = {TEAM: "team_mail_sent_at", ACKNOWLEDGEMENT: "acknowledgement_sent_at"}
# How a line of ``mail_error`` names its mail (editors read it; Dutch like the rest of the admin).
ERROR_LABEL = {TEAM: "aan het team", ACKNOWLEDGEMENT: "bevestiging aan de afzender"}
ERROR_LINE_LENGTH = 280


def _refused_for_good(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _reason in error.recipients.values())
    return False


def _other_errors(mail_error, kind):
    prefix = ERROR_LABEL[kind] + ":"
    return [line for line in mail_error.splitlines() if line.strip() and not line.startswith(prefix)]


def _record(interest_id, kind, error=None):
    """Mark ``kind`` sent (no ``error``) or failed; the other mail's error line stays."""
    with transaction.atomic():
        interest = PilotInterest.objects.select_for_update().filter(pk=interest_id).first()
        if interest is None:
            return
        lines = _other_errors(interest.mail_error, kind)
        changes = {}
        if error is None:
            changes[SENT_AT[kind]] = timezone.now()
        else:
            message = " ".join(str(error).split()) or type(error).__name__
            lines.append(f"{ERROR_LABEL[kind]}: {message}"[:ERROR_LINE_LENGTH])
        changes["mail_error"] = "\n".join(lines)[: PilotInterest._meta.get_field("mail_error").max_length]
        PilotInterest.objects.filter(pk=interest_id).update(**changes)


@task()
def send_pilot_interest_mail(interest_id, kind, attempt=0):
    """Send the team's mail (``TEAM``) or the sender's acknowledgement (``ACKNOWLEDGEMENT``)."""
    interest = PilotInterest.objects.select_related("municipality").filter(pk=interest_id).first()
    if interest is None or interest.anonymised_at is not None:
        return "gone"
    if getattr(interest, SENT_AT[kind]) is not None:
        return "sent already"
    try:
        build(interest, kind).send()
    except OSError as error:  # smtplib's errors are OSErrors: refused, dropped, timed out
        _record(interest_id, kind, error)
        backend = send_pilot_interest_mail.get_backend()
        if attempt < len(RETRY_DELAYS) and backend.supports_defer and not _refused_for_good(error):
            run_after = timezone.now() + timedelta(seconds=RETRY_DELAYS[attempt])
            send_pilot_interest_mail.using(run_after=run_after).enqueue(interest_id, kind, attempt + 1)
        return "failed"
    _record(interest_id, kind)
    return "sent"
