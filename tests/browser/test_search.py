"""Searching from the search box in the header of every page."""

import re

import pytest
from playwright.sync_api import expect

from knowledge.models import KnowledgeItemPage

from .support import first, live, words

pytestmark = pytest.mark.browser


def item_and_word_from_its_text():
    """A knowledge item and the longest word of its approach that its title does not contain."""
    item = first(live(KnowledgeItemPage).exclude(approach=""), "knowledge item with an approach")
    in_title = set(words(item.title))
    return item, max((word for word in words(item.approach) if word not in in_title), key=len)


def search_box(page):
    return page.get_by_role("banner").get_by_role("combobox", name="Zoeken op deze site")


def test_search_finds_a_knowledge_item_by_a_word_from_its_text(page):
    item, word = item_and_word_from_its_text()
    page.goto("/")

    search_box(page).fill(word)
    search_box(page).press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken")
    count = re.compile(rf"^\d+ resulta(at|ten) voor ‘{re.escape(word)}’$")
    expect(page.get_by_role("heading", name=count)).to_be_visible()
    expect(search_box(page)).to_have_value(word)

    page.get_by_role("link", name=item.title, exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(item.title)


def test_an_empty_search_explains_what_to_do(page):
    page.goto("/")

    page.get_by_role("banner").get_by_role("button", name="Zoeken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken")
    expect(page.get_by_text("Typ een of meer woorden en kies ‘Zoeken’.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("resulta"))).to_have_count(0)
