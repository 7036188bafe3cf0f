"""The bytes of one recipient's copy: valid MIME that any mail client reads, whatever the backend.

``IssueMail`` writes messages itself instead of through Django's ``EmailMultiAlternatives`` (see
``newsletter.messages``), so these tests read what it wrote the way a receiving server does: with
the ``email`` package's parser, which reports every defect, and through the SMTP sink.
"""

import email
import email.policy
import re

import pytest
from django.core import mail
from django.test import override_settings

from newsletter.delivery import run_send, start_send
from newsletter.messages import IssueMail
from newsletter.rendering import render_issue
from tests.factories.newsletter import NewsletterIssuePageFactory, SubscriberFactory
from tests.smtp_sink import SmtpSink

BASE_URL = "https://www.leefbaarheid.example"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _https_site():
    with override_settings(BASE_URL=BASE_URL, NEWSLETTER_SEND_RATE=0):
        yield


@pytest.fixture
def issue(issue):
    """The package's issue, with a title the Subject header must encode."""
    issue.title = "Kwartaalupdate herfst: één overzicht"
    issue.save()
    return issue


def parse(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_the_raw_message_is_clean_mime_with_crlf_and_short_lines(issue):
    subscriber = SubscriberFactory(name="Anna de Boer")
    raw = IssueMail(issue, render_issue(issue)).message_for(subscriber).raw

    assert b"\n" not in raw.replace(b"\r\n", b"")  # no bare line feeds: SMTP wants CRLF
    head, _blank, body = raw.partition(b"\r\n\r\n")
    # Header lines are folded to 78 characters; only an unbreakable URL may be longer.
    for line in head.split(b"\r\n"):
        assert len(line) <= 78 or re.fullmatch(rb" <https://\S+>", line), line
    assert max(len(line) for line in body.split(b"\r\n")) <= 76  # base64 lines (RFC 2045)
    message = parse(raw)
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [part.get_content_type() for part in parts] == ["text/plain", "text/html"]
    for part in [message, *parts]:
        assert part.defects == []
    for part in parts:
        assert part["Content-Transfer-Encoding"] == "base64"
        assert part.get_content_charset() == "utf-8"
    # Non-ASCII in the subject is encoded in the header and decoded by the reader.
    assert message["Subject"] == "Kwartaalupdate herfst: één overzicht"
    assert b"\xc3" not in raw  # every byte of the message is ASCII


def test_names_with_accents_arrive_and_a_line_break_cannot_add_a_header(issue):
    accented = SubscriberFactory(name="Zoë Çelik-van ’t Hof")
    hostile = SubscriberFactory(name="Jan\r\nBcc: iedereen@elders.example")
    mail_for = IssueMail(issue, render_issue(issue))

    message = parse(mail_for.message_for(accented).raw)
    assert message["To"].addresses[0].display_name == "Zoë Çelik-van ’t Hof"
    assert message["To"].addresses[0].addr_spec == accented.email

    message = parse(mail_for.message_for(hostile).raw)
    assert message["Bcc"] is None
    assert message["To"].addresses[0].addr_spec == hostile.email
    assert message["To"].addresses[0].display_name == "Jan Bcc: iedereen@elders.example"


def test_an_address_with_an_international_domain_goes_out_in_punycode(issue):
    subscriber = SubscriberFactory(email="lezer@gemeente-één.example")
    message = IssueMail(issue, render_issue(issue)).message_for(subscriber)

    punycode = "gemeente-één.example".encode("idna").decode()
    assert punycode.startswith("xn--")
    assert message.to == [f"lezer@{punycode}"]
    assert parse(message.raw)["To"].addresses[0].domain == punycode


def test_the_items_of_a_followers_theme_are_marked_in_their_copy_only(issue, tree):
    follower = SubscriberFactory()
    follower.themes.set([tree.themes["eenzaamheid"]])
    elsewhere = SubscriberFactory()
    elsewhere.themes.set([tree.themes["armoede-en-schulden"]])
    nobody = SubscriberFactory()
    mail_for = IssueMail(issue, render_issue(issue))

    def parts(subscriber):
        message = parse(mail_for.message_for(subscriber).raw)
        return [message.get_body((kind,)).get_content() for kind in ("plain", "html")]

    mark = re.compile(r"Uw thema:(</strong>)? Eenzaamheid")
    assert all(mark.search(part) for part in parts(follower))
    for subscriber in (elsewhere, nobody):
        assert not any(mark.search(part) for part in parts(subscriber))
    # Once, where the editor put it, for everyone: no second copy in a themes block.
    plain, html = parts(follower)
    assert plain.count("* Methode Samen Eten") == 1
    assert html.count(">Methode Samen Eten</a>") == 1


def test_a_send_over_smtp_reads_the_same_as_the_prepared_bytes(issue):
    subscriber = SubscriberFactory(name="Zoë Çelik")
    with SmtpSink() as sink, sink.settings_override():
        run_send(start_send(issue))

    [message] = sink.messages
    assert sink.envelopes == [("leefbaarheid@gelderland.nl", [subscriber.email])]
    assert message["To"].addresses[0].display_name == "Zoë Çelik"
    assert "Methode Samen Eten" in message.get_body(("html",)).get_content()


def test_the_other_mail_backends_get_the_same_message(issue, tmp_path):
    """Development writes mail to files and tests use locmem: a send works there too."""
    subscriber = SubscriberFactory(name="Anna de Boer")

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        run_send(start_send(issue))
    [sent] = mail.outbox
    message = parse(sent.message().as_bytes(linesep="\r\n"))
    assert message["To"].addresses[0].addr_spec == subscriber.email
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Methode Samen Eten" in message.get_body(("plain",)).get_content()

    second = NewsletterIssuePageFactory(parent=issue.get_parent(), title="Kwartaalupdate winter")
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=tmp_path
    ):
        run_send(start_send(second))
    [written] = tmp_path.iterdir()
    message = parse(written.read_bytes())
    assert message["Subject"] == "Kwartaalupdate winter"
    assert message["To"].addresses[0].addr_spec == subscriber.email
    assert message.get_body(("html",)).get_content().startswith("<!DOCTYPE html>")
