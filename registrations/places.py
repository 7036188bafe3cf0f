"""Who gets a place: confirmation, capacity and waitlist, decided under a lock so that it holds
under load.

A place is final only once its address is confirmed. The form (``register``) stores a
``pending`` registration that holds no place and mails a link; the POST behind that link
(``confirm``) decides the place. So a bot that fills the form with made-up addresses takes
nobody's place: its registrations wait unconfirmed until they expire and are deleted
(``housekeeping.UNCONFIRMED``). On top of that the form takes at most ``REGISTRATION_LIMIT_PER_CLIENT``
registrations per meeting from one client and ``REGISTRATION_PENDING_PER_DOMAIN`` unconfirmed ones
per mail domain, and mails one registration at most once per ``MAIL_INTERVAL``.

Every decision about places (a confirmation, a cancellation and the promotion it allows, an
editor's promotion or junk removal) and every count behind a limit runs in one transaction that
first locks the meeting's row (``SELECT … FOR UPDATE`` on PostgreSQL) and only then counts. Forty
people pressing "confirm" at once for ten places are taken one after the other: ten are confirmed
and thirty wait, none is lost. SQLite has no row locks; there ``IMMEDIATE`` transactions (see the
settings) serialise the writers.

E-mails are queued only after the commit (``transaction.on_commit``), so nobody is told about a
place that a rollback took back.
"""

import enum
from collections import defaultdict
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core.caching import bump_content_version
from knowledge.models import MeetingPage
from knowledge.models.meetings import Places

from . import messages
from .models import Registration

# Sending the form again for the same address mails again only after this long.
MAIL_INTERVAL = timedelta(minutes=10)


class Outcome(enum.StrEnum):
    PENDING = "pending"  # stored without a place: the address has to be confirmed first
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    FULL = "full"  # no place and no waitlist: nothing stored
    ALREADY = "already"  # registered already: its mail again, at most once per MAIL_INTERVAL
    CLOSED = "closed"  # registration is not open (not yet, no longer, or the meeting is past)
    EXPIRED = "expired"  # the confirmation came after the deadline
    CANCELLED = "cancelled"  # the registration was cancelled before it was confirmed
    CLIENT_LIMIT = "client_limit"  # too many registrations from this client: nothing stored
    DOMAIN_LIMIT = "domain_limit"  # too many unconfirmed ones for this mail domain: nothing stored


LIMITS = (Outcome.CLIENT_LIMIT, Outcome.DOMAIN_LIMIT)
# Registrations that hold or wait for a place.
HAS_A_TURN = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)


def limit_per_client():
    return settings.REGISTRATION_LIMIT_PER_CLIENT


def pending_per_domain():
    return settings.REGISTRATION_PENDING_PER_DOMAIN


def client_key(address):
    """A keyed hash of the client's address (``core.ratelimit.client_address``), or "".

    Keyed with ``SECRET_KEY`` (``salted_hmac``): without the key nobody can find out which address
    made a registration by hashing every possible one. What is stored is enough to count one
    client's registrations per meeting, and nothing more.
    """
    if not address:
        return ""
    return salted_hmac("registrations.client", address, algorithm="sha256").hexdigest()


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


def coming_meetings_places():
    """For ``MEETING_PLACES_HOOK``: ``{translation key: Places}`` of every coming meeting in the
    main language that has a limit, counted in one query. What the pages show; a decision about
    a place counts again under the meeting's lock (``places_left``)."""
    rows = (
        MeetingPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, end__gte=timezone.now(), capacity__isnull=False
        )
        .annotate(taken=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)))
        .values_list("translation_key", "capacity", "taken", "has_waitlist")
    )
    return {
        str(key): Places(capacity, max(0, capacity - taken), waitlist)
        for key, capacity, taken, waitlist in rows
    }


def _has_room(meeting):
    left = places_left(meeting)
    return left is None or left > 0


def _place_for(meeting):
    """What a confirmed address gets now (under the meeting's lock): a place while there is room,
    else the waitlist, else None (full, no waitlist). The one rule for the form and the admin."""
    if _has_room(meeting):
        return Registration.Status.CONFIRMED
    if meeting.has_waitlist:
        return Registration.Status.WAITLISTED
    return None


def _mail_after_commit(registration, kind):
    messages.queue(registration.pk, kind)  # core.mail sends it once the transaction commits


def register(meeting, *, language, client="", **details):
    """The public form: register ``details["email"]`` for ``meeting`` without a place yet.

    Returns ``(Outcome, registration or None)``. A new address is stored ``pending`` and gets the
    mail with the confirmation link (``confirm`` decides the place). An address that is registered
    already gets its mail again (the link, or what it has), unless it got one less than
    ``MAIL_INTERVAL`` ago; the caller answers the same either way. ``client`` is the client's
    address (only its ``client_key`` is stored). ``details`` are the form's fields (name, email,
    municipality, organisation, role, accessibility_needs, case).
    """
    email = details["email"].strip().lower()
    key = client_key(client)
    with transaction.atomic():
        meeting = _locked(meeting)
        if not meeting.registration_is_open:
            return Outcome.CLOSED, None
        registration = Registration.objects.select_for_update().filter(meeting=meeting, email=email).first()
        if registration is not None and _still_counts(registration):
            kind = "confirm" if registration.status == Registration.Status.PENDING else registration.status
            _mail_unless_recent(registration, kind)
            return Outcome.ALREADY, registration
        # From here on a registration is added (or a cancelled or expired one starts again).
        if not _has_room(meeting) and not meeting.has_waitlist:
            return Outcome.FULL, None
        refused = _over_a_limit(meeting, email, key)
        if refused:
            return refused, None
        if registration is not None and registration.status == Registration.Status.CANCELLED:
            # Starting again after a cancellation: a new calendar event (see ``ics``), whose
            # SEQUENCE counts from 0 again, as every event's does.
            registration.calendar_round += 1
            registration.calendar_sequence = 0
        registration = registration or Registration(meeting=meeting)
        for field, value in details.items():
            setattr(registration, field, value)
        now = timezone.now()
        registration.email = email
        registration.language = language
        registration.status = Registration.Status.PENDING
        registration.created_at = now  # the confirmation deadline counts from here
        registration.consent_given_at = now
        registration.cancelled_at = None
        registration.client_key = key
        registration.save()
        _mail_unless_recent(registration, "confirm")
    return Outcome.PENDING, registration


def _still_counts(registration):
    """Confirmed, waitlisted, or pending with a link that still works."""
    if registration.status == Registration.Status.CANCELLED:
        return False
    return not registration.is_expired


def _over_a_limit(meeting, email, key):
    """``Outcome.CLIENT_LIMIT``, ``Outcome.DOMAIN_LIMIT`` or None for a new registration."""
    others = meeting.registrations.exclude(email=email)
    if key and others.active().filter(client_key=key).count() >= limit_per_client():
        return Outcome.CLIENT_LIMIT
    domain = email.rpartition("@")[2]
    if others.pending().filter(email__endswith=f"@{domain}").count() >= pending_per_domain():
        return Outcome.DOMAIN_LIMIT
    return None


def _mail_unless_recent(registration, kind):
    """Queue ``kind`` for the registration unless the form mailed it less than MAIL_INTERVAL ago."""
    now = timezone.now()
    if registration.mail_queued_at is not None and now - registration.mail_queued_at < MAIL_INTERVAL:
        return False
    _mail_from_the_form(registration, kind, now)
    return True


def _mail_from_the_form(registration, kind, now=None):
    registration.mail_queued_at = now or timezone.now()
    Registration.objects.filter(pk=registration.pk).update(mail_queued_at=registration.mail_queued_at)
    _mail_after_commit(registration, kind)


def cannot_confirm(registration, meeting=None):
    """Why ``registration`` can't be confirmed now (an ``Outcome``), or None when it can.

    The confirmation page asks this for its GET; ``confirm`` asks again under the lock.
    """
    meeting = meeting or registration.meeting
    if registration.status in (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED):
        return Outcome.ALREADY
    if registration.status == Registration.Status.CANCELLED:
        return Outcome.CANCELLED
    if registration.is_expired:
        return Outcome.EXPIRED
    if not meeting.registration_is_open:
        return Outcome.CLOSED
    return None


def confirm(registration):
    """The POST behind the link in the mail: the address is confirmed, now decide the place.

    Returns ``(Outcome, registration or None)``: confirmed while there is room, else waitlisted,
    else (no waitlist) ``FULL`` and the registration is deleted. Nothing changes when the link came
    too late (``EXPIRED``), the registration was cancelled (``CANCELLED``), registration is no
    longer open (``CLOSED``), or it was confirmed already (``ALREADY``).
    """
    with transaction.atomic():
        meeting = _locked(registration.meeting)
        registration = Registration.objects.select_for_update().filter(pk=registration.pk).first()
        if registration is None:  # deleted meanwhile (expired and purged, or full)
            return Outcome.EXPIRED, None
        if (refused := cannot_confirm(registration, meeting)) is not None:
            return refused, registration
        status = _place_for(meeting)
        if status is None:
            registration.delete()  # no place and no waitlist: nothing is kept of the person
            return Outcome.FULL, None
        registration.status = status
        registration.created_at = timezone.now()  # the waitlist's order: first confirmed, first served
        registration.notified_start, registration.notified_end = meeting.start, meeting.end
        registration.save(update_fields=["status", "created_at", "notified_start", "notified_end"])
        _mail_from_the_form(registration, status)
    return Outcome(status), registration


def cancel(registration, *, by_organiser=False):
    """Give the place up; the first on the waitlist gets it. Returns whoever was promoted, or None.

    ``by_organiser``: an editor cancelled it in the admin, and the mail says so. A pending
    registration gets no mail: nobody confirmed that its address belongs to a person.
    """
    with transaction.atomic():
        meeting = _locked(registration.meeting)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return None
        was_pending = registration.status == Registration.Status.PENDING
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.calendar_sequence += 1
        registration.save(update_fields=["status", "cancelled_at", "calendar_sequence"])
        if not was_pending:
            _mail_after_commit(registration, "removed" if by_organiser else "cancelled")
        return _promote_first(meeting)


def remove_as_junk(registrations):
    """An editor removes registrations a bot made: cancelled, and nobody is mailed about it.

    Their addresses are made up (or belong to someone who never registered), so a mail would only
    bounce or bother a stranger. The places they held go to the waitlist in its order, each
    promoted person mailed as always. Returns ``(how many were cancelled, [promoted])``.
    """
    by_meeting = defaultdict(list)
    for registration in registrations:
        by_meeting[registration.meeting_id].append(registration.pk)
    removed, promoted = 0, []
    with transaction.atomic():
        for meeting_id, ids in sorted(by_meeting.items()):
            # Registrations always belong to the meeting in the main language: lock that one.
            meeting = MeetingPage.objects.select_for_update(of=("self",)).get(pk=meeting_id)
            removed += (
                Registration.objects.filter(pk__in=ids)
                .exclude(status=Registration.Status.CANCELLED)
                .update(status=Registration.Status.CANCELLED, cancelled_at=timezone.now())
            )
            while (first := _promote_first(meeting)) is not None:
                promoted.append(first)
        if removed:
            # An UPDATE sends no signal: the places it gave back show at once all the same.
            bump_content_version()
    return removed, promoted


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


class Notice(NamedTuple):
    """Who hears of a meeting's change when it is published: ``kind`` is "cancelled", "moved" or
    None (nothing that mails anyone changed); ``confirmed`` and ``waitlisted`` count the people."""

    kind: str | None
    confirmed: int
    waitlisted: int

    @property
    def total(self):
        return self.confirmed + self.waitlisted


def _to_be_told(meeting, registrations):
    """``(kind, queryset)``: the rows of ``registrations`` that publishing ``meeting`` (its
    ``cancelled``, ``start`` and ``end`` as they are on the object) would mail.

    One rule for ``meeting_published``, which mails them, and ``notice``, which counts them for
    the editor first: the count an editor is shown is the number of mails that go out.
    """
    told = registrations.filter(status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED])
    if meeting.cancelled:
        # Pending rows are cancelled too, silently: an unconfirmed address is not mailed.
        return "cancelled", told
    # Someone never told a time (a registration from before times were kept) is not told it "moved".
    moved = told.filter(notified_start__isnull=False).exclude(
        notified_start=meeting.start, notified_end=meeting.end
    )
    return "moved", moved


def notice(meeting):
    """What publishing ``meeting`` as it is now (a revision, the form's values) would tell whom."""
    source = source_meeting(meeting)
    kind, rows = _to_be_told(meeting, source.registrations.all())
    counts = dict(rows.values_list("status").annotate(n=Count("pk")).order_by())
    confirmed = counts.get(Registration.Status.CONFIRMED, 0)
    waitlisted = counts.get(Registration.Status.WAITLISTED, 0)
    return Notice(kind if confirmed + waitlisted else None, confirmed, waitlisted)


def meeting_published(meeting):
    """After an editor publishes a meeting: tell registrants what changed for them.

    A cancelled meeting cancels every registration (the calendar's ``METHOD:CANCEL``). A meeting
    that moved sends those with a place the new time (the same UID, a higher ``SEQUENCE``) and
    those on the waitlist the new time too (no invitation: they have no place yet), so nobody
    plans for the old time. Runs once per change: what each registrant was told is kept on the
    row. Returns how many were mailed.
    """
    meeting = source_meeting(meeting)
    told = 0
    with transaction.atomic():
        _locked(meeting)
        active = meeting.registrations.exclude(status=Registration.Status.CANCELLED).select_for_update()
        kind, to_tell = _to_be_told(meeting, active)
        mailed = set(to_tell.values_list("pk", flat=True))
        if kind == "cancelled":
            for registration in active:
                registration.status = Registration.Status.CANCELLED
                registration.cancelled_at = timezone.now()
                registration.calendar_sequence += 1
                registration.save(update_fields=["status", "cancelled_at", "calendar_sequence"])
                if registration.pk in mailed:
                    _mail_after_commit(registration, "meeting_cancelled")
            return len(mailed)
        for registration in to_tell:
            registration.notified_start, registration.notified_end = meeting.start, meeting.end
            if registration.status == Registration.Status.CONFIRMED:
                registration.calendar_sequence += 1
                _mail_after_commit(registration, "moved")
            else:
                _mail_after_commit(registration, "moved_waitlisted")
            registration.save(update_fields=["calendar_sequence", "notified_start", "notified_end"])
            told += 1
    return told


def add_by_editor(meeting, *, language, **details):
    """An editor adds someone who phoned or mailed: the same places as the public form gives.

    The address needs no confirmation (the editor vouches for it), so the place is decided at
    once, under the meeting's lock as ``confirm`` does: a place while there is room, else the
    waitlist, else (no waitlist) ``FULL`` and nothing is stored. The person gets the same mail as
    after confirming: with a place, the invitation (.ics); on the waitlist, their turn. Also
    outside the registration window (that is for the public form), but never for a meeting that
    is over or cancelled (``CLOSED``). An address that holds or waits for a place already is
    ``ALREADY``: nothing changes. Returns ``(Outcome, registration or None)``.
    """
    email = details.pop("email").strip().lower()
    with transaction.atomic():
        meeting = _locked(meeting)
        if meeting.is_past or meeting.cancelled:
            return Outcome.CLOSED, None
        registration = Registration.objects.select_for_update().filter(meeting=meeting, email=email).first()
        if registration is not None and registration.status in HAS_A_TURN:
            return Outcome.ALREADY, registration
        status = _place_for(meeting)
        if status is None:
            return Outcome.FULL, None
        if registration is not None and registration.status == Registration.Status.CANCELLED:
            registration.calendar_round += 1  # a new calendar event, as in ``register``
            registration.calendar_sequence = 0
        registration = registration or Registration(meeting=meeting)
        for field, value in details.items():
            setattr(registration, field, value)
        now = timezone.now()
        registration.email = email
        registration.language = language
        registration.status = status
        registration.created_at = now  # the waitlist's order: added now, behind those waiting
        registration.consent_given_at = now
        registration.cancelled_at = None
        registration.client_key = ""
        registration.notified_start, registration.notified_end = meeting.start, meeting.end
        registration.save()
        _mail_from_the_form(registration, status, now)
    return Outcome(status), registration


def address_changed(registration):
    """An editor corrected the address of a registration: the new address gets the mail of where
    it stands (with the invitation for a place), since the old one may never have arrived.

    Returns True when a mail was queued (for a place or a turn on the waitlist; a pending or
    cancelled registration gets nothing).
    """
    with transaction.atomic():
        _locked(registration.meeting)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status not in HAS_A_TURN:
            return False
        if registration.status == Registration.Status.CONFIRMED:
            registration.calendar_sequence += 1  # the same event, brought up to date
            registration.save(update_fields=["calendar_sequence"])
        _mail_from_the_form(registration, registration.status)
    return True
