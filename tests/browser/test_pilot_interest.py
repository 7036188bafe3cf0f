"""A civil servant says their municipality is interested in a pilot, in a real browser.

The form on the pilots index sent empty (its errors, on the form's own page), then filled in; the
thank-you page; the two mails read from the SMTP sink the live server's mail goes to. axe-core
checks the index with the form, the error state and the thank-you page for WCAG 2.1 A and AA.
The same once more without JavaScript, which the form does not need.
"""

import pytest
from playwright.sync_api import expect

from home.models import SiteSettings
from knowledge.models import PilotIndexPage
from pilot_interest.models import PilotInterest
from tests.smtp_sink import SmtpSink

from .support import assert_accessible, first, live, translation, url

pytestmark = pytest.mark.browser

CHALLENGE = (
    "In ons dorp sluit de laatste winkel. Ouderen komen minder buiten en jongeren trekken weg. "
    "We zoeken een aanpak met de dorpsraad."
)
TEXT = {
    "nl": {
        "municipality": "Voor welke gemeente is de pilot?",
        "name": "Uw naam",
        "email": "Uw e-mailadres op het werk",
        "phone": "Uw telefoonnummer (mag leeg blijven)",
        "place": "In welke wijk of welk dorp?",
        "challenge": "Wat is de uitdaging? Beschrijf die in een paar zinnen.",
        "consent": "Ik ga akkoord met de privacyverklaring.",
        "submit": "Verstuur",
        "error": "Kies een gemeente uit de lijst.",
        "done": "Bedankt voor uw belangstelling",
        "acknowledgement": "Beste Sanne de Vries,",
    },
    "en": {
        "municipality": "Which municipality is the pilot for?",
        "name": "Your name",
        "email": "Your work e-mail address",
        "phone": "Your phone number (optional)",
        "place": "In which neighbourhood or village?",
        "challenge": "What is the challenge? Describe it in a few sentences.",
        "consent": "I agree to the privacy statement.",
        "submit": "Send",
        "error": "Choose a municipality from the list.",
        "done": "Thank you for your interest",
        "acknowledgement": "Dear Sanne de Vries,",
    },
}


@pytest.fixture
def sink(demo_site):
    with SmtpSink() as smtp, smtp.settings_override():
        yield smtp


def pilots_index(language):
    index = first(live(PilotIndexPage), "pilots index")
    return (translation(index, language) or index) if language != "nl" else index


def fill_in(page, words, address):
    page.get_by_label(words["municipality"]).select_option(label="Berkelland")
    page.get_by_label(words["name"]).fill("Sanne de Vries")
    page.get_by_label(words["email"]).fill(address)
    page.get_by_label(words["phone"]).fill("0545 25 01 00")
    page.get_by_label(words["place"]).fill("Rekken")
    page.get_by_label(words["challenge"]).fill(CHALLENGE)
    page.get_by_role("checkbox", name=words["consent"]).check()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_say_we_are_interested_from_the_pilots_index(page, sink, language):
    words = TEXT[language]
    address = f"browser-pilot-{language}@gemeente.example"
    team = SiteSettings.for_site(pilots_index("nl").get_site()).email
    try:
        page.goto(url(pilots_index(language)))
        assert_accessible(page)  # the index with the form
        form = page.locator("form.pilot-interest-form")
        form.get_by_role("button", name=words["submit"]).click()
        summary = page.get_by_role("alert")
        expect(summary.get_by_role("link", name=words["error"])).to_have_attribute(
            "href", "#pilot-interest-municipality"
        )
        assert_accessible(page)  # the error state, on the form's own page
        assert not PilotInterest.objects.filter(email=address).exists()

        fill_in(page, words, address)
        page.locator("form.pilot-interest-form").get_by_role("button").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(words["done"])
        assert_accessible(page)  # the thank-you page
        interest = PilotInterest.objects.get(email=address)
        assert (interest.municipality.name, interest.place, interest.language) == (
            "Berkelland",
            "Rekken",
            language,
        )

        [acknowledgement] = sink.messages_to(address)
        assert words["acknowledgement"] in acknowledgement.get_body(("plain",)).get_content()
        [team_mail] = [m for m in sink.messages_to(team) if "Rekken" in m["Subject"]]
        assert team_mail["Reply-To"].addresses[0].addr_spec == address
    finally:
        PilotInterest.objects.filter(email=address).delete()


def test_the_form_works_without_javascript(new_page, sink):
    words = TEXT["nl"]
    address = "zonder-js-pilot@gemeente.example"
    page = new_page(java_script_enabled=False)
    try:
        page.goto(url(pilots_index("nl")))
        fill_in(page, words, address)
        page.locator("form.pilot-interest-form").get_by_role("button", name=words["submit"]).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(words["done"])
        assert PilotInterest.objects.filter(email=address, place="Rekken").count() == 1
    finally:
        PilotInterest.objects.filter(email=address).delete()
