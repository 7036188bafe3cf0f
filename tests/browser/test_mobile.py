"""On a phone (375 × 812): the menu can be opened and used, and pages never scroll sideways."""

import pytest
from playwright.sync_api import expect

from knowledge.models import KnowledgeIndexPage, KnowledgeItemPage

from .support import MOBILE, first, live, url

pytestmark = pytest.mark.browser


def test_the_menu_opens_and_leads_to_a_section(new_page):
    kennisbank = first(live(KnowledgeIndexPage), "kennisbank")
    page = new_page(**MOBILE)
    page.goto("/")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    toggle = menu.get_by_role("button", name="Menu")
    link = menu.get_by_role("link", name=kennisbank.title)

    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(link).to_be_hidden()

    toggle.click()

    expect(toggle).to_have_attribute("aria-expanded", "true")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(kennisbank.title)


def test_without_javascript_the_menu_stays_open(new_page):
    page = new_page(java_script_enabled=False, **MOBILE)
    page.goto("/")

    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link").first).to_be_visible()
    expect(menu.get_by_role("button")).to_have_count(0)


PAGES = {
    "home": lambda: "/",
    "knowledge item": lambda: url(first(live(KnowledgeItemPage), "knowledge item")),
    "kennisbank": lambda: url(first(live(KnowledgeIndexPage), "kennisbank")),
}


@pytest.mark.parametrize("page_type", PAGES)
def test_pages_do_not_scroll_sideways(new_page, page_type):
    where = PAGES[page_type]()
    page = new_page(**MOBILE)
    page.goto(where)

    widths = page.evaluate("({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    assert widths["scroll"] <= widths["inner"], f"{where} is {widths['scroll']}px wide on a 375px screen"
