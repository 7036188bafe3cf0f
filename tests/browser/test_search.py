"""Searching from the search box in the header of every page."""

import re

import pytest
from playwright.sync_api import expect

from knowledge.models import KnowledgeIndexPage, KnowledgeItemPage, ThemePage

from .support import MOBILE, first, live, screenshot, words

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


# Find and read (issue 18): clean snippets, compact results, one filter layout --------------------

BLOCK_LABELS = re.compile(r"\bKop [234]\b|, ,|\s,|[?.!],\s")
# A result on a 375 px phone (about 40 characters a line, 24 px a line): kicker 1 line, a title
# of up to 3 lines, the meta line, a summary cut at 12 words (3 lines) and a snippet of at most
# 220 characters (6 lines), with margins and padding: about 19 lines, under 500 px. The old
# cards (30 words of summary and a snippet that began with it again) took up to 528 px in the
# demo, and up to 600 px with longer texts.
RESULT_HEIGHT_BOUND = 500


def biggest_result_set(page):
    """The demo query (from a few common words) with the most results."""
    best = None
    for word in ("bewoners", "gemeente", "buurt", "eenzaamheid", "wijk", "samen"):
        response = page.request.get(f"/zoeken/?q={word}", headers={"Accept": "application/json"})
        total = response.json()["total"]
        if best is None or total > best[1]:
            best = (word, total)
    return best


def test_results_on_a_phone_are_compact_clean_sentences(new_page):
    page = new_page(**MOBILE)
    word, total = biggest_result_set(page)
    page.goto(f"/zoeken/?q={word}")
    cards = page.locator("main .card--result")
    expect(cards.first).to_be_visible()

    heights = [box["height"] for box in (card.bounding_box() for card in cards.all())]
    list_height = page.locator("main ol.card-list").bounding_box()["height"]
    page_height = page.evaluate("document.documentElement.scrollHeight")
    print(
        f"\n375 px, q={word!r}, {total} results: {len(heights)} on page 1 take {list_height:.0f} px "
        f"(tallest {max(heights):.0f} px); page height {page_height} px"
    )
    screenshot(page, "search-results-phone")

    snippets = page.locator("main .card__highlight").all_inner_texts()
    assert snippets, "no result shows a snippet"
    for text in snippets:
        assert not BLOCK_LABELS.search(text), text
        assert len(text) <= 230, text
    for card in cards.all():
        texts = card.locator(".card__text").all_inner_texts()
        assert len(texts) == len(set(texts)), texts
    assert max(heights) < RESULT_HEIGHT_BOUND, heights


def first_result_top(page):
    return page.locator("main .card").first.bounding_box()["y"]


@pytest.mark.parametrize("where", ["search", "kennisbank"])
def test_one_filter_layout_on_search_and_kennisbank(new_page, where):
    kennisbank = first(live(KnowledgeIndexPage), "kennisbank")
    theme = first(live(ThemePage).filter(knowledge_items__isnull=False).distinct(), "theme with items")
    target = f"{kennisbank.get_url()}?thema={theme.slug}"
    if where == "search":
        word, _total = biggest_result_set(new_page())
        target = f"/zoeken/?q={word}&thema={theme.slug}"

    wide = new_page(viewport={"width": 1280, "height": 800})
    wide.goto(target)
    theme_filter = wide.get_by_label("Thema", exact=True)
    expect(theme_filter).to_be_visible()
    # The filters sit beside the results: the first result starts on the first screen, to their right.
    assert first_result_top(wide) < 800
    assert (
        wide.locator("main .filter-form").bounding_box()["x"]
        < wide.locator("main .card").first.bounding_box()["x"]
    )
    screenshot(wide, f"filters-{where}")

    phone = new_page(**MOBILE)
    phone.goto(target)
    disclosure = phone.locator("main details.filter-form")
    expect(disclosure).to_have_count(1)
    assert disclosure.evaluate("d => d.open") is False
    expect(disclosure.locator("summary")).to_contain_text("1 filter gekozen")
    expect(phone.get_by_label("Thema", exact=True)).to_be_hidden()
    # The results begin on the first screen: their heading, with a filter's chip below it.
    count = phone.locator("main .listing__count").bounding_box()
    assert count["y"] + count["height"] < MOBILE["viewport"]["height"]
    screenshot(phone, f"filters-{where}")
    disclosure.locator("summary").click()
    expect(phone.get_by_label("Thema", exact=True)).to_be_visible()

    # Without JavaScript: closed on a phone and opens on a click; shown beside the results on a wide screen.
    for options, shown in (
        ({"java_script_enabled": False, **MOBILE}, False),
        ({"java_script_enabled": False, "viewport": {"width": 1280, "height": 800}}, True),
    ):
        plain = new_page(**options)
        plain.goto(target)
        theme_filter = plain.get_by_label("Thema", exact=True)
        if shown:
            expect(theme_filter).to_be_visible()
        else:
            expect(theme_filter).to_be_hidden()
            plain.locator("main details.filter-form summary").click()
            expect(theme_filter).to_be_visible()
