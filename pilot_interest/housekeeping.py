"""Keeping a submission no longer than needed: the contact's details go after a retention period.

``PILOT_INTEREST_RETENTION_MONTHS`` (24) after a submission came in, its contact name, e-mail
address and phone number are blanked, and so is any mail error (it may quote the address). What
the programme needs for its figures and its memory stays: the municipality, the neighbourhood or
village, the challenge, the status, the team's notes and the dates. Safe to run any number of
times: an anonymised row is never touched again (``anonymised_at``).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from core.recurring import queue_next_run

from .models import PilotInterest


def purge_cutoff(now=None):
    """Submissions that came in before this moment are anonymised."""
    now = now or timezone.now()
    return now - timedelta(days=round(30.44 * settings.PILOT_INTEREST_RETENTION_MONTHS))


def to_anonymise(now=None):
    return PilotInterest.objects.filter(anonymised_at=None, created_at__lt=purge_cutoff(now))


def anonymise(batch_size=500):
    """Blank the contact's details in batches of one UPDATE each; returns how many."""
    done = 0
    while True:
        ids = list(to_anonymise().values_list("pk", flat=True)[:batch_size])
        if not ids:
            return done
        PilotInterest.objects.filter(pk__in=ids).update(
            contact_name="", email="", phone="", mail_error="", anonymised_at=timezone.now()
        )
        done += len(ids)


@task()
def purge_pilot_interest_daily():
    """Queue tomorrow's run (``core.recurring``: a failing run does not end the chain), then
    anonymise what is due."""
    queue_next_run(purge_pilot_interest_daily, timedelta(days=1))
    return anonymise()
