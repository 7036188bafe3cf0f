"""A visitor's whole search: suggestions while typing, results, narrowing them, and the item.

The header's search box is a combobox once search-autocomplete.js runs: typing shows the
suggestions of search/autocomplete.py, the arrow keys move through them and Enter opens one.
Without JavaScript the same box is the plain search form. axe-core checks each state in Dutch and
English: the results with their facets, a search that finds nothing, and the open suggestions.
"""

import re

import pytest
from playwright.sync_api import expect

from knowledge.models import KnowledgeItemPage

from .support import assert_accessible, first, live, words

pytestmark = pytest.mark.browser

HEADER_BOX = {"nl": "Zoeken op deze site", "en": "Search this site"}


def an_item(language="nl"):
    return first(
        live(KnowledgeItemPage, language).filter(themes__isnull=False), f"{language} item with a theme"
    )


def header_box(page, language="nl", role="combobox"):
    return page.get_by_role("banner").get_by_role(role, name=HEADER_BOX[language])


def typed_for(item):
    """The item's title without its last letter: a prefix only this title (or few) completes."""
    return item.title[:-1]


def open_suggestions(page, item, language="nl"):
    box = header_box(page, language)
    box.press_sequentially(typed_for(item), delay=20)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    return box, listbox


def test_choosing_a_suggestion_with_the_keyboard_opens_the_page(page):
    item = an_item()
    page.goto("/")

    box, listbox = open_suggestions(page, item)

    options = listbox.get_by_role("option")
    titles = [text.split(",")[0] for text in options.all_inner_texts()]
    assert item.title in titles, f"{item.title!r} not among the suggestions {titles}"
    count = len(titles)
    expect(page.get_by_role("status").filter(has_text="suggestie")).to_have_text(
        "1 suggestie" if count == 1 else f"{count} suggesties"
    )
    for _step in range(titles.index(item.title) + 1):
        box.press("ArrowDown")
    highlighted = options.nth(titles.index(item.title))
    expect(highlighted).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", highlighted.get_attribute("id"))

    box.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(item.title)


def test_escape_closes_the_suggestions_and_keeps_the_text_and_enter_then_searches(page):
    item = an_item()
    page.goto("/")
    box, listbox = open_suggestions(page, item)

    box.press("Escape")

    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value(typed_for(item))

    box.press("Enter")  # nothing highlighted: the form searches, as without the script

    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q="))


def test_a_suggestion_can_be_clicked(page):
    item = an_item()
    page.goto("/")
    _box, listbox = open_suggestions(page, item)

    listbox.get_by_role("option", name=re.compile(rf"^{re.escape(item.title)}\b")).first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(item.title)


def test_the_search_page_box_suggests_too_and_says_when_there_are_none(page):
    page.goto("/zoeken/")
    box = page.get_by_role("main").get_by_role("combobox", name="Waar zoekt u naar?")

    box.press_sequentially("qqxqqz", delay=20)

    expect(page.get_by_role("main").get_by_role("status")).to_have_text("Geen suggesties")
    expect(box).to_have_attribute("aria-expanded", "false")


def test_search_narrow_by_theme_and_kind_and_open_the_item(page):
    item = an_item()
    theme = item.themes.first()
    word = max(words(item.title), key=len)
    page.goto("/")

    header_box(page).fill(word)
    header_box(page).press("Enter")
    count = page.get_by_role("heading", name=re.compile(r"^\d+ resulta(at|ten) voor"))
    expect(count).to_be_visible()

    page.get_by_label("Thema", exact=True).select_option(theme.slug)
    page.get_by_role("button", name="Toon resultaten").click()
    expect(page).to_have_url(re.compile(rf"thema={re.escape(theme.slug)}"))
    expect(page.get_by_label("Thema", exact=True)).to_have_value(theme.slug)

    page.get_by_label("Soort", exact=True).select_option(item.kind)
    page.get_by_role("button", name="Toon resultaten").click()
    expect(page).to_have_url(re.compile(rf"soort={item.kind}"))
    expect(page).to_have_url(re.compile(rf"thema={re.escape(theme.slug)}"))

    page.get_by_role("main").get_by_role("link", name=item.title, exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(item.title)


def test_without_javascript_the_search_form_still_works(new_page):
    page = new_page(java_script_enabled=False)
    item = an_item()
    word = max(words(item.title), key=len)
    page.goto("/")

    box = header_box(page, role="searchbox")
    expect(box).not_to_have_attribute("role", "combobox")
    box.fill(word)
    box.press("Enter")

    expect(
        page.get_by_role("heading", name=re.compile(rf"resulta(at|ten) voor ‘{re.escape(word)}’"))
    ).to_be_visible()
    expect(page.get_by_role("listbox")).to_have_count(0)
    page.get_by_role("main").get_by_role("link", name=item.title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(item.title)


# Accessibility of each state, in both languages --------------------------------------------------

SEARCH_URL = {"nl": "/zoeken/", "en": "/en/search/"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_results_with_facets_are_accessible(page, language):
    item = an_item(language)
    word = max(words(item.title), key=len)

    page.goto(f"{SEARCH_URL[language]}?q={word}&soort={item.kind}")

    expect(page.locator("main .card-list")).to_be_visible()
    expect(page.locator("main .filter-form select").first).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_search_without_results_is_accessible(page, language):
    page.goto(f"{SEARCH_URL[language]}?q=qqxqqzzy")

    expect(page.locator("main .empty-state")).to_be_visible()
    expect(page.locator("main .empty-state__themes a").first).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_open_suggestions_are_accessible(page, language):
    item = an_item(language)
    page.goto("/" if language == "nl" else "/en/")
    box, listbox = open_suggestions(page, item, language)
    box.press("ArrowDown")
    expect(listbox.get_by_role("option").first).to_have_attribute("aria-selected", "true")

    assert_accessible(page)
