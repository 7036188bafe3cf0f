"""What every page shares: visible keyboard focus, and nothing loaded from other hosts."""

from urllib.parse import urlsplit

import pytest

from knowledge.models import KnowledgeItemPage, MeetingPage, PilotPage, ThemePage

from .support import first, live, url

pytestmark = pytest.mark.browser

# The focused element, and the width of its outline as the browser draws it (0 when there is none).
FOCUS_STYLE = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    return {
        tag: element.tagName,
        text: element.textContent.trim().slice(0, 40),
        outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
    };
}"""


def test_every_link_in_the_header_shows_where_the_keyboard_focus_is(page):
    page.goto("/")
    link_count = page.get_by_role("banner").get_by_role("link").count()
    seen = []

    for _ in range(link_count + 1):  # the skip link, then the header's links
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if focused["tag"] == "A":
            seen.append(focused)
            assert focused["outline"] >= 2, f"The focused link {focused['text']!r} has no visible outline"

    assert len(seen) >= link_count


def test_a_focused_link_in_the_content_has_a_visible_outline(page):
    item = first(live(KnowledgeItemPage), "knowledge item")
    page.goto(url(item))
    page.get_by_role("main").focus()

    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUS_STYLE)

    assert focused["tag"] == "A"
    assert focused["outline"] >= 2, f"The focused link {focused['text']!r} has no visible outline"


def test_pages_load_nothing_from_other_hosts(page, live_server, requested_urls):
    models = (ThemePage, KnowledgeItemPage, PilotPage, MeetingPage)
    pages = ["/", "/en/", "/zoeken/?q=buurt"] + [url(first(live(model), model.__name__)) for model in models]
    for path in pages:
        page.goto(path, wait_until="networkidle")

    web = [urlsplit(address) for address in requested_urls if address.startswith(("http:", "https:"))]
    assert {address.netloc for address in web} == {urlsplit(live_server.url).netloc}
    assert any(address.path.endswith(".css") for address in web), "no stylesheet was loaded"
