"""A civil servant registers for a meeting in a real browser, in Dutch and in English.

The form on the meeting page, the same form sent empty (its errors), "check your mail", the
confirmation link read from the SMTP sink the live server's mail goes to and the button behind it
(only that takes the place), then the link in the confirmation mail to the registrant's own page
and the button there that cancels. axe-core checks the form, its error state, the confirmation,
the registrant's page and the cancellation for WCAG 2.1 A and AA. The same journey also works
without JavaScript.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override, pgettext
from playwright.sync_api import expect

from knowledge.models import MeetingPage
from registrations.models import Registration
from tests.smtp_sink import SmtpSink

from .support import assert_accessible, first, live, translation, url

pytestmark = pytest.mark.browser

TEXT = {
    "nl": {
        "name": "Uw naam",
        "email": "Uw e-mailadres op het werk",
        "municipality": "Voor welke gemeente werkt u?",
        "role": "Wat is uw functie?",
        "consent": "Ik ga akkoord met de privacyverklaring.",
        "submit": "Meld mij aan",
        "error": "Vul uw naam in.",
        "done": "U bent aangemeld",
        "cancel_button": "Ja, meld mij af",
        "cancelled": "U bent afgemeld",
    },
    "en": {
        "name": "Your name",
        "email": "Your work e-mail address",
        "municipality": "Which municipality do you work for?",
        "role": "What is your role?",
        "consent": "I agree to the privacy statement.",
        "submit": "Register",
        "error": "Enter your name.",
        "done": "You are registered",
        "cancel_button": "Yes, cancel my registration",
        "cancelled": "Your registration",
    },
}


def new_words(language):
    """Words added with the confirmation step, in the page's language: taken from the catalogue,
    so the check holds whether or not the English translation has been written yet."""
    with override(language):
        confirm_path = reverse("registrations:confirm", kwargs={"token": "token"})
        manage_path = reverse("registrations:manage", kwargs={"token": "token"})
        return {
            "sent": gettext("Kijk in uw mailbox"),
            "almost": gettext(
                "Bijna klaar: bevestig uw aanmelding via de link in de e-mail die we u stuurden. "
                "Pas daarna is uw plaats zeker."
            ),
            "confirm_heading": pgettext("meeting registration", "Bevestig uw aanmelding"),
            "confirm_button": gettext("Ja, bevestig mijn aanmelding"),
            "confirm_link": confirm_path.removesuffix("token/"),
            # The confirmation mail links to the registrant's own page, which has the cancel button.
            "manage_link": manage_path.removesuffix("token/"),
        }


def link_in(sink, address, fragment):
    """The one link whose path contains ``fragment`` in the mails to ``address``."""
    found = []
    for message in sink.messages_to(address):
        text = message.get_body(("plain",)).get_content()
        found += [link for link in re.findall(r"https?://\S+", text) if fragment in urlsplit(link).path]
    assert len(found) == 1, f"expected one {fragment} link, found {found}"
    return urlsplit(found[0]).path


def fill_in(page, words, address):
    page.get_by_label(words["name"]).fill("Sanne de Vries")
    page.get_by_label(words["email"]).fill(address)
    page.get_by_label(words["municipality"]).select_option(label="Ede")
    page.get_by_label(words["role"]).select_option(index=1)
    page.get_by_role("checkbox", name=words["consent"]).check()
    page.locator("form.registration-form").get_by_role("button").click()


@pytest.fixture
def sink(demo_site):
    with SmtpSink() as smtp, smtp.settings_override():
        yield smtp


def open_meeting(language):
    now = timezone.now()
    meetings = (
        live(MeetingPage)
        .filter(capacity__isnull=False, end__gte=now)
        .filter(Q(registration_opens=None) | Q(registration_opens__lte=now))
        .filter(Q(registration_closes=None) | Q(registration_closes__gte=now))
    )
    meeting = first(meetings, "upcoming demo meeting with open registration")
    return (translation(meeting, language) or meeting) if language != "nl" else meeting


@pytest.mark.parametrize("language", ["nl", "en"])
def test_register_confirm_through_the_mail_and_cancel(page, sink, language):
    words = {**TEXT[language], **new_words(language)}
    address = f"browser-{language}@gemeente.example"
    meeting = open_meeting(language)
    try:
        page.goto(url(meeting))
        form = page.locator("form.registration-form")
        form.get_by_role("button", name=words["submit"]).click()
        summary = page.get_by_role("alert")
        expect(summary.get_by_role("link", name=words["error"])).to_have_attribute("href", "#id_name")
        assert_accessible(page)

        fill_in(page, words, address)
        expect(page.get_by_role("heading", level=1)).to_have_text(words["sent"])
        expect(page.get_by_role("main").get_by_role("status")).to_contain_text(words["almost"])
        assert_accessible(page)
        registration = Registration.objects.get(email=address)
        assert registration.status == Registration.Status.PENDING  # no place yet
        assert registration.language == language

        # The link in the mail opens a page with a button; opening it changes nothing.
        page.goto(link_in(sink, address, words["confirm_link"]))
        expect(page.get_by_role("heading", level=1)).to_have_text(words["confirm_heading"])
        assert_accessible(page)
        registration.refresh_from_db()
        assert registration.status == Registration.Status.PENDING
        page.get_by_role("button", name=words["confirm_button"]).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(words["done"])
        assert_accessible(page)
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CONFIRMED

        page.goto(link_in(sink, address, words["manage_link"]))
        assert_accessible(page)
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CONFIRMED  # opening the link changes nothing
        page.get_by_role("button", name=words["cancel_button"]).click()
        expect(page.get_by_role("main").get_by_role("status")).to_contain_text(words["cancelled"])
        assert_accessible(page)
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CANCELLED
    finally:
        Registration.objects.filter(email=address).delete()


def test_registering_and_confirming_work_without_javascript(new_page, sink):
    words = {**TEXT["nl"], **new_words("nl")}
    address = "zonder-js@gemeente.example"
    page = new_page(java_script_enabled=False)
    try:
        page.goto(url(open_meeting("nl")))
        fill_in(page, words, address)
        expect(page.get_by_role("heading", level=1)).to_have_text(words["sent"])

        page.goto(link_in(sink, address, words["confirm_link"]))
        page.get_by_role("button", name=words["confirm_button"]).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(words["done"])
        assert Registration.objects.get(email=address).status == Registration.Status.CONFIRMED
    finally:
        Registration.objects.filter(email=address).delete()
