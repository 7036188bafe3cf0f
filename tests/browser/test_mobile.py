"""On a phone: the menu can be opened and used, the kennisbank shows its results before its
filters, and no page of the demo scrolls sideways at 320 or 375 pixels wide."""

import re
import time

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from knowledge.models import KnowledgeIndexPage, KnowledgeItemPage, ThemePage

from .support import MOBILE, assert_accessible, first, live, url

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


# The narrowest phones in use (320: iPhone SE, small Androids) and the most common width.
PHONE_WIDTHS = (320, 375)


def every_live_page():
    """The address of every live, public page of the demo site, Dutch and English."""
    return [page.get_url() for page in Page.objects.live().public().filter(depth__gt=1).order_by("path")]


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_no_page_scrolls_sideways(new_page, width):
    """Every page, one browser tab per width; every page that is too wide is named at once.

    A mobile browser widens its layout viewport to fit content that overflows (and
    ``window.innerWidth`` grows with it), so the page is measured against the width the
    ``<meta name="viewport">`` asks for: the root element's client width, the phone's width.
    """
    urls = every_live_page()
    assert any(where.startswith("/en/") for where in urls), "seed_demo made no English pages"
    page = new_page(**{**MOBILE, "viewport": {"width": width, "height": 800}})
    started = time.monotonic()
    too_wide = {}
    for where in urls:
        response = page.goto(where)
        assert response.ok, f"{where} answered {response.status}"
        widths = page.evaluate(
            "({page: document.documentElement.scrollWidth, phone: document.documentElement.clientWidth})"
        )
        assert widths["phone"] == width, f"{where} is laid out for {widths['phone']}px, not {width}px"
        if widths["page"] > width:
            too_wide[where] = widths["page"]

    print(f"{len(urls)} pages at {width}px in {time.monotonic() - started:.1f} s")
    assert not too_wide, f"{len(too_wide)} of {len(urls)} pages scroll sideways at {width}px: " + ", ".join(
        f"{where} ({scroll_width}px)" for where, scroll_width in too_wide.items()
    )


def kennisbank_theme():
    """A theme that some, but not all, items of the kennisbank have."""
    items = live(KnowledgeItemPage)
    for theme in live(ThemePage):
        if 0 < items.filter(themes=theme).count() < items.count():
            return theme
    pytest.fail("seed_demo made no theme that narrows the kennisbank")


def test_on_a_phone_the_kennisbank_shows_results_first_and_its_filters_on_request(new_page):
    kennisbank = first(live(KnowledgeIndexPage), "kennisbank")
    theme = kennisbank_theme()
    page = new_page(**MOBILE)
    page.goto(url(kennisbank))
    results = page.get_by_role("list", name=re.compile(r"^\d+ resulta(at|ten)$"))
    filters = page.locator("summary", has_text="Filteren")
    theme_filter = page.get_by_label("Thema", exact=True)

    # The first result starts on the first screen; the filters are folded behind one line.
    assert results.get_by_role("listitem").first.bounding_box()["y"] < MOBILE["viewport"]["height"]
    expect(theme_filter).to_be_hidden()
    assert_accessible(page)

    filters.click()
    expect(theme_filter).to_be_visible()
    filters.click()
    expect(theme_filter).to_be_hidden()
    filters.focus()
    page.keyboard.press("Enter")
    expect(theme_filter).to_be_visible()
    assert_accessible(page)

    theme_filter.select_option(theme.slug)
    page.get_by_role("button", name="Toon resultaten").click()

    # The filters are folded again, and the summary counts the chosen one.
    expect(filters).to_contain_text("1 filter gekozen")
    expect(theme_filter).to_be_hidden()
    matching = live(KnowledgeItemPage).filter(themes=theme).count()
    expect(results.get_by_role("heading")).to_have_count(min(matching, KnowledgeIndexPage.per_page))


def test_the_filters_open_without_javascript_and_show_on_a_wide_screen(new_page):
    where = url(first(live(KnowledgeIndexPage), "kennisbank"))
    for context_options in (
        {"java_script_enabled": False, "viewport": {"width": 1280, "height": 800}},
        {"viewport": {"width": 1280, "height": 800}},
    ):
        page = new_page(**context_options)
        page.goto(where)
        expect(page.get_by_label("Thema", exact=True)).to_be_visible()
    # On a phone without JavaScript the filters are folded too, and the summary opens them.
    page = new_page(java_script_enabled=False, **MOBILE)
    page.goto(where)
    expect(page.get_by_label("Thema", exact=True)).to_be_hidden()
    page.locator("summary", has_text="Filteren").click()
    expect(page.get_by_label("Thema", exact=True)).to_be_visible()
