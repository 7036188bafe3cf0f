"""An editor turns a search that found nothing into a synonym, and the next visitor finds the page.

A visitor searches the demo site for a word no page uses; the demo editor opens *Rapporten ›
Zoekopdrachten*, finds the query under "Zonder resultaten", follows "Synoniem toevoegen" (the form
has the query and the language filled in), adds a word that a knowledge item does use and saves.
The same search now finds that item. At 1280 px (the admin's sidebar open) and at 375 px (behind
its toggle), with axe-core on the report and the form, and screenshots of each step.
"""

import re

import pytest
from playwright.sync_api import expect

from knowledge.models import KnowledgeItemPage
from search import log
from search.models import Answer, SearchQueryDay, SynonymGroup

from .support import MOBILE, an_editor, assert_accessible, first, live, screenshot, words

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "synoniemredacteur", "leefbaar-demo"
# Words no demo page uses, nor one a typo away: each width's visitor searches its own.
QUERIES = {1280: "babbelbox", 375: "kletskwartier"}
# Earlier searches the search had to help with, so that the report shows its other two lists.
HELPED = [("corona", 3, Answer.EXPANDED, ""), ("eenzaamhied", 2, Answer.CORRECTED, "eenzaamheid")]
CONTEXTS = {1280: {}, 375: MOBILE}


@pytest.fixture
def editor(transactional_db):
    with an_editor(USERNAME, PASSWORD, publishes_slug="niet-gepubliceerd") as user:
        yield user
    # The demo content is shared by the browser tests that follow: leave it as it was.
    SynonymGroup.objects.filter(words__startswith=tuple(QUERIES.values())).delete()
    SearchQueryDay.objects.filter(query__in=[*QUERIES.values(), *(row[0] for row in HELPED)]).delete()


def visitor_searches(new_page, width, query):
    visitor = new_page(**CONTEXTS[width])
    visitor.goto("/")
    box = visitor.get_by_role("banner").get_by_role("combobox", name="Zoeken op deze site")
    box.fill(query)
    box.press("Enter")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Zoeken")
    return visitor


def open_report(page, width):
    page.goto("/admin/")
    if width < 800:  # Wagtail folds its sidebar away on a narrow screen
        page.get_by_role("button", name="Toon/verberg zijbalk").click()
    page.get_by_role("button", name="Rapporten").click()
    page.get_by_role("link", name="Zoekopdrachten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoekopdrachten")


@pytest.mark.parametrize("width", [1280, 375])
def test_a_query_without_results_becomes_a_synonym_and_then_finds_the_item(new_page, editor, width):
    query = QUERIES[width]
    item = first(live(KnowledgeItemPage), "knowledge item")
    word = max(words(item.title), key=len)

    for helped, times, answer, answered_as in HELPED:
        for _ in range(times):
            log.record(helped, "nl", 4, answer=answer, answered_as=answered_as)

    # 1. A visitor finds nothing.
    visitor = visitor_searches(new_page, width, query)
    expect(visitor.get_by_role("main")).to_contain_text("0 resultaten")
    visitor.context.close()

    # 2. The editor sees the query in the report and follows "Synoniem toevoegen".
    page = new_page(**CONTEXTS[width])
    page.goto("/admin/login/")
    page.locator("#id_username").fill(USERNAME)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    open_report(page, width)
    none = page.locator('table[aria-labelledby="search-report-nl-none"]')
    row = none.get_by_role("row").filter(has_text=query)
    expect(row).to_contain_text(query)
    assert_accessible(page, "zoekrapport")
    corrected = page.locator('table[aria-labelledby="search-report-nl-corrected"]')
    expect(corrected.get_by_role("row").filter(has_text="eenzaamhied")).to_contain_text("eenzaamheid")
    corrected.scroll_into_view_if_needed()  # the admin scrolls its content, not the page
    screenshot(page, "search-report-helped")
    row.scroll_into_view_if_needed()
    screenshot(page, "search-report")
    # The link names its query for screen readers (Chromium reads "Synoniem toevoegen : <query>").
    row.get_by_role("link", name=re.compile(rf"^Synoniem toevoegen ?: {query}$")).click()

    # 3. The form has the query and the language; the editor adds one word and saves.
    words_field = page.get_by_label("Woorden")
    expect(words_field).to_have_value(f"{query}, ")
    expect(page.get_by_label("Taal")).to_have_value("nl")
    assert_accessible(page, "synoniem toevoegen")
    screenshot(page, "search-synonym-form")
    words_field.press("End")
    words_field.press_sequentially(word.lower())
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text(query)
    assert SynonymGroup.objects.filter(language="nl", words=f"{query}, {word.lower()}").exists()

    # 4. The same search finds the item now.
    visitor = visitor_searches(new_page, width, query)
    main = visitor.get_by_role("main")
    expect(main.get_by_role("link", name=item.title).first).to_be_visible()
    screenshot(visitor, "search-synonym-found")
