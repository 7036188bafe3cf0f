"""Four journeys with the keyboard alone (WCAG 2.1.1 keyboard, 2.4.7 focus visible, 2.4.11 focus
not obscured, 2.4.1 bypass blocks).

Only ``page.keyboard`` moves and acts: Tab, Shift+Tab, Enter, Space and the arrow keys; text is
typed into the field that has focus. Opening the link in a mail is ``page.goto``: that is the
reader clicking it in their mail program. Going to an admin URL is the editor typing it into the
address bar. At every focus stop ``FocusWalk`` checks that the focused element shows a focus
indicator (an outline of 2 px or more, or a box-shadow: the site's ring is both), that it is in
the viewport and that no fixed or sticky element hides it; on every new public page the first
stop is the skip link, and Enter on it puts focus on ``<main>``.

Each journey's problems go to ``var/accessibility/keyboard.jsonl`` (check ``keyboard``) before
the test asserts, for the accessibility statement.
"""

import re

import pytest
from playwright.sync_api import expect

from knowledge.models import KnowledgeIndexPage, KnowledgeItemPage, ThemePage
from newsletter.models import Subscriber
from tests.smtp_sink import SmtpSink

from .keyboard import FocusWalk, record
from .support import an_editor, first, live, screenshot, translation, url, words
from .test_newsletter_subscription import confirmation_link

pytestmark = pytest.mark.browser


def heading(page):
    return page.get_by_role("heading", level=1)


@pytest.fixture
def sink(demo_site):
    with SmtpSink() as smtp, smtp.settings_override():
        yield smtp


def test_search_and_open_an_item_with_the_keyboard_also_through_the_suggestions(page):
    item = first(live(KnowledgeItemPage), "knowledge item")
    word = max(words(item.title), key=len)
    other = first(live(KnowledgeItemPage).exclude(pk=item.pk), "second knowledge item")
    walk = FocusWalk(page)
    try:
        page.goto("/")
        walk.skip_link_first()
        # From <main> back up into the header, to the search box.
        walk.tab_to(page.locator("#site-search-q"), backwards=True)
        page.keyboard.type(word)
        page.keyboard.press("Enter")  # nothing highlighted in the suggestions: search

        expect(page).to_have_url(re.compile(r"/zoeken/\?q="))
        walk.skip_link_first()
        walk.tab_to(page.get_by_role("main").get_by_role("link", name=item.title, exact=True))
        page.keyboard.press("Enter")
        expect(heading(page)).to_have_text(item.title)

        # The suggestions: type, arrow down to the first one, Enter opens that page.
        walk.skip_link_first()
        box = page.locator("#site-search-q")
        walk.tab_to(box, backwards=True)
        page.keyboard.type(other.title[:12])
        expect(box).to_have_attribute("aria-expanded", "true")
        walk.press("ArrowDown")
        highlighted = page.locator("#" + box.get_attribute("aria-activedescendant"))
        expect(highlighted).to_have_attribute("aria-selected", "true")
        expect(highlighted).to_be_in_viewport()
        screenshot(page, "keyboard-suggestions")
        title = highlighted.locator(".autocomplete__title").inner_text()
        page.keyboard.press("Enter")
        expect(heading(page)).to_have_text(title)
    finally:
        record(page, "keyboard", "search and open an item", walk.problems, language="nl")
    assert not walk.problems, "\n".join(walk.problems)


def test_subscribe_confirm_change_and_unsubscribe_with_the_keyboard(page, sink):
    address = "toetsenbord@gemeente.example"
    themes = list(live(ThemePage).order_by("path")[:2])
    assert len(themes) == 2, "seed_demo made fewer than two themes"
    walk = FocusWalk(page)
    try:
        # From the home page's footer to the form.
        page.goto("/")
        walk.skip_link_first()
        walk.tab_to(
            page.get_by_role("contentinfo").get_by_role("link", name="Meld u aan voor de kwartaalupdate")
        )
        page.keyboard.press("Enter")
        expect(heading(page)).to_have_text("Aanmelden voor de kwartaalupdate")

        walk.skip_link_first()
        walk.tab_to(page.get_by_label("Uw e-mailadres"))
        page.keyboard.type(address)
        # The language is a radio group: one Tab stop, the arrow keys choose.
        dutch = page.get_by_role("radio", name="Nederlands")
        walk.tab_to(dutch)
        walk.press("ArrowDown")
        expect(dutch).not_to_be_checked()
        walk.press("ArrowUp")
        expect(dutch).to_be_checked()
        walk.tab_to(page.get_by_role("checkbox", name=themes[0].title))
        page.keyboard.press("Space")
        walk.tab_to(page.get_by_role("checkbox", name=re.compile("Ik wil de kwartaalupdate ontvangen")))
        page.keyboard.press("Space")
        walk.tab_to(page.get_by_role("button", name="Meld mij aan"))
        page.keyboard.press("Enter")
        expect(heading(page)).to_have_text("Kijk in uw mailbox")

        # The link in the mail opens a page with a button; the button confirms.
        page.goto(confirmation_link(sink, address, "/kwartaalupdate/bevestigen/"))
        walk.skip_link_first()
        walk.tab_to(page.get_by_role("button", name="Ja, ik wil de kwartaalupdate"))
        page.keyboard.press("Enter")
        expect(heading(page)).to_have_text("U bent aangemeld")
        subscriber = Subscriber.objects.get(email=address)
        assert subscriber.status == Subscriber.Status.CONFIRMED

        walk.skip_link_first()
        walk.tab_to(page.get_by_role("link", name="Pas uw voorkeuren aan"))
        with page.expect_navigation():  # a link: the next page must have loaded before Tab
            page.keyboard.press("Enter")
        walk.skip_link_first()
        walk.tab_to(page.get_by_role("checkbox", name=themes[1].title))
        page.keyboard.press("Space")
        walk.tab_to(page.get_by_role("button", name="Voorkeuren opslaan"))
        page.keyboard.press("Enter")
        expect(page.get_by_role("main").get_by_role("status")).to_have_text("Uw voorkeuren zijn opgeslagen.")
        assert set(subscriber.themes.all()) == set(themes)

        walk.skip_link_first()
        walk.tab_to(page.get_by_role("main").get_by_role("link", name="Meld u af"))
        with page.expect_navigation():  # a link: the next page must have loaded before Tab
            page.keyboard.press("Enter")
        walk.skip_link_first()
        walk.tab_to(page.get_by_role("button", name="Ja, meld mij af"))
        page.keyboard.press("Space")
        expect(heading(page)).to_have_text("U bent afgemeld")
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    finally:
        record(page, "keyboard", "kwartaalupdate: subscribe to unsubscribe", walk.problems, language="nl")
        Subscriber.objects.filter(email=address).delete()
    assert not walk.problems, "\n".join(walk.problems)


def test_switch_language_and_back_with_the_keyboard(page):
    english = first(live(KnowledgeItemPage, "en"), "English knowledge item")
    dutch = translation(english, "nl")
    walk = FocusWalk(page)
    try:
        page.goto(url(dutch))
        walk.skip_link_first()
        walk.tab_to(
            page.get_by_role("banner").get_by_role("link", name=re.compile("^English")), backwards=True
        )
        page.keyboard.press("Enter")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(heading(page)).to_have_text(english.title)

        walk.tab_to(page.get_by_role("banner").get_by_role("link", name=re.compile("^Nederlands")))
        page.keyboard.press("Enter")
        expect(page.locator("html")).to_have_attribute("lang", "nl")
        expect(heading(page)).to_have_text(dutch.title)
        assert page.url.endswith(url(dutch))
    finally:
        record(page, "keyboard", "language switch nl-en-nl", walk.problems, language="nl")
    assert not walk.problems, "\n".join(walk.problems)


USERNAME, PASSWORD = "toetsenbord", "leefbaar-toetsenbord"
TITLE = "Buurtkamer met de toetsen"


@pytest.fixture
def editor(transactional_db):
    with an_editor(USERNAME, PASSWORD, publishes_slug="buurtkamer-met-de-toetsen") as user:
        yield user


# Wagtail 8's own skip link ("Ga naar de inhoud") appears under its fixed sidebar when it has
# focus (2.4.11 Focus Not Obscured). That is Wagtail's to fix, not ours: it is recorded (and so
# named on the accessibility statement as a problem in third-party software), but only this one
# problem is let through; any other focus problem in the admin fails the test.
WAGTAIL_SKIP_LINK = 'a "Ga naar de inhoud": hidden behind the fixed element div "Zoeken'


def test_an_editor_publishes_a_knowledge_item_with_the_keyboard(page, editor):
    index = first(live(KnowledgeIndexPage), "kennisbank index page")
    walk = FocusWalk(page)
    try:
        page.goto("/admin/login/")
        walk.tab_to(page.locator("#id_username"))
        page.keyboard.type(USERNAME)
        walk.tab_to(page.locator("#id_password"))
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/admin/$"))

        # The kennisbank's page list (the editor types its address), then "add child page".
        page.goto(f"/admin/pages/{index.pk}/")
        walk.tab_to(page.locator(f"a[href$='/admin/pages/{index.pk}/add_subpage/']"))
        page.keyboard.press("Enter")
        # The kennisbank takes one page type, so Wagtail opens its form straight away.
        expect(page).to_have_url(re.compile(r"/admin/pages/add/knowledge/knowledgeitempage/"))
        walk.tab_to(page.locator("#id_title"))
        page.keyboard.type(TITLE)
        walk.tab_to(page.locator("#id_introduction"))
        page.keyboard.type("Een ruimte in de wijk waar buren elkaar ontmoeten.")

        # The action menu at the foot of the editor: its toggle, then down to "Publiceren".
        walk.tab_to(page.locator("footer [data-w-dropdown-target='toggle']").last)
        page.keyboard.press("Enter")
        publish = page.get_by_role("button", name="Publiceren")
        expect(publish).to_be_visible()
        walk.tab_to(publish)
        screenshot(page, "keyboard-admin-publish-menu")
        # Space, not Enter: Wagtail's date picker opens when Tab passes its field, stays open after
        # focus has left it, and takes the next Enter on the page for itself (found by this test).
        page.keyboard.press("Space")
        expect(page.locator(".messages")).to_contain_text("gepubliceerd")
        assert KnowledgeItemPage.objects.get(slug="buurtkamer-met-de-toetsen").live
    finally:
        record(page, "keyboard", "editor publishes a knowledge item", walk.problems, language="nl")
    ours = [problem for problem in walk.problems if WAGTAIL_SKIP_LINK not in problem]
    assert not ours, "\n".join(ours)
