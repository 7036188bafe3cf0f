"""One recipient's copy of an issue as an e-mail message, with the headers bulk mail needs.

Mail providers (Gmail, Yahoo, Microsoft) accept bulk mail only with a one-click unsubscribe
(RFC 8058: ``List-Unsubscribe`` with an https URL plus ``List-Unsubscribe-Post``) and a
``List-Id`` (RFC 2919). The ``Message-ID`` is derived from the issue and the subscriber, so the
copy sent again after a crash carries the same id and receiving servers can drop the duplicate.
The visible unsubscribe and preferences links are in the body: ``render_issue`` leaves
placeholders for them and ``personalise`` fills them in.

Why the message is built as bytes here and not with Django's ``EmailMultiAlternatives``: that
builds a MIME tree through Python's ``email`` package and serialises it again for every
recipient (header folding, body encoding in pure Python): about 4 ms per message, two thirds of
a send's time. ``IssueMail`` does the same work once per send: the headers every copy shares are
folded once, and per recipient only a few ASCII header lines and the two bodies (base64, encoded
in C) are written. The result is parsed by the tests exactly as a mail client would.
"""

import base64
import email.message
import email.policy
import uuid
from email.headerregistry import Address
from email.utils import formataddr, formatdate

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import sanitize_address

from core.http import site_host

from .links import PersonalLinks
from .rendering import personalise_for

CRLF = b"\r\n"


def message_id_for(issue, subscriber):
    """``<kwartaalupdate-<issue>-<subscriber>@domain>``: the same for every try of one delivery."""
    return f"<kwartaalupdate-{issue.pk}-{subscriber.pk}@{site_host()}>"


def list_id(language):
    return f"Kwartaalupdate {settings.WAGTAIL_SITE_NAME} <kwartaalupdate-{language}.{site_host()}>"


def _one_line(value):
    # A name typed into a form must never start a header of its own.
    return " ".join(str(value).split())


def _folded(headers):
    """``headers`` (name, value pairs) as header lines, folded and encoded by the email package."""
    message = email.message.EmailMessage(policy=email.policy.SMTP)
    for name, value in headers:
        message[name] = value
    return message.as_bytes()[: -len(CRLF)]  # as_bytes ends the header block with an empty line


def _base64(text):
    """Base64 in lines of 76 characters (RFC 2045), in one C call plus slicing."""
    encoded = base64.b64encode(text.encode())
    return CRLF.join([encoded[start : start + 76] for start in range(0, len(encoded), 76)]) + CRLF


def envelope_address(address):
    """An address as SMTP's ``RCPT TO`` wants it: IDN domains in punycode."""
    return address if address.isascii() else sanitize_address(address, "utf-8")


class IssueMail:
    """An issue's e-mail, prepared once per send; ``message_for`` writes one recipient's copy.

    ``rendered`` is the issue's ``RenderedIssue`` (see ``rendering.render_issue``).
    """

    def __init__(self, issue, rendered):
        self.issue = issue
        self.rendered = rendered
        self.links = PersonalLinks(rendered.language)
        self.from_email = settings.DEFAULT_FROM_EMAIL
        self.envelope_from = sanitize_address(self.from_email, "utf-8")
        boundary = f"=_kwartaalupdate_{uuid.uuid4().hex}"  # never in base64 text, nor in a header
        self.head = _folded(
            [
                ("From", self.from_email),
                ("Subject", rendered.subject),
                ("MIME-Version", "1.0"),
                ("Content-Language", rendered.language),
                ("List-Id", list_id(rendered.language)),
                ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                ("Auto-Submitted", "auto-generated"),
                ("Precedence", "bulk"),
            ]
        )
        # Not through _folded: the email package would write an empty multipart body after it.
        self.head += f'Content-Type: multipart/alternative;\r\n boundary="{boundary}"\r\n'.encode()
        part = b'Content-Type: text/%s; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        self.text_start = CRLF + f"--{boundary}".encode() + CRLF + part % b"plain"
        self.html_start = f"--{boundary}".encode() + CRLF + part % b"html"
        self.end = f"--{boundary}--".encode() + CRLF

    def _to_header(self, subscriber, address):
        name = _one_line(subscriber.name)
        if not name:
            return b"To: " + address.encode() + CRLF
        if name.isascii():
            return f"To: {formataddr((name, address))}\r\n".encode()
        return _folded([("To", Address(display_name=name, addr_spec=address))])

    def message_for(self, subscriber, urls=None):
        """``subscriber``'s copy as a ``PreparedMessage``; ``urls`` as ``PersonalLinks.urls`` gives."""
        urls = urls or self.links.urls(subscriber)
        html, text = personalise_for(self.rendered, subscriber, urls)
        address = envelope_address(subscriber.email)
        message_id = message_id_for(self.issue, subscriber)
        raw = b"".join(
            [
                self.head,
                self._to_header(subscriber, address),
                f"Message-ID: {message_id}\r\n".encode(),
                f"Date: {formatdate(localtime=True)}\r\n".encode(),
                # Folded before the URL, which is longer than a line should be and can't be broken.
                f"List-Unsubscribe:\r\n <{urls['one_click']}>\r\n".encode(),
                self.text_start,
                _base64(text),
                self.html_start,
                _base64(html),
                self.end,
            ]
        )
        return PreparedMessage(raw, self.envelope_from, [address], message_id)


class _RawMIME:
    """What Django's mail backends ask of ``message()``: the bytes, with the line ends they want."""

    def __init__(self, raw):
        self.raw = raw

    def as_bytes(self, unixfrom=False, linesep="\n"):
        return self.raw if linesep == "\r\n" else self.raw.replace(CRLF, linesep.encode())

    def as_string(self, unixfrom=False, linesep="\n"):
        return self.as_bytes(linesep=linesep).decode("ascii")

    def get_charset(self):
        return None

    def __bytes__(self):
        return self.as_bytes()


class PreparedMessage(EmailMessage):
    """A finished message as bytes, sendable by every Django mail backend.

    ``send_prepared`` hands it straight to the SMTP connection; the other backends (the files of
    the development settings, the console) call ``message()`` and get the same bytes.
    """

    def __init__(self, raw, envelope_from, envelope_to, message_id):
        super().__init__(from_email=envelope_from, to=envelope_to)
        self.raw = raw
        self.message_id = message_id

    def message(self):
        return _RawMIME(self.raw)


def send_prepared(backend, message):
    """Send a ``PreparedMessage`` over an opened backend; SMTP errors are raised, not swallowed."""
    smtp = getattr(backend, "connection", None)
    if smtp is not None and hasattr(smtp, "sendmail"):
        smtp.sendmail(message.from_email, message.to, message.raw)
    else:
        backend.send_messages([message])
