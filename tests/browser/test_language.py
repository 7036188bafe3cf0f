"""The language switcher in the header: to the English version of a page, and back."""

import re

import pytest
from playwright.sync_api import expect

from knowledge.models import KnowledgeItemPage, ThemePage

from .support import first, live, translation, url

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


def test_an_untranslated_page_switches_to_the_english_home_page(page):
    english_keys = live(KnowledgeItemPage, "en").values("translation_key")
    item = first(
        live(KnowledgeItemPage).exclude(translation_key__in=english_keys),
        "knowledge item without an English translation",
    )
    page.goto(url(item))

    switch_to(page, "English")

    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
