"""A visitor subscribes to the kwartaalupdate in a real browser, in Dutch and in English.

Subscribe, confirm with the link from the e-mail (sent over SMTP to an ``SmtpSink`` the live
server's mail goes to), change preferences, unsubscribe; axe-core checks every page on the way,
and the form with errors, for WCAG 2.1 A and AA. (JavaScript stays on: axe-core runs in the page.
The pages use none of their own, and the forms are plain HTML forms.)
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from knowledge.models import ThemePage
from newsletter.models import Subscriber
from tests.smtp_sink import SmtpSink

from .support import assert_accessible, first, live, translation

pytestmark = pytest.mark.browser

TEXT = {
    "nl": {
        "form": "/kwartaalupdate/aanmelden/",
        "email": "Uw e-mailadres",
        "language": "Nederlands",
        "other_language": "English",
        "consent": "Ik wil de kwartaalupdate ontvangen",
        "submit": "Meld mij aan",
        "sent": "Kijk in uw mailbox",
        "confirm_link": "/kwartaalupdate/bevestigen/",
        "confirm_heading": "Bevestig uw aanmelding",
        "confirm_button": "Ja, ik wil de kwartaalupdate",
        "confirmed": "U bent aangemeld",
        "preferences_link": "Pas uw voorkeuren aan",
        "save": "Voorkeuren opslaan",
        "saved": "Uw voorkeuren zijn opgeslagen.",
        "unsubscribe_link": "Meld u af",
        "unsubscribe_button": "Ja, meld mij af",
        "unsubscribed": "U bent afgemeld",
        "error": "Vul uw e-mailadres in.",
        "bad_link": "Deze link werkt niet",
    },
    "en": {
        "form": "/en/kwartaalupdate/subscribe/",
        "email": "Your e-mail address",
        "language": "English",
        "other_language": "Nederlands",
        "consent": "I want to receive the quarterly update",
        "submit": "Subscribe",
        "sent": "Check your mailbox",
        "confirm_link": "/en/kwartaalupdate/confirm/",
        "confirm_heading": "Confirm your subscription",
        "confirm_button": "Yes, I want the quarterly update",
        "confirmed": "You are subscribed",
        "preferences_link": "Change your preferences",
        "save": "Save preferences",
        "saved": "Your preferences have been saved.",
        "unsubscribe_link": "Unsubscribe",
        "unsubscribe_button": "Yes, unsubscribe me",
        "unsubscribed": "You have unsubscribed",
        "error": "Enter your e-mail address.",
        "bad_link": "This link does not work",
    },
}


@pytest.fixture
def sink(demo_site):
    """A real SMTP server; the live server runs in this process, so the override reaches it."""
    with SmtpSink() as smtp, smtp.settings_override():
        yield smtp


def confirmation_link(sink, address, fragment):
    [message] = sink.messages_to(address)
    text = message.get_body(("plain",)).get_content()
    links = [link for link in re.findall(r"https?://\S+", text) if fragment in urlsplit(link).path]
    assert len(links) == 1, f"no single {fragment} link in: {text}"
    return links[0]


def heading(page):
    return page.get_by_role("heading", level=1)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_subscribe_confirm_change_and_unsubscribe(page, sink, language):
    words = TEXT[language]
    address = f"browser-{language}@gemeente.example"
    themes = list(live(ThemePage).order_by("path")[:2])
    assert len(themes) == 2, "seed_demo made fewer than two themes"
    titles = [(translation(theme, language) or theme).title for theme in themes]
    try:
        # The form, and the form with an error.
        page.goto(words["form"])
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert_accessible(page)
        page.get_by_role("button", name=words["submit"]).click()
        summary = page.get_by_role("alert")
        expect(summary.get_by_role("link", name=words["error"])).to_have_attribute("href", "#id_email")
        assert_accessible(page)

        # Subscribe.
        page.get_by_label(words["email"]).fill(address)
        page.get_by_role("radio", name=words["language"]).check()
        page.get_by_role("checkbox", name=titles[0]).check()
        page.get_by_role("checkbox", name=re.compile(words["consent"])).check()
        page.get_by_role("button", name=words["submit"]).click()
        expect(heading(page)).to_have_text(words["sent"])
        assert_accessible(page)
        subscriber = Subscriber.objects.get(email=address)
        assert subscriber.status == Subscriber.Status.PENDING

        # Confirm: opening the link changes nothing, the button does.
        page.goto(confirmation_link(sink, address, words["confirm_link"]))
        expect(heading(page)).to_have_text(words["confirm_heading"])
        assert_accessible(page)
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.PENDING
        page.get_by_role("button", name=words["confirm_button"]).click()
        expect(heading(page)).to_have_text(words["confirmed"])
        assert_accessible(page)
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.CONFIRMED

        # Preferences: add the second theme.
        page.get_by_role("link", name=words["preferences_link"]).click()
        expect(page.get_by_role("checkbox", name=titles[0])).to_be_checked()
        assert_accessible(page)
        page.get_by_role("checkbox", name=titles[1]).check()
        page.get_by_role("button", name=words["save"]).click()
        expect(page.get_by_role("main").get_by_role("status")).to_have_text(words["saved"])
        assert_accessible(page)
        assert set(subscriber.themes.all()) == set(themes)

        # Unsubscribe.
        page.get_by_role("main").get_by_role("link", name=words["unsubscribe_link"]).click()
        expect(page.get_by_role("button", name=words["unsubscribe_button"])).to_be_visible()
        assert_accessible(page)
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.CONFIRMED
        page.get_by_role("button", name=words["unsubscribe_button"]).click()
        expect(heading(page)).to_have_text(words["unsubscribed"])
        assert_accessible(page)
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.UNSUBSCRIBED

        # A broken link gets a page that says so.
        response = page.goto(words["confirm_link"] + "kapot/")
        assert response.status == 404
        expect(heading(page)).to_have_text(words["bad_link"])
        assert_accessible(page)
    finally:
        Subscriber.objects.filter(email=address).delete()


def test_the_form_page_switches_language(page, sink):
    page.goto(TEXT["nl"]["form"])

    page.get_by_role("banner").get_by_role("link", name=re.compile("^English")).click()

    expect(page).to_have_url(re.compile(r"/en/kwartaalupdate/subscribe/$"))
    expect(heading(page)).to_have_text("Subscribe to the quarterly update")
    first(live(ThemePage), "theme")  # the form lists the demo's themes
    expect(page.get_by_role("checkbox")).not_to_have_count(0)


def test_the_whole_journey_works_without_javascript(new_page, sink):
    """Plain HTML forms and links: subscribe, confirm, choose a municipality, unsubscribe."""
    words = TEXT["nl"]
    address = "zonder-js@gemeente.example"
    page = new_page(java_script_enabled=False)
    try:
        page.goto(words["form"])
        page.get_by_label(words["email"]).fill(address)
        page.get_by_role("checkbox", name=re.compile(words["consent"])).check()
        page.get_by_role("button", name=words["submit"]).click()
        expect(heading(page)).to_have_text(words["sent"])

        page.goto(confirmation_link(sink, address, words["confirm_link"]))
        page.get_by_role("button", name=words["confirm_button"]).click()
        expect(heading(page)).to_have_text(words["confirmed"])

        page.get_by_role("link", name=words["preferences_link"]).click()
        page.get_by_label("Voor welke gemeente werkt u?").select_option(label="Zutphen")
        page.get_by_role("button", name=words["save"]).click()
        expect(page.get_by_role("main").get_by_role("status")).to_have_text(words["saved"])
        subscriber = Subscriber.objects.get(email=address)
        assert subscriber.status == Subscriber.Status.CONFIRMED
        assert subscriber.municipality.name == "Zutphen"

        page.get_by_role("main").get_by_role("link", name=words["unsubscribe_link"]).click()
        page.get_by_role("button", name=words["unsubscribe_button"]).click()
        expect(heading(page)).to_have_text(words["unsubscribed"])
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    finally:
        Subscriber.objects.filter(email=address).delete()
