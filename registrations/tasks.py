"""Mailing many registrations once each: reminders and the report.

Sending itself is ``core.mail``'s (through the Tasks API, after the commit, retried when it may
help; see ``messages``). What is left here is claiming each row before its mail is queued.
"""

from django.db import transaction
from django.utils import timezone

from .messages import queue
from .models import Registration


def mail_each_once(registrations, sent_field, kind, progress=None):
    """Queue the ``kind`` mail for each of ``registrations`` whose ``sent_field`` is still empty.

    Each row is claimed by an UPDATE that fills ``sent_field``: two runs at once (a cron job and an
    editor's button, two editors) mail nobody twice. Returns how many were queued.
    """
    queued = 0
    for registration_id in registrations.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=registration_id, **{sent_field: None}).update(
                **{sent_field: timezone.now()}
            )
            if claimed:
                queue(registration_id, kind)
        queued += claimed
        if progress:
            progress(queued)
    return queued
