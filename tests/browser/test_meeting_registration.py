"""A civil servant registers for a meeting in a real browser, in Dutch and in English.

The form on the meeting page, the same form sent empty (its errors), the confirmation read from
the SMTP sink the live server's mail goes to, its cancellation link and the button that cancels.
axe-core checks the form, its error state and the cancellation pages for WCAG 2.1 A and AA.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.db.models import Q
from django.utils import timezone
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
        "cancel_link": "/aanmelden/afmelden/",
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
        "cancel_link": "/en/register/cancel/",
        "cancel_button": "Yes, cancel my registration",
        "cancelled": "Your registration",
    },
}


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
def test_register_read_the_mail_and_cancel(page, sink, language):
    words = TEXT[language]
    address = f"browser-{language}@gemeente.example"
    meeting = open_meeting(language)
    try:
        page.goto(url(meeting))
        form = page.locator("form.registration-form")
        form.get_by_role("button", name=words["submit"]).click()
        summary = page.get_by_role("alert")
        expect(summary.get_by_role("link", name=words["error"])).to_have_attribute("href", "#id_name")
        assert_accessible(page)

        page.get_by_label(words["name"]).fill("Sanne de Vries")
        page.get_by_label(words["email"]).fill(address)
        page.get_by_label(words["municipality"]).select_option(label="Ede")
        page.get_by_label(words["role"]).select_option(index=1)
        page.get_by_role("checkbox", name=words["consent"]).check()
        page.locator("form.registration-form").get_by_role("button").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(words["done"])
        registration = Registration.objects.get(email=address)
        assert registration.status == Registration.Status.CONFIRMED
        assert registration.language == language

        [message] = sink.messages_to(address)
        text = message.get_body(("plain",)).get_content()
        [link] = [link for link in re.findall(r"https?://\S+", text) if words["cancel_link"] in link]
        page.goto(urlsplit(link).path)
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
