"""What a visitor learns from a pilot, and from meetings of the leernetwerk before and after."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from knowledge.models import MeetingIndexPage, MeetingPage, PilotPage

from .support import first, first_paragraph, live, url

pytestmark = pytest.mark.browser


def test_a_pilot_shows_its_lessons_and_links_to_a_method_that_lists_it(page):
    pilot = first(
        live(PilotPage).exclude(lessons=[]).filter(methods_used__isnull=False).distinct(),
        "pilot with lessons and a method it used",
    )
    method = pilot.methods_used.order_by("title").first()
    page.goto(url(pilot))

    lessons = page.get_by_role("region", name="Geleerde lessen")
    for lesson in pilot.lessons:
        expect(lessons).to_contain_text(lesson.value["lesson"])

    page.get_by_role("region", name="Gebruikte methoden").get_by_role("link", name=method.title).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(method.title)
    users = page.get_by_role("region", name="Pilots die deze aanpak gebruiken")
    expect(users.get_by_role("link", name=pilot.title)).to_be_visible()


def test_a_past_meeting_in_the_leernetwerk_shows_its_report(page):
    meeting = first(
        live(MeetingPage).filter(end__lt=timezone.now()).exclude(report="").order_by("-start"),
        "past meeting with a report",
    )
    page.goto(url(first(live(MeetingIndexPage), "leernetwerk")))

    # The leernetwerk opens on the coming meetings; the earlier ones are one click away.
    expect(page.get_by_role("link", name=meeting.title, exact=True)).to_have_count(0)
    page.get_by_role("navigation", name="Wanneer").get_by_role(
        "link", name=re.compile("^Eerdere bijeenkomsten")
    ).click()
    page.get_by_role("link", name=meeting.title, exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(meeting.title)
    expect(page.get_by_role("region", name="Aanmelden")).to_contain_text("Deze bijeenkomst is voorbij")
    report = page.get_by_role("region", name="Verslag")
    expect(report).to_contain_text(first_paragraph(meeting.report))


REGISTRATION_STATUS = {
    "open": "U kunt zich aanmelden",
    "not_yet_open": "Aanmelden kan vanaf",
    "closed": "Aanmelden is gesloten",
}


def expected_status(meeting):
    """What the status label says: for an open meeting with a limit, its places."""
    state, places = meeting.registration_state, meeting.places
    if state == "open" and places is not None:
        return f"Nog {places.left} plaats" if places.left else "Vol"
    return REGISTRATION_STATUS[state]


def test_an_upcoming_meeting_shows_its_registration_status_and_never_the_online_link(page):
    meeting = first(
        live(MeetingPage)
        .filter(end__gte=timezone.now())
        .exclude(online_link="")
        .exclude(format=MeetingPage.Format.IN_PERSON)
        .order_by("start"),
        "upcoming meeting with a link for online participation",
    )
    page.goto(url(meeting))

    registration = page.get_by_role("region", name="Aanmelden")
    expect(registration).to_contain_text(expected_status(meeting))
    expect(registration).to_contain_text("De link om online mee te doen krijgt u na uw aanmelding")
    expect(page.get_by_role("region", name="Verslag")).to_have_count(0)
    assert meeting.online_link not in page.content()
