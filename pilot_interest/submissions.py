"""Storing a submission, once: the same person twice for the same place is one submission.

A double click, a reload of the thank-you page or a second try after a slow answer sends the same
form again. The same address for the same municipality and neighbourhood or village within
``DUPLICATE_WINDOW`` finds the row that is there: nothing new is stored and nobody is mailed
again, and the visitor sees the same thank-you page. The check runs under a lock on the
municipality's row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``IMMEDIATE`` transactions
serialise writers), so two copies sent at the same moment still make one row.

The mails (to the team, and the acknowledgement to the sender) go out only after the commit
(``core.mail``).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from knowledge.models import Municipality

from .messages import ACKNOWLEDGEMENT, TEAM, queue
from .models import PilotInterest

DUPLICATE_WINDOW = timedelta(hours=24)


def recent_duplicate(email, municipality, place, now=None):
    since = (now or timezone.now()) - DUPLICATE_WINDOW
    return (
        PilotInterest.objects.filter(
            email=email.strip().lower(),
            municipality=municipality,
            place__iexact=place,
            created_at__gte=since,
        )
        .order_by("-created_at")
        .first()
    )


def submit(*, municipality, contact_name, email, phone, place, challenge, language):
    """Store the submission and queue its mails; returns ``(interest, created)``."""
    with transaction.atomic():
        list(Municipality.objects.select_for_update().filter(pk=municipality.pk))  # the lock
        existing = recent_duplicate(email, municipality, place)
        if existing is not None:
            return existing, False
        now = timezone.now()
        interest = PilotInterest.objects.create(
            municipality=municipality,
            contact_name=contact_name,
            email=email,
            phone=phone,
            place=place,
            challenge=challenge,
            language=language,
            consent_given_at=now,
            created_at=now,
        )
        for kind in (TEAM, ACKNOWLEDGEMENT):
            queue(interest, kind)  # core.mail sends it once the transaction commits
    return interest, True
