"""What the e-mail tests share: a real SMTP sink per test, and reading links out of mails."""

import re
from urllib.parse import urlsplit

from django.test import TestCase

from tests.smtp_sink import SmtpSink

LINK = re.compile(r"https?://[^\s\"<>]+")


def text_body(message):
    return message.get_body(("plain",)).get_content()


def html_body(message):
    return message.get_body(("html",)).get_content()


def links_in(message):
    return LINK.findall(text_body(message))


def path_of_link(message, fragment):
    """The path of the one link in the plain-text part whose path contains ``fragment``."""
    found = [url for url in links_in(message) if fragment in urlsplit(url).path]
    assert len(found) == 1, f"expected one link with {fragment!r} in the mail, found {found}"
    return urlsplit(found[0]).path


class SmtpTestCase(TestCase):
    """Each test gets its own real SMTP server on loopback, and Django's SMTP backend points at it."""

    def setUp(self):
        super().setUp()
        self.sink = SmtpSink().start()
        self.addCleanup(self.sink.stop)
        override = self.sink.settings_override()
        override.enable()
        self.addCleanup(override.disable)
