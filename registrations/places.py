"""Who gets a place: capacity and waitlist, decided under a lock so that it holds under load.

Every decision about places (a registration, a cancellation and the promotion it allows, an
editor's promotion) runs in one transaction that first locks the meeting's row (``SELECT … FOR
UPDATE`` on PostgreSQL) and only then counts the confirmed registrations. Forty people pressing
"register" at once for ten places are taken one after the other: ten are confirmed and thirty
wait, none is lost. SQLite has no row locks; there ``IMMEDIATE`` transactions (see the settings)
serialise the writers.

E-mails are queued only after the commit (``transaction.on_commit``), so nobody is told about a
place that a rollback took back.
"""

import enum

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from knowledge.models import MeetingPage

from .models import Registration
from .tasks import send_registration_mail


class Outcome(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    FULL = "full"  # no place and no waitlist: nothing stored
    ALREADY = "already"  # this address is registered already: its mail is sent again
    CLOSED = "closed"  # registration is not open (not yet, no longer, or the meeting is past)


def source_meeting(meeting):
    """The meeting in the site's main language: its translations share its places.

    Registrations always point at it, whichever language the visitor registered in.
    """
    if meeting.locale.language_code == settings.LANGUAGE_CODE:
        return meeting
    source = MeetingPage.objects.filter(
        translation_key=meeting.translation_key, locale__language_code=settings.LANGUAGE_CODE
    ).first()
    return source or meeting


def _locked(meeting):
    return MeetingPage.objects.select_for_update(of=("self",)).get(pk=source_meeting(meeting).pk)


def places_left(meeting):
    """Free places, or ``None`` for a meeting without a limit."""
    meeting = source_meeting(meeting)
    if meeting.capacity is None:
        return None
    return max(0, meeting.capacity - meeting.registrations.holding_a_place().count())


def _has_room(meeting):
    left = places_left(meeting)
    return left is None or left > 0


def _mail_after_commit(registration, kind):
    transaction.on_commit(lambda: send_registration_mail.enqueue(registration.pk, kind))


def register(meeting, *, language, **details):
    """Register ``details["email"]`` for ``meeting``; returns ``(Outcome, registration or None)``.

    ``details`` are the form's fields (name, email, municipality, organisation, role,
    accessibility_needs, case).
    """
    email = details["email"].strip().lower()
    with transaction.atomic():
        meeting = _locked(meeting)
        if not meeting.registration_is_open:
            return Outcome.CLOSED, None
        registration = Registration.objects.filter(meeting=meeting, email=email).first()
        if registration is not None and registration.status != Registration.Status.CANCELLED:
            _mail_after_commit(registration, registration.status)
            return Outcome.ALREADY, registration
        if _has_room(meeting):
            status = Registration.Status.CONFIRMED
        elif meeting.has_waitlist:
            status = Registration.Status.WAITLISTED
        else:
            return Outcome.FULL, None
        registration = registration or Registration(meeting=meeting)
        for field, value in details.items():
            setattr(registration, field, value)
        now = timezone.now()
        registration.email = email
        registration.language = language
        registration.status = status
        registration.created_at = now  # someone who comes back joins the end of the queue
        registration.consent_given_at = now
        registration.cancelled_at = None
        registration.notified_start, registration.notified_end = meeting.start, meeting.end
        registration.save()
        _mail_after_commit(registration, status)
    return Outcome(status), registration


def cancel(registration, *, by_organiser=False):
    """Give the place up; the first on the waitlist gets it. Returns whoever was promoted, or None.

    ``by_organiser``: an editor cancelled it in the admin, and the mail says so.
    """
    with transaction.atomic():
        meeting = _locked(registration.meeting)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return None
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.calendar_sequence += 1
        registration.save(update_fields=["status", "cancelled_at", "calendar_sequence"])
        _mail_after_commit(registration, "removed" if by_organiser else "cancelled")
        return _promote_first(meeting)


def promote(registration):
    """An editor gives a waitlisted registration a place, also when that goes over the capacity.

    Returns ``(promoted, places_left)``: ``promoted`` is False when it was not waiting (any more).
    """
    with transaction.atomic():
        meeting = _locked(registration.meeting)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.Status.WAITLISTED or meeting.is_past:
            return False, places_left(meeting)
        _give_place(registration, meeting)
        return True, places_left(meeting)


def _give_place(registration, meeting):
    registration.status = Registration.Status.CONFIRMED
    registration.notified_start, registration.notified_end = meeting.start, meeting.end
    registration.save(update_fields=["status", "notified_start", "notified_end"])
    _mail_after_commit(registration, "promoted")


def _promote_first(meeting):
    if meeting.is_past or not _has_room(meeting):
        return None
    first = meeting.registrations.waiting().select_for_update().first()
    if first is not None:
        _give_place(first, meeting)
    return first


def meeting_published(meeting):
    """After an editor publishes a meeting: tell registrants what changed for them.

    A cancelled meeting cancels every registration (the calendar's ``METHOD:CANCEL``); a meeting
    that moved sends confirmed registrants the new time (the same UID, a higher ``SEQUENCE``).
    Runs once per change: what each registrant was told is kept on the row. Returns how many.
    """
    meeting = source_meeting(meeting)
    told = 0
    with transaction.atomic():
        _locked(meeting)
        active = meeting.registrations.exclude(status=Registration.Status.CANCELLED).select_for_update()
        if meeting.cancelled:
            for registration in active:
                registration.status = Registration.Status.CANCELLED
                registration.cancelled_at = timezone.now()
                registration.calendar_sequence += 1
                registration.save(update_fields=["status", "cancelled_at", "calendar_sequence"])
                _mail_after_commit(registration, "meeting_cancelled")
                told += 1
            return told
        # Someone never told a time (added by hand in the admin) is not told it "moved".
        told_before = active.filter(status=Registration.Status.CONFIRMED, notified_start__isnull=False)
        moved = told_before.exclude(notified_start=meeting.start, notified_end=meeting.end)
        for registration in moved:
            registration.calendar_sequence += 1
            registration.notified_start, registration.notified_end = meeting.start, meeting.end
            registration.save(update_fields=["calendar_sequence", "notified_start", "notified_end"])
            _mail_after_commit(registration, "moved")
            told += 1
    return told
