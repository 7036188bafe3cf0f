"""No dead ends for the demo editor: an error on a hidden tab, an abandoned draft, a half-English editor.

Logged in as an editor (*Redacteuren*) in Chromium:

1. the editor saves a new knowledge item as a draft and walks away (as autosave leaves one behind),
   then starts the same page again and publishes: the form comes back on the *Eigenschappen* tab,
   where the slug error is, with a message that links to the earlier draft; the dashboard lists
   that draft under *Uw onafgemaakte concepten* and its delete link throws it away;
2. wagtail-localize's translation editor reads Dutch: "Vertaling van Nederlands naar Engels",
   "Publiceer in het Engels", "Meer acties" — not "Nederlands to Engels translation",
   "Publiceer inEngels", "More actions".
"""

import re

import pytest
from playwright.sync_api import expect

from knowledge.models import KnowledgeIndexPage, KnowledgeItemPage

from .support import an_editor, first, live, screenshot, translation

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "redacteur-zonder-doodlopers", "leefbaar-demo"
TITLE = "Buurtkamer in Zutphen"
SLUG = "buurtkamer-in-zutphen"


@pytest.fixture
def editor(transactional_db):
    with an_editor(USERNAME, PASSWORD, publishes_slug=SLUG) as user:
        yield user


def log_in(page):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(USERNAME)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def publish_menu(page):
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()


def start_item(page, index):
    page.goto(f"/admin/pages/add/knowledge/knowledgeitempage/{index.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_introduction").fill("Een plek waar buren elkaar zonder afspraak treffen.")
    # Wagtail's script fills the slug from the title; saving before it has would fail on the slug.
    expect(page.locator("#id_slug")).to_have_value(SLUG)


def test_a_slug_taken_by_an_abandoned_draft_opens_its_tab_and_the_draft_can_go(page, editor):
    index = first(live(KnowledgeIndexPage), "kennisbank index page")
    log_in(page)

    # An earlier attempt, saved as a draft and left.
    start_item(page, index)
    page.get_by_role("button", name="Bewaar concept").click()
    expect(page.locator(".messages")).to_contain_text("is aangemaakt")
    draft = KnowledgeItemPage.objects.get(slug=SLUG)
    assert not draft.live and draft.owner == editor

    # Starting again: the form comes back on the tab with the error, and says what to do.
    start_item(page, index)
    publish_menu(page)
    page.get_by_role("button", name="Publiceren").click()
    promote_tab = page.get_by_role("tab", name=re.compile("Eigenschappen"))
    expect(promote_tab).to_have_attribute("aria-selected", "true")
    expect(page.locator("#id_slug")).to_be_visible()
    expect(page.locator(".error-message").first).to_be_visible()
    warning = page.locator(".messages li", has_text="U begon deze pagina al eerder")
    expect(warning).to_contain_text("tabblad Eigenschappen")
    expect(warning.get_by_role("link", name="Ga verder met dat concept")).to_have_attribute(
        "href", f"/admin/pages/{draft.pk}/edit/"
    )
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, "editor-slug-taken-by-own-draft")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert KnowledgeItemPage.objects.filter(slug=SLUG).count() == 1

    # The dashboard lists the draft; its delete link throws it away.
    page.goto("/admin/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Uw onafgemaakte concepten"))
    expect(panel).to_contain_text(TITLE)
    screenshot(page, "dashboard-unfinished-drafts")
    panel.get_by_role("link", name=re.compile("^Verwijderen")).click()
    page.get_by_role("button", name=re.compile("^Ja, verwijder")).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", name="Uw onafgemaakte concepten")).to_have_count(0)
    assert not KnowledgeItemPage.objects.filter(slug=SLUG).exists()


def test_the_translation_editor_speaks_dutch(page, editor):
    source = next(item for item in live(KnowledgeItemPage) if translation(item, "en") is not None)
    english = translation(source, "en")
    log_in(page)

    page.goto(f"/admin/pages/{english.pk}/edit/")

    editor_area = page.locator(".js-translation-editor")
    expect(editor_area.get_by_text("Vertaling van Nederlands naar Engels").first).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Publiceer in het Engels"))).to_be_visible()
    expect(editor_area.locator(".w-sr-only", has_text="Meer acties").first).to_be_attached()
    text = editor_area.inner_text()
    for english_text in ("to Engels translation", "Publiceer inEngels", "More actions"):
        assert english_text not in text, english_text
    assert editor_area.locator(".w-sr-only", has_text="More actions").count() == 0
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, "translation-editor-dutch")
