"""The demo editor's whole chain in the real admin (JavaScript on), and what a visitor sees after each step.

Logged in as ``redacteur`` (*Redacteuren*, as ``seed_demo`` makes it under the dev settings): create
a knowledge item and publish it; translate it into English in wagtail-localize's editor and
publish the translation; schedule a change and let the mechanism publish it; unpublish. After
every step an anonymous visitor, in a browser context of their own, finds the page (or no longer
does). The scheduled change is made for tomorrow; the clock is then moved on in this process,
which the live server shares, and the task ``db_worker`` runs every minute in production is run
once, as the worker would.
"""

import datetime
import re
from unittest import mock

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.scheduling import publish_scheduled_every_minute
from knowledge.models import KnowledgeIndexPage, KnowledgeItemPage

from .support import an_editor, first, live

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "redacteur", "leefbaar-demo"
TITLE = "Samen wandelen in de wijk"
INTRODUCTION = "Buren wandelen elke week samen. Zo leren ze elkaar kennen."
ENGLISH = {TITLE: "Walking together in the neighbourhood", INTRODUCTION: "Neighbours walk together."}
CHANGED_TITLE = "Samen wandelen in de wijk, elke zondag"


@pytest.fixture
def editor(transactional_db):
    with an_editor(USERNAME, PASSWORD, publishes_slug="samen-wandelen-in-de-wijk") as user:
        yield user


def log_in(page):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(USERNAME)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def publish_menu(page):
    """The action menu's other actions, under the main button at the foot of the editor."""
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()


def visitor_sees(new_page, url, text):
    visitor = new_page()
    response = visitor.goto(url)
    assert response.status == 200, url
    expect(visitor.get_by_role("heading", level=1)).to_have_text(text)
    visitor.context.close()


def visitor_gets_404(new_page, url):
    visitor = new_page()
    assert visitor.goto(url).status == 404, url
    visitor.context.close()


def test_the_editor_publishes_translates_schedules_and_unpublishes(page, new_page, editor):
    index = first(live(KnowledgeIndexPage), "kennisbank index page")
    log_in(page)

    # 1. A new knowledge item, published.
    page.goto(f"/admin/pages/add/knowledge/knowledgeitempage/{index.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_introduction").fill(INTRODUCTION)
    publish_menu(page)
    page.get_by_role("button", name="Publiceren").click()
    expect(page.locator(".messages")).to_contain_text("aangemaakt en gepubliceerd")
    item = KnowledgeItemPage.objects.get(slug="samen-wandelen-in-de-wijk", locale__language_code="nl")
    visitor_sees(new_page, item.get_url(), TITLE)

    # 2. Translated into English and the translation published.
    page.goto(f"/admin/pages/{item.pk}/edit/")
    page.get_by_role("button", name="Acties", exact=True).click()
    page.get_by_role("link", name="Vertaal deze pagina").click()
    expect(page.get_by_role("checkbox", name="Engels")).to_be_checked()  # ticked for the editor
    page.get_by_role("button", name="Verzenden").click()
    expect(page.locator(".messages")).to_contain_text("Engels")
    for dutch, english in ENGLISH.items():
        segment = page.locator("li", has=page.get_by_text(dutch, exact=True)).last
        segment.get_by_role("button", name="Vertaal", exact=True).click()
        segment.locator("textarea").fill(english)
        segment.get_by_role("button", name="Opslaan").click()
        expect(segment.get_by_text(english, exact=True)).to_be_visible()
    page.get_by_role("button", name=re.compile("^Publiceer")).first.click()
    expect(page.locator(".messages")).to_contain_text("gepubliceerd")
    english_item = item.get_translations().get(locale__language_code="en")
    assert english_item.live
    visitor_sees(new_page, english_item.get_url(), ENGLISH[TITLE])

    # 3. A change scheduled for tomorrow: the visitor still sees the old title until it is due.
    page.goto(f"/admin/pages/{item.pk}/edit/")
    page.locator("#id_title").fill(CHANGED_TITLE)
    page.get_by_role("button", name="Toon/verberg status").click()
    page.get_by_role("button", name=re.compile("Stel schema in")).click()
    due = timezone.localtime() + datetime.timedelta(days=1)
    go_live = page.locator("input[name=go_live_at]")
    go_live.fill(due.strftime("%Y-%m-%d %H:%M"))
    # The date picker can lie over the dialog's buttons (the dialog may hand focus back to the
    # field, which opens it again): save from the keyboard, as a keyboard user does.
    save = page.get_by_role("button", name="Schema opslaan")
    save.focus()
    save.press("Enter")
    publish_menu(page)
    page.get_by_role("button", name="Publicatie inplannen").click()
    expect(page.locator(".messages")).to_contain_text("gepland voor publicatie")
    item.refresh_from_db()
    scheduled = item.revisions.exclude(approved_go_live_at=None).get()
    visitor_sees(new_page, item.get_url(), TITLE)

    later = scheduled.approved_go_live_at + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        publish_scheduled_every_minute.enqueue()  # what db_worker runs every minute
        visitor_sees(new_page, item.get_url(), CHANGED_TITLE)

    # 4. Unpublished: gone for the visitor.
    page.goto(f"/admin/pages/{item.pk}/edit/")
    page.get_by_role("button", name="Acties", exact=True).click()
    page.get_by_role("link", name="Publicatie intrekken").click()
    page.get_by_role("button", name="Ja, trek de publicatie in").click()
    expect(page.locator(".messages")).to_contain_text("ingetrokken")
    visitor_gets_404(new_page, item.get_url())
