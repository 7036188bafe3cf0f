"""The two mails of a submission: to Team Leefbaarheid, and the acknowledgement to the sender.

The team's mail is in Dutch, goes to the address in the site settings (*Instellingen → Site-
instellingen*, ``home.models.SiteSettings.email`` of the default site), holds every field and a
link to the submission in the admin, and has the sender as Reply-To: answering it writes to the
municipality. The acknowledgement is in the sender's language, as plain text and HTML, repeats
what they sent, and has the team as Reply-To.
"""

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from core.visibility import visible
from home.models import SiteSettings
from knowledge.models import PilotIndexPage

TEAM = "team"
ACKNOWLEDGEMENT = "acknowledgement"
# The admin's URL names for the submissions: ``<namespace>:edit`` (see ``wagtail_hooks``).
ADMIN_NAMESPACE = "pilot_interest_admin"
TEMPLATES = "pilot_interest/email/"


def absolute(path):
    return settings.BASE_URL.rstrip("/") + path


def team_address():
    """Team Leefbaarheid's address from the default site's settings (or the sender's address)."""
    site = Site.objects.filter(is_default_site=True).first()
    address = SiteSettings.for_site(site).email if site else ""
    return address or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def admin_url(interest):
    return absolute(reverse(f"{ADMIN_NAMESPACE}:edit", args=[interest.pk]))


def pilots_url(language):
    """The pilots index in ``language`` (or in Dutch), as an absolute URL; the site's root if none."""
    with translation.override(language):
        pages = visible(PilotIndexPage.objects.all())
        page = pages.filter(locale__language_code=language).first() or pages.first()
        parts = page.get_url_parts() if page else None
    return absolute(parts[2]) if parts else absolute("/")


def _context(interest, language):
    return {
        "interest": interest,
        "municipality": interest.municipality,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "pilots_url": pilots_url(language),
        "language_name": dict(settings.LANGUAGES).get(interest.language, interest.language),
    }


def _subject(template, context):
    return " ".join(render_to_string(TEMPLATES + template, context).split())


def _message(name, context, to, reply_to):
    """``<name>_subject.txt``, ``<name>.txt`` and ``<name>.html``, in the active language."""
    message = EmailMultiAlternatives(
        subject=_subject(f"{name}_subject.txt", context),
        body=render_to_string(f"{TEMPLATES}{name}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[reply_to],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(render_to_string(f"{TEMPLATES}{name}.html", context), "text/html")
    return message


def team_mail(interest):
    with translation.override(settings.LANGUAGE_CODE):
        context = {**_context(interest, settings.LANGUAGE_CODE), "admin_url": admin_url(interest)}
        sender = formataddr((interest.contact_name, interest.email))
        return _message("team", context, to=team_address(), reply_to=sender)


def acknowledgement(interest):
    language = interest.language if interest.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {**_context(interest, language), "language": language}
        return _message("acknowledgement", context, to=interest.email, reply_to=team_address())


def build(interest, kind):
    """The message for ``kind`` (``TEAM`` or ``ACKNOWLEDGEMENT``), ready to send."""
    if kind == TEAM:
        return team_mail(interest)
    if kind == ACKNOWLEDGEMENT:
        return acknowledgement(interest)
    raise ValueError(kind)
