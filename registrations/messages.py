"""The e-mails of a registration: the link to confirm it, confirmed, waitlisted, promoted,
cancelled, reminded, the report.

Each is written in the registrant's language, as plain text and HTML, from
``site/templates/registrations/email/<kind>.{txt,html}``. The first mail (``confirm``) carries
only the signed link that confirms the registration; every later one carries the signed
cancellation link. A confirmation (also a promotion, or the same one sent again) has the ``.ics``
invitation attached; a cancellation has the calendar's cancellation.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from . import tokens
from .ics import registration_ics
from .models import confirm_hours

KINDS = (
    "confirm",  # the form was sent: confirm with the link (no place yet, nothing to cancel)
    "confirmed",
    "waitlisted",
    "promoted",
    "cancelled",
    "removed",  # cancelled by an editor
    "reminder",
    "moved",
    "meeting_cancelled",
    "report",  # after the meeting: the link to its report
)


def _link(registration, url_name, purpose):
    with translation.override(registration.language):
        path = reverse(url_name, kwargs={"token": tokens.make_token(registration, purpose)})
    return settings.BASE_URL.rstrip("/") + path


def cancel_url(registration):
    return _link(registration, "registrations:cancel", tokens.CANCEL)


def confirm_url(registration):
    return _link(registration, "registrations:confirm", tokens.CONFIRM)


def meeting_url(registration):
    meeting = registration.meeting
    with translation.override(registration.language):
        locale = Locale.objects.filter(language_code=registration.language).first()
        localized = (locale and meeting.get_translation_or_none(locale)) or meeting
        parts = localized.get_url_parts()
    return settings.BASE_URL.rstrip("/") + parts[2] if parts else settings.BASE_URL


def build(registration, kind):
    """The message for ``kind`` (one of ``KINDS``), ready to send."""
    if kind not in KINDS:
        raise ValueError(kind)
    with translation.override(registration.language):
        url = meeting_url(registration)
        context = {
            "registration": registration,
            "meeting": registration.meeting,
            "meeting_url": url,
            "cancel_url": cancel_url(registration) if kind != "confirm" else "",
            "confirm_url": confirm_url(registration) if kind == "confirm" else "",
            "confirm_hours": confirm_hours(),
            "site_name": settings.WAGTAIL_SITE_NAME,
            # Only those with a place get the online link (never the waitlist, never a page).
            "show_online_link": kind in ("confirmed", "promoted", "reminder", "moved"),
        }
        subject = render_to_string(f"registrations/email/{kind}_subject.txt", context).strip()
        text = render_to_string(f"registrations/email/{kind}.txt", context)
        html = render_to_string(f"registrations/email/{kind}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    if kind in ("confirmed", "promoted", "moved"):
        ics = registration_ics(registration, url)
        message.attach("uitnodiging.ics", ics, "text/calendar; method=REQUEST; charset=utf-8")
    elif kind in ("cancelled", "removed", "meeting_cancelled"):
        ics = registration_ics(registration, url, cancel=True)
        message.attach("afmelding.ics", ics, "text/calendar; method=CANCEL; charset=utf-8")
    return message
