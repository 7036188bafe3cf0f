""" "Lees ook": a visitor reading a knowledge item follows one of its related pages, in Dutch and
in English, on a phone and on a wide screen (search/related.py, includes/related_pages.html).

The section is a region named by its heading, with three to five links to pages in the reader's
language; following one lands on that page. axe-core checks the item with its section, and the
screenshots (var/screenshots/related-*) show how the cards sit at 375 and 1280 px.
"""

import re

import pytest
from playwright.sync_api import expect

from knowledge.models import KnowledgeItemPage

from .support import MOBILE, assert_accessible, first, live, screenshot, url

pytestmark = pytest.mark.browser

HEADING = {"nl": "Lees ook", "en": "Related"}
VIEWPORTS = {375: MOBILE, 1280: {"viewport": {"width": 1280, "height": 900}}}


def an_item_with_themes(language):
    return first(
        live(KnowledgeItemPage, language).filter(themes__isnull=False).distinct(),
        f"{language} knowledge item with a theme",
    )


@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("language", HEADING)
def test_a_visitor_follows_a_related_item_to_its_page(new_page, language, width):
    item = an_item_with_themes(language)
    page = new_page(**VIEWPORTS[width])
    page.goto(url(item))
    expect(page.get_by_role("heading", level=1)).to_have_text(item.title)

    related = page.get_by_role("region", name=HEADING[language])
    expect(related).to_be_visible()
    links = related.get_by_role("link")
    assert 3 <= links.count() <= 5, links.all_inner_texts()
    # Every card says what kind of page it leads to, above its title.
    expect(related.locator(".card__kicker")).to_have_count(links.count())
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    related.scroll_into_view_if_needed()
    screenshot(page, f"related-{language}")
    assert_accessible(page, f"knowledge item with related pages ({language}, {width} px)")

    target = links.first
    title, href = target.inner_text().strip(), target.get_attribute("href")
    assert href.startswith("/en/") == (language == "en"), href
    assert href != url(item)
    target.click()

    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("html")).to_have_attribute("lang", language)
