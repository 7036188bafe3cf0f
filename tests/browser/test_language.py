"""The language switcher in the header: to the English version of a page, and back."""

import re

import pytest
from playwright.sync_api import expect

from knowledge.models import KnowledgeIndexPage, KnowledgeItemPage, ThemePage

from .support import assert_accessible, first, live, screenshot, translation, url

pytestmark = pytest.mark.browser


def switch_to(page, language_name):
    page.get_by_role("banner").get_by_role("link", name=re.compile(f"^{language_name}")).click()


def test_a_translated_theme_switches_to_its_english_version_and_back(page):
    english_keys = live(ThemePage, "en").values("translation_key")
    theme = first(live(ThemePage).filter(translation_key__in=english_keys), "theme translated into English")
    english = translation(theme, "en")
    page.goto(url(theme))
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    switch_to(page, "English")

    expect(page).to_have_url(re.compile(rf"{re.escape(url(english))}$"))
    assert url(english).startswith("/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(english.title)

    switch_to(page, "Nederlands")

    expect(page).to_have_url(re.compile(rf"{re.escape(url(theme))}$"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text(theme.title)


WIDTHS = (375, 1280)


def untranslated_item():
    english_keys = live(KnowledgeItemPage, "en").values("translation_key")
    return first(
        live(KnowledgeItemPage).exclude(translation_key__in=english_keys),
        "knowledge item without an English translation",
    )


def test_an_untranslated_page_stays_in_dutch_with_an_english_notice(page):
    item = untranslated_item()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url(item))
        expect(page.locator(".untranslated-notice")).to_have_count(0)

        switch_to(page, "English")

        # The same Dutch page, never a 404, with the notice in English (its own lang).
        expect(page).to_have_url(re.compile(rf"{re.escape(url(item))}\?niet-vertaald=en$"))
        expect(page.locator("html")).to_have_attribute("lang", "nl")
        expect(page.get_by_role("heading", level=1)).to_have_text(item.title)
        notice = page.get_by_role("main").locator(".untranslated-notice")
        expect(notice).to_be_visible()
        expect(notice).to_have_attribute("lang", "en")
        screenshot(page, "language-untranslated-notice")
        expect(notice).to_contain_text(
            "This page is not available in English yet; here is the Dutch version."
        )
        assert_accessible(page, "untranslated page with the English notice")

    # The notice offers the English home page.
    notice.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_an_english_url_with_dutch_slugs_leads_to_the_english_page_or_the_dutch_one(page):
    english_index = live(KnowledgeIndexPage, "en").get()
    assert url(english_index) == "/en/knowledge-base/"
    page.goto("/en/kennisbank/?soort=method")
    expect(page).to_have_url(re.compile(r"/en/knowledge-base/\?soort=method$"))

    item = untranslated_item()
    page.goto(f"/en/knowledge-base/{item.slug}/")
    expect(page).to_have_url(re.compile(rf"{re.escape(url(item))}\?niet-vertaald=en$"))
    expect(page.locator(".untranslated-notice")).to_be_visible()


def test_the_english_kennisbank_offers_the_dutch_items(page):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/en/knowledge-base/")
        offer = page.locator(".listing__more-in-source")
        dutch, english = live(KnowledgeItemPage).count(), live(KnowledgeItemPage, "en").count()
        screenshot(page, "language-more-in-dutch")
        expect(offer).to_contain_text(f"{dutch - english} more items are available in Dutch")
        assert_accessible(page, "English kennisbank with the Dutch offer")

    offer.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/kennisbank/$"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
