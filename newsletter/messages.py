"""One recipient's copy of an issue as an e-mail message, with the headers bulk mail needs.

Mail providers (Gmail, Yahoo, Microsoft) accept bulk mail only with a one-click unsubscribe
(RFC 8058: ``List-Unsubscribe`` with an https URL plus ``List-Unsubscribe-Post``) and a
``List-Id`` (RFC 2919). The ``Message-ID`` is derived from the issue and the subscriber, so the
copy sent again after a crash carries the same id and receiving servers can drop the duplicate.
The visible unsubscribe and preferences links are in the body: ``render_issue`` leaves
placeholders for them and ``personalise`` fills them in.
"""

from email import charset as email_charset
from email.utils import formataddr, formatdate
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from .rendering import personalise

# UTF-8 with base64 bodies: encoded in C (binascii), where quoted-printable (Django's choice for
# the long lines of inlined HTML) is pure Python and was most of the time spent per message.
UTF8_BASE64 = email_charset.Charset("utf-8")
UTF8_BASE64.body_encoding = email_charset.BASE64


def mail_domain():
    """The site's host name (from ``BASE_URL``), the right-hand side of ids and the List-Id."""
    return urlsplit(settings.BASE_URL).hostname or "localhost"


def message_id_for(issue, subscriber):
    """``<kwartaalupdate-<issue>-<subscriber>@domain>``: the same for every try of one delivery."""
    return f"<kwartaalupdate-{issue.pk}-{subscriber.pk}@{mail_domain()}>"


def list_id(language):
    return f"Kwartaalupdate {settings.WAGTAIL_SITE_NAME} <kwartaalupdate-{language}.{mail_domain()}>"


def theme_keys(subscriber):
    """The ``translation_key`` of each theme the subscriber follows (prefetch ``themes``)."""
    return [str(theme.translation_key) for theme in subscriber.themes.all()]


def build_message(issue, rendered, subscriber, urls, connection=None):
    """The issue for ``subscriber``: text and HTML parts, their links, and the list headers.

    ``rendered`` is the issue's ``RenderedIssue`` (render it once per send, not per recipient);
    ``urls`` is ``personal_urls(subscriber)``: absolute "preferences", "unsubscribe" and
    "one_click" URLs.
    """
    html, text = personalise(rendered, urls["preferences"], urls["unsubscribe"], theme_keys(subscriber))
    headers = {
        "Message-ID": message_id_for(issue, subscriber),
        "Date": formatdate(localtime=True),
        "List-Id": list_id(rendered.language),
        "List-Unsubscribe": f"<{urls['one_click']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Content-Language": rendered.language,
        "Auto-Submitted": "auto-generated",
        "Precedence": "bulk",
    }
    to = formataddr((subscriber.name, subscriber.email)) if subscriber.name else subscriber.email
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
        connection=connection,
    )
    message.encoding = UTF8_BASE64
    message.attach_alternative(html, "text/html")
    return message
