"""The demo editor puts a kwartaalupdate together in the admin, by choice, on a phone and a desktop.

Logged in as ``redacteur`` (*Redacteuren*): open "Kwartaalupdate" from the admin menu, ask for the
quarter the demo has sent already (the form says so and offers to open it), then for the quarter
before; untick a whole section with "Niets kiezen", tick it all again with "Alles kiezen", untick
one item by hand, and make the draft. The editor lands in the new issue, whose plain title names
the season, whose checks say whether it may be sent, and whose test mail is a visible button.
Screenshots of the assembly screen and the new issue land in ``var/screenshots/``.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from newsletter.assembly import current_quarter
from newsletter.models import NewsletterIssuePage

from .support import MOBILE, an_editor, assert_accessible, screenshot

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "redacteur", "leefbaar-demo"
VIEWPORTS = {375: MOBILE, 1280: {"viewport": {"width": 1280, "height": 900}}}


def previous_quarter():
    year, quarter = map(int, current_quarter(timezone.localdate()).split("-Q"))
    return f"{year - 1}-Q4" if quarter == 1 else f"{year}-Q{quarter - 1}"


@pytest.fixture
def editor(transactional_db):
    before = set(NewsletterIssuePage.objects.values_list("pk", flat=True))
    with an_editor(USERNAME, PASSWORD, publishes_slug="-") as user:
        yield user
    # The demo keeps only its own issues.
    NewsletterIssuePage.objects.exclude(pk__in=before).delete()


def log_in(page):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(USERNAME)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def checked(section):
    return section.locator("input[type=checkbox]:checked").count()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_editor_assembles_an_issue_by_ticking_and_unticking(new_page, editor, width):
    page = new_page(**VIEWPORTS[width])
    log_in(page)

    if width >= 1280:
        page.get_by_role("link", name="Kwartaalupdate", exact=True).click()
    else:
        page.goto("/admin/kwartaalupdate/")  # the phone's menu is behind its toggle
    expect(page.get_by_role("heading", name="Nieuw nummer samenstellen")).to_be_visible()

    # This quarter has the demo's issue already: the form says so and offers to open it.
    page.get_by_label("Kwartaal").fill(current_quarter())
    page.get_by_role("button", name="Kwartaalupdate samenstellen").click()
    expect(page.get_by_text(re.compile("er al een kwartaalupdate in deze taal"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("openen"))).to_be_visible()

    quarter = previous_quarter()
    page.get_by_label("Kwartaal").fill(quarter)
    page.get_by_role("button", name="Onderwerpen tonen").click()
    meetings = page.locator("#rubriek-meetings")
    expect(meetings.get_by_role("heading", name="Bijeenkomsten en aanmelden")).to_be_visible()
    offered = meetings.locator("input[type=checkbox]").count()
    assert offered >= 2, "the demo should have meetings still to come"
    assert 0 < checked(meetings) <= 5
    for heading in ("Nieuws van het programma", "Artikelen van partners", "Subsidieregelingen"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot(page, "issue-assembly")
    assert_accessible(page, f"admin, editor: kwartaalupdate samenstellen, {width} px", kind="admin")

    # One section in one go, without JavaScript's help: the buttons are submit buttons.
    meetings.get_by_role("button", name="Niets kiezen in Bijeenkomsten en aanmelden").click()
    meetings = page.locator("#rubriek-meetings")
    expect(meetings.locator("input[type=checkbox]:checked")).to_have_count(0)
    meetings.get_by_role("button", name="Alles kiezen in Bijeenkomsten en aanmelden").click()
    meetings = page.locator("#rubriek-meetings")
    expect(meetings.locator("input[type=checkbox]:checked")).to_have_count(offered)
    first = meetings.locator("input[type=checkbox]").first
    unticked = meetings.locator("label").first.inner_text()
    first.uncheck()
    assert not NewsletterIssuePage.objects.filter(quarter=quarter, locale__language_code="nl").exists()

    page.get_by_role("button", name="Concept maken").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    issue = NewsletterIssuePage.objects.get(quarter=quarter, locale__language_code="nl")
    assert re.fullmatch(r"Kwartaalupdate (winter|lente|zomer|herfst) \d{4}", issue.title), issue.title
    blocks = issue.get_latest_revision_as_object().sections
    meetings_block = next(b for b in blocks if b.block_type == "section" and b.value["kind"] == "meetings")
    titles = [item["page"].title for item in meetings_block.value["items"]]
    assert len(titles) == offered - 1 and unticked not in titles
    expect(page.locator(".messages")).to_contain_text("Concept")
    expect(page.locator(".issue-checks").get_by_role("link", name="Testmail versturen")).to_be_visible()
    expect(page.locator("[data-issue-problems]")).to_be_visible()
    screenshot(page, "issue-assembled")
