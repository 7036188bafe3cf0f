"""A registrant manages their registration with the keyboard only: no mouse, no clicks.

Tab, Shift+Tab, Enter, Space and typing take them through the whole journey: the form on the
meeting page, the confirmation link in the mail (read from a real SMTP sink), the link to their
own page in the confirmation mail, their details and status there, a changed organisation, and
cancelling with the button on that page. Every focus stop is checked by ``keyboard.FocusWalk``
(a visible focus indicator, not hidden behind a sticky element) and recorded for the
accessibility statement; axe-core checks each page. Screenshots of the registrant's page, the
changed state and the cancelled page at 375 and 1280 px: var/screenshots/registration-manage-*.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from registrations.models import Registration

from .keyboard import FocusWalk, record
from .support import assert_accessible, screenshot, url
from .test_meeting_registration import link_in, open_meeting, sink  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
ADDRESS = "toetsenbord@gemeente.example"


def screenshots(page, name):
    """The page at a phone's and a desktop's width (the viewport goes back to the desktop)."""
    page.set_viewport_size(PHONE)
    screenshot(page, name)
    page.set_viewport_size(DESKTOP)
    screenshot(page, name)


def test_a_registrant_manages_and_cancels_their_registration_with_the_keyboard(new_page, sink):  # noqa: F811
    page = new_page(viewport=DESKTOP)
    with translation.override("nl"):
        manage_link = reverse("registrations:manage", kwargs={"token": "t"}).removesuffix("t/")
        confirm_link = reverse("registrations:confirm", kwargs={"token": "t"}).removesuffix("t/")
    meeting = open_meeting("nl")
    walk = FocusWalk(page)
    try:
        # The form on the meeting page.
        page.goto(url(meeting))
        walk.tab_to(page.locator("form.registration-form #id_name"))
        page.keyboard.type("Sanne de Vries")
        walk.tab_to(page.locator("form.registration-form #id_email"))
        page.keyboard.type(ADDRESS)
        walk.tab_to(page.locator("form.registration-form #id_municipality"))
        page.keyboard.type("Ede")
        walk.tab_to(page.locator("form.registration-form #id_role"))
        page.keyboard.press("ArrowDown")
        walk.tab_to(page.locator("form.registration-form #id_consent"))
        page.keyboard.press("Space")
        walk.tab_to(page.locator("form.registration-form button[type=submit]"))
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw mailbox")

        # The link in the first mail, and the button behind it.
        page.goto(link_in(sink, ADDRESS, confirm_link))
        walk.tab_to(page.locator("main form button[type=submit]"))
        page.keyboard.press("Enter")
        expect(page.locator(".registration-details")).to_contain_text("Sanne de Vries")
        registration = Registration.objects.get(email=ADDRESS)
        assert registration.status in (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)
        holds_a_place = registration.status == Registration.Status.CONFIRMED

        # The link in the confirmation mail: the registrant's own page.
        page.goto(link_in(sink, ADDRESS, manage_link))
        expect(page.get_by_role("heading", level=1)).to_have_text("Uw aanmelding")
        details = page.locator(".registration-details")
        expect(details).to_contain_text(meeting.title)
        expect(details).to_contain_text("Sanne de Vries")
        expect(details).to_contain_text("Ede")
        status = page.locator(".registration-status")
        if holds_a_place:
            expect(status).to_contain_text("U bent aangemeld. U heeft een plaats.")
        else:
            expect(status).to_contain_text("van de wachtlijst.")
        assert_accessible(page)
        screenshots(page, "registration-manage")

        # Another organisation instead of the municipality: back to the first option, then type.
        walk.tab_to(page.locator("form.registration-details-form #id_municipality"))
        page.keyboard.press("Home")
        walk.tab_to(page.locator("form.registration-details-form #id_organisation"))
        page.keyboard.type("GGD Gelderland-Zuid")
        walk.tab_to(page.locator("form.registration-details-form #id_role"))
        walk.tab_to(page.locator("form.registration-details-form #id_organisation"), backwards=True)
        expect(page.locator("#id_organisation")).to_have_value("GGD Gelderland-Zuid")
        walk.tab_to(page.locator("form.registration-details-form button[type=submit]"))
        page.keyboard.press("Enter")
        expect(page.get_by_role("main").get_by_role("status")).to_have_text("Uw wijzigingen zijn opgeslagen.")
        expect(page.locator(".registration-details")).to_contain_text("GGD Gelderland-Zuid")
        registration.refresh_from_db()
        assert (registration.municipality, registration.organisation) == (None, "GGD Gelderland-Zuid")
        assert_accessible(page)
        screenshots(page, "registration-manage-changed")

        # The cancel button on the same page.
        walk.tab_to(page.locator("form.registration-cancel button[type=submit]"))
        page.keyboard.press("Space")
        expect(page.get_by_role("heading", level=1)).to_have_text("U bent afgemeld")
        expect(page.get_by_role("main").get_by_role("status")).to_contain_text("Bedankt dat u het laat weten")
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CANCELLED
        assert_accessible(page)
        screenshots(page, "registration-manage-cancelled")
        walk.tab_to(page.locator("main a"))  # the way back to the meeting, focus shown too
    finally:
        record(page, "keyboard", "register, confirm, change and cancel", walk.problems, language="nl")
        Registration.objects.filter(email=ADDRESS).delete()
    assert not walk.problems, "\n".join(walk.problems)
