"""One way to turn a template set and a ``Mail`` into a message: subject, text part, HTML part.

For the template set ``"<path>/<name>"``:

- ``<name>_subject.txt``: the subject, on one line whatever the template or a name in it holds
  (a line break in a subject would start a header of its own);
- ``<name>.txt``: the plain-text part, which every mail has (some readers want only text, and
  spam filters distrust HTML alone); ``email/layout.txt`` adds the team's signature;
- ``<name>.mjml``: the mail's own content as MJML components (``<mj-text>``, ``<mj-button>``
  for the main action, ``<mj-divider>``), placed in the site's layout (``core.mail.layout``).

All three are rendered in the recipient's language (``translation.override``), also when a
worker or an editor's request in another language sends the mail. Every message says it was sent
automatically (``Auto-Submitted: auto-generated``, RFC 3834), so that out-of-office replies stay
away, and in which language it is written (``Content-Language``). Lines longer than a mail server
takes (998 bytes, RFC 5322) are no problem: Django then sends the part quoted-printable.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from . import layout


def one_line(text):
    return " ".join(str(text).split())


SIGNATURE_SEPARATOR = "-- "  # with its space (RFC 3676): mail programs grey out what follows


def tidy_text(text):
    """Collapse the blank lines template tags leave behind: at most one empty line in a row.

    Trailing spaces go too, except the signature separator's.
    """
    tidy = []
    for line in (line if line == SIGNATURE_SEPARATOR else line.rstrip() for line in text.splitlines()):
        if not line and (not tidy or not tidy[-1]):
            continue
        tidy.append(line)
    return "\n".join(tidy).strip() + "\n"


def language_of(mail):
    """The mail's language if the site has it, else the site's main language."""
    return mail.language if mail.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _addresses(value):
    return [value] if isinstance(value, str) else list(value)


def render(template, mail):
    """``(subject, text, html)`` of ``mail`` with the template set ``template``."""
    language = language_of(mail)
    with translation.override(language):
        context = {"language": language, "site_name": settings.WAGTAIL_SITE_NAME, **mail.context}
        subject = one_line(render_to_string(f"{template}_subject.txt", context))
        body = render_to_string(f"{template}.txt", context)
        text = render_to_string(layout.TEXT_LAYOUT, {"body": body, "home_url": layout.home_url(language)})
        html = layout.compiled(f"{template}.mjml", language).render({"subject": subject, **context})
    return subject, tidy_text(text), layout.inline(html)


def message(*, subject, text, html, to, language, reply_to=(), attachments=()):
    """A message from finished parts: the headers every mail of the site has, text and HTML.

    ``build`` uses it for the transactional mails; the kwartaalupdate's test mail (the issue as
    an editor previews it) too. The bulk send writes its bytes itself (``newsletter.messages``).
    """
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=_addresses(to),
        reply_to=_addresses(reply_to),
        headers={"Auto-Submitted": "auto-generated", "Content-Language": language},
    )
    email.attach_alternative(html, "text/html")
    for attachment in attachments:
        email.attach(*attachment)
    return email


def build(template, mail):
    """The ``EmailMultiAlternatives`` for ``mail``, ready to send."""
    subject, text, html = render(template, mail)
    return message(
        subject=subject,
        text=text,
        html=html,
        to=mail.to,
        language=language_of(mail),
        reply_to=mail.reply_to,
        attachments=mail.attachments,
    )
