"""Every page type passes axe-core's WCAG 2.1 A and AA rules, with zero violations.

A failure lists each violation's rule id, impact, help text and the selectors of the elements
that break it, so it can be fixed without rerunning the test.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from home.models import HomePage, StandardPage
from knowledge.models import (
    KnowledgeIndexPage,
    KnowledgeItemPage,
    MeetingIndexPage,
    MeetingPage,
    NewsIndexPage,
    NewsPage,
    PilotIndexPage,
    PilotPage,
    SubsidyIndexPage,
    SubsidyPage,
    ThemeIndexPage,
    ThemePage,
)
from newsletter.models import NewsletterIndexPage

from .support import assert_accessible, first, live, url, words

pytestmark = pytest.mark.browser


def one(model, language="nl"):
    return url(first(live(model, language), f"live {model.__name__} in {language}"))


def filtered_kennisbank():
    """The kennisbank narrowed to the kind and first theme of an item, so the results are not empty."""
    item = first(live(KnowledgeItemPage).filter(themes__isnull=False), "knowledge item with a theme")
    return f"{one(KnowledgeIndexPage)}?soort={item.kind}&thema={item.themes.first().slug}"


def search_results():
    item = first(live(KnowledgeItemPage), "knowledge item")
    return f"/zoeken/?q={max(words(item.title), key=len)}"


def search_results_with_a_facet():
    """A search narrowed by a facet: the facet form, its chosen filter and the highlights show."""
    item = first(live(KnowledgeItemPage), "knowledge item")
    return f"/zoeken/?q={max(words(item.title), key=len)}&soort={item.kind}"


def english_search_results():
    item = first(live(KnowledgeItemPage, "en"), "English knowledge item")
    return f"/en/search/?q={max(words(item.title), key=len)}"


def meeting(upcoming):
    """Before and after the date a meeting page shows different things: registration, or the report."""
    now = timezone.now()
    meetings = live(MeetingPage)
    meetings = meetings.filter(end__gte=now) if upcoming else meetings.filter(end__lt=now).exclude(report="")
    return url(first(meetings, "upcoming meeting" if upcoming else "past meeting with a report"))


PAGES = {
    "home": lambda: one(HomePage),
    "theme index": lambda: one(ThemeIndexPage),
    "theme": lambda: one(ThemePage),
    "kennisbank with filters": filtered_kennisbank,
    "knowledge item": lambda: one(KnowledgeItemPage),
    "pilots": lambda: one(PilotIndexPage),
    "pilot": lambda: one(PilotPage),
    "leernetwerk": lambda: one(MeetingIndexPage),
    "upcoming meeting": lambda: meeting(upcoming=True),
    "past meeting": lambda: meeting(upcoming=False),
    "nieuws": lambda: one(NewsIndexPage),
    "news item": lambda: one(NewsPage),
    "subsidies": lambda: one(SubsidyIndexPage),
    "subsidy": lambda: one(SubsidyPage),
    "standard page": lambda: one(StandardPage),
    "search results": search_results,
    "search results with a facet": search_results_with_a_facet,
    "search without results": lambda: "/zoeken/?q=zeppelinhaven",
    "English search results": english_search_results,
    "pilot interest form": lambda: reverse("pilot_interest:form"),
    "kwartaalupdate archive": lambda: one(NewsletterIndexPage),
    "English kwartaalupdate archive": lambda: one(NewsletterIndexPage, "en"),
    "English home": lambda: one(HomePage, "en"),
    "English theme": lambda: one(ThemePage, "en"),
}


@pytest.mark.parametrize("page_type", PAGES)
def test_page_type_has_no_accessibility_violations(page, page_type):
    response = page.goto(PAGES[page_type]())

    assert response.status == 200, f"{page_type}: {page.url} answered {response.status}"
    assert_accessible(page)


def test_not_found_page_has_no_accessibility_violations(page):
    response = page.goto("/deze-pagina-bestaat-niet/")

    assert response.status == 404
    assert_accessible(page)
