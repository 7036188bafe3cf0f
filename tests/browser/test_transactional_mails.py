"""Every transactional mail, as a mail client shows it: Chromium at a phone's and a desktop's width.

Each kind of mail the apps declare to ``core.mail`` is built for a registration, a pilot-interest
submission or a subscriber made for the occasion from the demo content (in a transaction that is
rolled back, so the shared demo database stays as it was), in Dutch and in English, and loaded with
``page.set_content``. Nothing may scroll sideways; the main action is a button that is visible and
big enough to tap (44 px); ``lang`` is the recipient's; axe-core finds no WCAG 2.2 A/AA violation,
also in dark mode (each check is recorded for the accessibility statement: ``support.py``). The
``requested_urls`` fixture fails a test whose mail loads anything at all.
Screenshots: ``var/screenshots/mail-<kind>-<language>-<width>.png`` (and ``-dark-375``).
"""

import pytest
from django.db import transaction
from django.utils import timezone

from core import mail
from knowledge.models import MeetingPage, Municipality
from newsletter.models import Subscriber
from pilot_interest.models import PilotInterest
from registrations.models import Registration

from .support import assert_accessible, first, live, screenshot

pytestmark = pytest.mark.browser

KINDS = [
    "registrations.confirm",
    "registrations.confirmed",
    "registrations.waitlisted",
    "registrations.promoted",
    "registrations.cancelled",
    "registrations.removed",
    "registrations.reminder",
    "registrations.moved",
    "registrations.moved_waitlisted",
    "registrations.meeting_cancelled",
    "registrations.report",
    "pilot_interest.team",
    "pilot_interest.acknowledgement",
    "newsletter.confirm",
    "newsletter.already_subscribed",
    "newsletter.welcome",
    "newsletter.manage_link",
]
# Mails that only tell something: there is nothing left to do, so no button.
WITHOUT_BUTTON = {"registrations.cancelled", "registrations.removed", "registrations.meeting_cancelled"}
LANGUAGES = ["nl", "en"]
# The team reads its mail in Dutch, whatever the language of the person who wrote in.
IN_DUTCH_ALWAYS = {"pilot_interest.team"}
# A long name and a long place, as people type them: they must wrap, not widen the mail.
NAME = "Anne-Marijke van Wijngaarden-Oosterhuis"
CHALLENGE = (
    "In ons dorp sluit de laatste winkel. Ouderen komen minder buiten en jongeren trekken weg. "
    "We zoeken een aanpak met de dorpsraad en de vrijwilligers van het dorpshuis."
)


def registration(language):
    meeting = first(live(MeetingPage).filter(start__gt=timezone.now()), "coming meeting")
    return Registration.objects.create(
        meeting=meeting,
        name=NAME,
        email=f"transactioneel-{language}@gemeente-overbetuwe.example",
        role=Registration.Role.POLICY,
        language=language,
        status=Registration.Status.CONFIRMED,
    ).pk


def pilot_interest(language):
    return PilotInterest.objects.create(
        municipality=Municipality.objects.get(name="Overbetuwe"),
        contact_name=NAME,
        email=f"transactioneel-{language}@gemeente-overbetuwe.example",
        phone="0481 36 22 22",
        place="Hemmen-Zetten-Dodewaard",
        challenge=CHALLENGE,
        language=language,
    ).pk


def subscriber(language, kind):
    status = Subscriber.Status.PENDING if kind == "newsletter.confirm" else Subscriber.Status.CONFIRMED
    return Subscriber.objects.create(
        email=f"transactioneel-{language}@gemeente-overbetuwe.example",
        language=language,
        status=status,
        consent_source=Subscriber.Source.FORM,
    ).pk


def mail_html(kind_name, language):
    """The HTML part of ``kind_name`` to a person of ``language``; their row is rolled back."""
    kind = mail.kinds.get(kind_name)
    app = kind_name.split(".")[0]
    with transaction.atomic():
        if app == "registrations":
            key = registration(language)
        elif app == "pilot_interest":
            key = pilot_interest(language)
        else:
            key = subscriber(language, kind_name)
        composed = kind.compose(key)
        assert composed is not None, f"{kind_name} found nothing to send"
        _subject, _text, html = mail.render(kind.template, composed)
        transaction.set_rollback(True)
    return html


def test_every_kind_of_mail_is_checked_here(transactional_db):
    assert sorted(KINDS) == sorted(kind.name for kind in mail.kinds)


@pytest.mark.parametrize("width", [375, 600])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_the_mail_fits_its_button_is_easy_to_tap_and_it_is_accessible(
    new_page, transactional_db, kind, language, width
):
    page = new_page(viewport={"width": width, "height": 900})
    page.set_content(mail_html(kind, language))
    screenshot(page, f"mail-{kind}-{language}")

    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll_width <= width, f"{kind} scrolls sideways at {width}px: {scroll_width}px wide"
    expected = "nl" if kind in IN_DUTCH_ALWAYS else language
    assert page.evaluate("document.documentElement.lang") == expected
    assert page.get_by_text("Team Leefbaarheid", exact=True).is_visible()  # the header
    buttons = page.locator(".mail-button a")
    if kind in WITHOUT_BUTTON:
        assert buttons.count() == 0
    else:
        assert buttons.count() == 1, f"{kind} has {buttons.count()} main buttons"
        button = buttons.bounding_box()
        assert buttons.is_visible()
        assert button["height"] >= 44, f"the button of {kind} is {button['height']}px high"
        assert button["x"] >= 0 and button["x"] + button["width"] <= width
        assert buttons.get_attribute("href").startswith("http")
    if width == 375:
        assert_accessible(page, f"mail {kind}", mail=kind, language=expected)


@pytest.mark.parametrize("kind", KINDS)
def test_in_dark_mode_the_mail_stays_readable(new_page, transactional_db, kind):
    page = new_page(viewport={"width": 375, "height": 900}, color_scheme="dark")
    page.set_content(mail_html(kind, "nl"))
    screenshot(page, f"mail-{kind}-nl-dark")

    background = page.evaluate("getComputedStyle(document.querySelector('.mail-content')).backgroundColor")
    assert background == "rgb(22, 33, 44)", f"{kind}: the content is not dark in dark mode: {background}"
    # axe's colour contrast, with the dark colours
    assert_accessible(page, f"mail {kind}, dark mode", mail=kind, language="nl")
