"""The two mails of a submission: to Team Leefbaarheid, and the acknowledgement to the sender.

This module says what each mail says and to whom; ``core.mail`` builds, sends and retries it
(``MAILS``, registered in ``apps.py``). The team's mail is in Dutch, goes to the address in the
footer the site settings choose (*Instellingen → Voettekst*, ``home.models.SiteSettings.email`` of
the default site, read when the mail goes out), holds every field and a link to the submission in the
admin, and has the sender as Reply-To: answering it writes to the municipality. The
acknowledgement is in the sender's language, repeats what they sent, and has the team as
Reply-To.

The bookkeeping is on the submission: when each mail went out (a mail that went out is never sent
again, whatever runs its task a second time), and in ``mail_error`` one line per mail that is
still failing, shown in the admin until a later try of that mail succeeds.
"""

from email.utils import formataddr, parseaddr
from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Site

from core import mail
from core.visibility import visible
from home.models import SiteSettings
from knowledge.models import PilotIndexPage

from .models import PilotInterest

TEAM = "team"
ACKNOWLEDGEMENT = "acknowledgement"
# The admin's URL names for the submissions: ``<namespace>:edit`` (see ``wagtail_hooks``).
ADMIN_NAMESPACE = "pilot_interest_admin"
TEMPLATES = "pilot_interest/email/"
SENT_AT = {TEAM: "team_mail_sent_at", ACKNOWLEDGEMENT: "acknowledgement_sent_at"}
# How a line of ``mail_error`` names its mail (editors read it; Dutch like the rest of the admin).
ERROR_LABEL = {TEAM: "aan het team", ACKNOWLEDGEMENT: "bevestiging aan de afzender"}


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
        "pilots_url": pilots_url(language),
        "language_name": dict(settings.LANGUAGES).get(interest.language, interest.language),
    }


def compose(interest_id, kind):
    """What the ``kind`` mail says; ``None`` once it went out or the submission was anonymised."""
    interest = PilotInterest.objects.select_related("municipality").filter(pk=interest_id).first()
    if interest is None or interest.anonymised_at is not None or getattr(interest, SENT_AT[kind]):
        return None
    if kind == TEAM:
        language = settings.LANGUAGE_CODE  # the team reads Dutch, whatever the sender's language
        with translation.override(language):
            context = {**_context(interest, language), "admin_url": admin_url(interest)}
        sender = formataddr((interest.contact_name, interest.email))
        return mail.Mail(to=team_address(), language=language, context=context, reply_to=sender)
    language = interest.language if interest.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        context = _context(interest, language)
    return mail.Mail(to=interest.email, language=language, context=context, reply_to=team_address())


def _other_errors(mail_error, kind):
    prefix = ERROR_LABEL[kind] + ":"
    return [line for line in mail_error.splitlines() if line.strip() and not line.startswith(prefix)]


def record(interest_id, outcome, kind):
    """Mark ``kind`` sent, or put its error line in ``mail_error``; the other mail's line stays."""
    with transaction.atomic():
        interest = PilotInterest.objects.select_for_update().filter(pk=interest_id).first()
        if interest is None:
            return
        lines = _other_errors(interest.mail_error, kind)
        changes = {}
        if outcome.sent:
            changes[SENT_AT[kind]] = timezone.now()
        else:
            lines.append(f"{ERROR_LABEL[kind]}: {outcome.error}")
        max_length = PilotInterest._meta.get_field("mail_error").max_length  # Django's documented API
        changes["mail_error"] = "\n".join(lines)[:max_length]
        PilotInterest.objects.filter(pk=interest_id).update(**changes)


def kind_name(kind):
    return f"pilot_interest.{kind}"


def queue(interest, kind):
    """Send ``kind`` (``TEAM`` or ``ACKNOWLEDGEMENT``) once the current transaction commits."""
    mail.queue(kind_name(kind), interest.pk)


MAILS = tuple(
    mail.MailKind(
        name=kind_name(kind),
        template=TEMPLATES + kind,
        compose=partial(compose, kind=kind),
        record=partial(record, kind=kind),
    )
    for kind in (TEAM, ACKNOWLEDGEMENT)
)
