"""A visitor opens the kwartaalupdate archive and reads the demo's issue, on a phone and a desktop.

``seed_demo`` ships this quarter's issue, sent, in Dutch and English. The visitor finds it in the
archive under its plain title, opens it, and reads its sections as a web page; nothing scrolls
sideways, axe-core finds no WCAG 2.1 A/AA violation, and screenshots of both pages land in
``var/screenshots/`` to look at.
"""

import pytest
from playwright.sync_api import expect

from newsletter.models import NewsletterIndexPage, NewsletterIssuePage

from .support import MOBILE, assert_accessible, screenshot

pytestmark = pytest.mark.browser

VIEWPORTS = {375: MOBILE, 1280: {"viewport": {"width": 1280, "height": 900}}}
HEADINGS = {"nl": "Eerdere nummers", "en": "Earlier issues"}


def sent_issue(language):
    issues = NewsletterIssuePage.objects.filter(locale__language_code=language).exclude(sent_at=None)
    assert issues.count() == 1, f"seed_demo should send one kwartaalupdate in {language}"
    return issues.get()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("width", [375, 1280])
def test_read_the_sent_issue_from_the_archive(new_page, transactional_db, language, width):
    archive = NewsletterIndexPage.objects.get(locale__language_code=language)
    issue = sent_issue(language)
    page = new_page(**VIEWPORTS[width])

    page.goto(archive.url)
    expect(page.get_by_role("heading", level=2, name=HEADINGS[language])).to_be_visible()
    link = page.get_by_role("link", name=issue.title, exact=True)
    expect(link).to_be_visible()
    expect(page.locator(".card__text").first).to_contain_text(issue.introduction[:40])
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot(page, f"newsletter-archive-{language}")
    assert_accessible(page, f"archive kwartaalupdate, {width} px wide")

    link.click()
    page.wait_for_url(f"**{issue.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(issue.title)
    sections = page.locator(".issue-section")
    assert sections.count() >= 3
    # Every item leads to its page; the first one opens.
    items = page.locator(".issue-section .card__title a")
    assert items.count() >= 3
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot(page, f"newsletter-issue-{language}")
    assert_accessible(page, f"kwartaalupdate issue, {width} px wide")

    first_item = items.first
    title = first_item.inner_text()
    first_item.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
