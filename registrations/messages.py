"""The e-mails of a registration: the link to confirm it, confirmed, waitlisted, promoted,
cancelled, removed, reminded, moved (to those with a place and to the waitlist), the meeting
cancelled, the report.

This module says what each mail says and to whom; ``core.mail`` builds and sends it (see
``MAILS``, registered in ``apps.py``). Each is written in the registrant's language from
``site/templates/registrations/email/<kind>{_subject.txt,.txt,.mjml}``. The first mail
(``confirm``) carries only the signed link that confirms the registration; every later one that
still has something to do carries the signed link to the registrant's own page (``manage_url``:
what they entered, their status, change it, cancel). One link, not one per action: the page has
the cancel button. A confirmation (also a promotion, or a new time) has the ``.ics``
invitation attached; a cancellation has the calendar's cancellation. A failed send is written on
the registration (``mail_error``, shown in the admin) until a later try of that mail succeeds.
"""

from functools import partial

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from core import mail

from . import tokens
from .ics import registration_ics
from .models import Registration, confirm_hours

KINDS = (
    "confirm",  # the form was sent: confirm with the link (no place yet, nothing to cancel)
    "confirmed",
    "waitlisted",
    "promoted",
    "cancelled",
    "removed",  # cancelled by an editor
    "reminder",
    "moved",
    "moved_waitlisted",  # the new time, to someone on the waitlist (no invitation: no place yet)
    "meeting_cancelled",
    "report",  # after the meeting: the link to its report
)
# Only those with a place get the online link (never the waitlist, never a page).
WITH_ONLINE_LINK = ("confirmed", "promoted", "reminder", "moved")
INVITATION = ("confirmed", "promoted", "moved")
CANCELLATION = ("cancelled", "removed", "meeting_cancelled")
# Mails to someone who still holds (or waits for) a place link to their own page.
WITH_MANAGE_LINK = ("confirmed", "waitlisted", "promoted", "reminder", "moved", "moved_waitlisted")


def _link(registration, url_name, purpose):
    with translation.override(registration.language):
        path = reverse(url_name, kwargs={"token": tokens.make_token(registration, purpose)})
    return settings.BASE_URL.rstrip("/") + path


def manage_url(registration):
    """The registrant's own page (see ``views.ManageView``), in their language."""
    return _link(registration, "registrations:manage", tokens.MANAGE)


def confirm_url(registration):
    return _link(registration, "registrations:confirm", tokens.CONFIRM)


def meeting_in_language(registration):
    """The meeting as the registrant reads it: its live translation in their language, else the
    meeting itself (registrations always point at the meeting in the main language)."""
    meeting = registration.meeting
    locale = Locale.objects.filter(language_code=registration.language).first()
    translated = locale and meeting.get_translation_or_none(locale)
    return translated if translated and translated.live else meeting


def meeting_url(registration, meeting=None):
    """The meeting's page in the registrant's language, as an absolute URL."""
    meeting = meeting or meeting_in_language(registration)
    with translation.override(registration.language):
        parts = meeting.get_url_parts()
    return settings.BASE_URL.rstrip("/") + parts[2] if parts else settings.BASE_URL


def attachments(registration, kind, url, meeting=None):
    """The calendar file that goes with ``kind``: an invitation, a cancellation, or none.

    ``meeting``: the meeting in the registrant's language, so the calendar shows its title in it.
    """
    if kind in INVITATION:
        ics = registration_ics(registration, url, meeting=meeting)
        return [("uitnodiging.ics", ics, "text/calendar; method=REQUEST; charset=utf-8")]
    if kind in CANCELLATION:
        ics = registration_ics(registration, url, cancel=True, meeting=meeting)
        return [("afmelding.ics", ics, "text/calendar; method=CANCEL; charset=utf-8")]
    return []


def compose(registration_id, kind):
    """What the ``kind`` mail says to the registrant, or ``None`` when the registration is gone."""
    registration = Registration.objects.select_related("meeting").filter(pk=registration_id).first()
    if registration is None:
        return None
    meeting = meeting_in_language(registration)
    with translation.override(registration.language):
        url = meeting_url(registration, meeting)
        context = {
            "registration": registration,
            "meeting": meeting,  # its title in the registrant's language
            "meeting_url": url,
            "manage_url": manage_url(registration) if kind in WITH_MANAGE_LINK else "",
            "confirm_url": confirm_url(registration) if kind == "confirm" else "",
            "confirm_hours": confirm_hours(),
            "show_online_link": kind in WITH_ONLINE_LINK,
        }
        return mail.Mail(
            to=registration.email,
            language=registration.language,
            context=context,
            attachments=attachments(registration, kind, url, meeting),
        )


def record(registration_id, outcome, kind):
    """The last mail's outcome on the registration: sent, or what went wrong (for the admin)."""
    rows = Registration.objects.filter(pk=registration_id)
    if outcome.sent:
        rows.update(mail_sent_at=timezone.now(), mail_error="")
    else:
        max_length = Registration._meta.get_field("mail_error").max_length  # Django's documented API
        rows.update(mail_error=f"{kind}: {outcome.error}"[:max_length])


def kind_name(kind):
    """``"confirm"`` → ``"registrations.confirm"``: the name ``core.mail`` knows the kind by."""
    return f"registrations.{kind}"


def queue(registration_id, kind):
    """Send the ``kind`` mail to the registrant once the current transaction commits."""
    mail.queue(kind_name(kind), registration_id)


MAILS = tuple(
    mail.MailKind(
        name=kind_name(kind),
        template=f"registrations/email/{kind}",
        compose=partial(compose, kind=kind),
        record=partial(record, kind=kind),
    )
    for kind in KINDS
)
