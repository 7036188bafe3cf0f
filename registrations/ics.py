"""The calendar invitation (``.ics``) that goes with a registration e-mail (RFC 5545 / iTIP).

One event per registration, with a ``UID`` that stays the same for it, so a calendar updates the
entry instead of adding one: ``METHOD:REQUEST`` with a higher ``SEQUENCE`` when the meeting moves,
``METHOD:CANCEL`` when the registration or the meeting is cancelled. The personal invitation may
carry the online link; the public one on the meeting page never does.

A registration that was cancelled and is made again (the same row: one per address and meeting)
gets a *new* UID (``registration_uid``, from ``Registration.calendar_round``) rather than the old
UID with a higher ``SEQUENCE``. RFC 5546 lets an organiser reinstate a cancelled event with a
higher ``SEQUENCE``, but calendars don't agree on it: some keep a cancelled UID deleted (in the
bin) and silently drop a later invitation for it. A new registration is a new appointment, so a
new event is what every calendar accepts; the cancelled one stays cancelled.
"""

from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from core.http import site_host

TIME_ZONE = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Provincie Gelderland//Leefbaarheid Gelderland//NL"


def _where(meeting):
    return ", ".join(part for part in (meeting.location_name, meeting.address) if part)


def _event(meeting, uid, url, with_online_link):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.start.astimezone(TIME_ZONE))
    event.add("dtend", meeting.end.astimezone(TIME_ZONE))
    event.add("summary", meeting.title)
    description = meeting.introduction or ""
    if with_online_link and meeting.online_link:
        description = f"{description}\n\nOnline: {meeting.online_link}".strip()
    if description:
        event.add("description", description)
    where = _where(meeting)
    if with_online_link and meeting.online_link and not where:
        where = meeting.online_link
    if where:
        event["location"] = vText(where)
    if url:
        event.add("url", url)
    organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organizer.params["cn"] = vText(settings.WAGTAIL_SITE_NAME)
    event["organizer"] = organizer
    return event


def _calendar(method, event):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def registration_uid(registration):
    """The event's UID: the same for every mail of one registration, new when it starts again.

    Round 0 keeps the UID invitations had before rounds existed, so entries already in people's
    calendars are still updated.
    """
    round_ = f"-{registration.calendar_round}" if registration.calendar_round else ""
    return f"registration-{registration.pk}{round_}@{site_host()}"


def registration_ics(registration, url="", cancel=False, meeting=None):
    """The registrant's invitation (or its cancellation), online link included.

    ``meeting``: the meeting as the registrant reads it (its title in their language); by
    default the meeting the registration points at, in the main language.
    """
    meeting = meeting or registration.meeting
    event = _event(meeting, registration_uid(registration), url, with_online_link=True)
    event.add("sequence", registration.calendar_sequence)
    attendee = vCalAddress(f"mailto:{registration.email}")
    attendee.params["cn"] = vText(registration.name)
    attendee.params["partstat"] = "DECLINED" if cancel else "ACCEPTED"
    event.add("attendee", attendee)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    return _calendar("CANCEL" if cancel else "REQUEST", event)


def public_ics(meeting, url=""):
    """The meeting for anyone's calendar: no method, no attendee, never the online link."""
    event = _event(meeting, f"meeting-{meeting.translation_key}@{site_host()}", url, with_online_link=False)
    return _calendar(None, event)
