"""A search that understands the question (issue 19), as a visitor sees it, in both languages.

- A word the demo content never uses but the synonym list knows (``wijkcentrum``) finds the
  pages that say ``buurthuis`` or ``dorpshuis``, and the page says what it also searched for.
- A typo that finds nothing (``eenzaamhied``) is answered with the corrected query's results at
  once; the link back gives the words as typed, with "Bedoelde u …" to return.

The demo content is seed_demo's; the synonyms are the defaults of ``search/synonym_defaults.py``.
"""

import re

import pytest
from playwright.sync_api import expect

from .support import assert_accessible, screenshot

pytestmark = pytest.mark.browser

PHONE, DESKTOP = {"width": 375, "height": 800}, {"width": 1280, "height": 900}
SEARCH_URL = {"nl": "/zoeken/", "en": "/en/search/"}
# A word no demo page uses, and the synonyms of its group the demo content does use.
SYNONYM = {
    "nl": ("wijkcentrum", {"buurthuis", "dorpshuis", "buurtcentrum", "ontmoetingsplek"}),
    "en": ("neighbourhood centre", {"community centre", "village hall", "meeting place"}),
}
TYPO = {"nl": ("eenzaamhied", "eenzaamheid"), "en": ("lonelinness", "loneliness")}
TEXT = {
    "nl": {
        "count": r"^\d+ resulta(at|ten) voor ‘{}’$",
        "also": "Ook gezocht op:",
        "corrected": "Resultaten voor {}.",
        "instead": "Zoek in plaats daarvan op",
        "none": "0 resultaten voor ‘{}’",
        "meant": "Bedoelde u:",
    },
    "en": {
        "count": r"^\d+ results? for ‘{}’$",
        "also": "Also searched for:",
        "corrected": "Results for {}.",
        "instead": "Search instead for",
        "none": "0 results for ‘{}’",
        "meant": "Did you mean:",
    },
}


def search(page, language, query):
    page.goto(SEARCH_URL[language])
    box = page.locator("#search-page-q")
    box.fill(query)
    box.press("Enter")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_synonym_finds_the_pages_that_use_another_word(page, language):
    query, others = SYNONYM[language]
    text = TEXT[language]
    page.set_viewport_size(DESKTOP)
    search(page, language, query)

    expect(
        page.get_by_role("heading", name=re.compile(text["count"].format(re.escape(query))))
    ).to_be_visible()
    also = page.locator("main .search-also")
    expect(also).to_contain_text(text["also"])
    named = {other for other in others if other in also.inner_text()}
    assert named, f"the notice names none of {others}: {also.inner_text()!r}"
    screenshot(page, f"search-synonym-{language}")
    page.set_viewport_size(PHONE)
    screenshot(page, f"search-synonym-{language}")
    assert_accessible(page)

    # The first result says one of the other words, not the one typed.
    first = page.locator("main .card-list li").first
    title = first.get_by_role("link").first.inner_text()
    first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    body = page.locator("main").inner_text().lower()
    assert any(other in body for other in others), f"{title!r} says none of {others}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_typo_is_answered_with_the_correction_and_the_way_back(page, language):
    typed, corrected = TYPO[language]
    text = TEXT[language]
    page.set_viewport_size(DESKTOP)
    search(page, language, typed)

    notice = page.locator("main .search-correction")
    expect(notice).to_contain_text(text["corrected"].format(corrected))
    expect(
        page.get_by_role("heading", name=re.compile(text["count"].format(re.escape(corrected))))
    ).to_be_visible()
    expect(page.locator("main .card-list li").first).to_be_visible()
    # The box keeps what the visitor typed.
    expect(page.locator("#search-page-q")).to_have_value(typed)
    screenshot(page, f"search-corrected-{language}")
    page.set_viewport_size(PHONE)
    screenshot(page, f"search-corrected-{language}")
    assert_accessible(page)

    notice.get_by_role("link", name=typed).click()
    expect(page).to_have_url(re.compile(r"letterlijk=1"))
    expect(page.get_by_role("heading", name=text["none"].format(typed))).to_be_visible()
    suggestion = page.locator("main .search-suggestion")
    expect(suggestion).to_contain_text(text["meant"])
    suggestion.get_by_role("link", name=corrected).click()
    expect(
        page.get_by_role("heading", name=re.compile(text["count"].format(re.escape(corrected))))
    ).to_be_visible()
    expect(page.locator("main .search-correction")).to_have_count(0)
