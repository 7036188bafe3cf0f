""" "Lees ook" below knowledge items, pilots and news: the visible pages most like them.

What a visitor must see: three to five pages of the same language that share the page's themes and
its subject (``search/related.py``), never a draft, a private page, a page in the other language or
a page type that has no "Lees ook" itself; no section at all when nothing fits; a publish shows
at once; and the section costs the same few queries however large the site, none once cached.
"""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.caching import bump_content_version
from knowledge.models import KnowledgeItemPage, NewsPage, PilotPage
from search.related import SHOWN, related_pages
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    PilotPageFactory,
    build_site,
)
from tests.factories.translation import translate
from tests.search.test_judged_set import build_judged_set
from tests.utils import soup


def related_section(response):
    """The "Lees ook" section as a visitor's tools read it: ``[(kind, title, href)]``, or None."""
    page = soup(response)
    heading = page.find(id="related-title")
    if heading is None:
        return None
    section = page.find("section", attrs={"aria-labelledby": "related-title"})
    assert section is not None and heading.name == "h2" and section.find("h2") is heading
    cards = []
    for item in section.find("ul").find_all("li", recursive=False):
        link = item.find("a", href=True)
        cards.append(
            (item.find(class_="card__kicker").get_text(strip=True), link.get_text(strip=True), link["href"])
        )
    return cards


def themes_of(title):
    page = Page.objects.get(title=title, locale__language_code="nl").specific
    return {theme.slug for theme in page.themes.all()}


class RelatedInTheJudgedSetTests(TestCase):
    """The judged search set: dozens of items, news and pilots on the programme's six themes."""

    @classmethod
    def setUpTestData(cls):
        build_judged_set()

    def related_titles(self, slug):
        page = Page.objects.get(slug=slug, locale__language_code="nl").specific
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return [title for _kind, title, _href in related_section(response) or []]

    def test_the_related_items_of_a_loneliness_method_are_loneliness_items(self):
        method = KnowledgeItemPage.objects.get(slug="samen-tegen-eenzaamheid")
        self.assertEqual(method.kind, KnowledgeItemPage.Kind.METHOD)

        titles = self.related_titles(method.slug)

        self.assertEqual(len(titles), SHOWN)
        self.assertNotIn(method.title, titles)
        for title in titles:
            self.assertIn("eenzaamheid", themes_of(title), title)

    def test_every_item_pilot_and_news_shows_three_to_five_other_pages(self):
        for model in (KnowledgeItemPage, PilotPage, NewsPage):
            for page in model.objects.all():
                titles = [card["title"] for card in related_pages(page)]
                self.assertTrue(3 <= len(titles) <= SHOWN, f"{page.slug}: {titles}")
                self.assertNotIn(page.title, titles)
                self.assertEqual(len(titles), len(set(titles)), page.slug)

    def test_within_a_theme_the_text_decides(self):
        # Many pages share "gebiedsgericht werken" with the pilot: the theme alone cannot choose.
        pilot = PilotPage.objects.get(slug="pilot-vervoer-aalten")
        sharing = KnowledgeItemPage.objects.filter(themes__slug="gebiedsgericht-werken").count()
        self.assertGreater(sharing, 2 * SHOWN)

        titles = self.related_titles(pilot.slug)

        # The pilot is about transport in the countryside: the item on that subject comes first,
        # and the items on lifts, the neighbourhood bus and shared cars are among the five.
        transport = KnowledgeItemPage.objects.filter(slug__in=["automaatje", "buurtbus", "deelauto"])
        self.assertEqual(titles[0], KnowledgeItemPage.objects.get(slug="mobiliteit-platteland").title)
        self.assertGreaterEqual(len({item.title for item in transport} & set(titles)), 2, titles)

    def test_a_page_without_themes_finds_its_neighbours_by_its_words(self):
        site_index = KnowledgeItemPage.objects.get(slug="buurtbus").get_parent()
        item = KnowledgeItemPageFactory(
            parent=site_index,
            title="Vervoer op het platteland met de buurtbus",
            introduction="Vrijwilligers rijden de buurtbus: dorpsbewoners zonder auto komen bij de dokter.",
            goal="",
            target_group="",
        )
        self.assertFalse(item.themes.exists())

        titles = self.related_titles(item.slug)

        self.assertIn(KnowledgeItemPage.objects.get(slug="buurtbus").title, titles)
        self.assertIn(KnowledgeItemPage.objects.get(slug="mobiliteit-platteland").title, titles)

    def test_the_section_is_a_labelled_region_with_the_kind_of_each_page(self):
        news = NewsPage.objects.get(slug="week-tegen-eenzaamheid")
        response = self.client.get(news.url)

        page = soup(response)
        section = page.find("section", attrs={"aria-labelledby": "related-title"})
        self.assertEqual(section.find("h2").get_text(strip=True), "Lees ook")
        cards = related_section(response)
        self.assertTrue(3 <= len(cards) <= SHOWN)
        kinds = {"Kennisitem", "Pilot", "Nieuwsbericht"}
        for kind, title, href in cards:
            self.assertIn(kind, kinds)
            self.assertEqual(Page.objects.get(title=title, locale__language_code="nl").url, href)
        # Each card links once, with the page's title as the link text.
        self.assertEqual(len(section.find_all("a")), len(cards))


class RelatedVisibilityTests(TestCase):
    """Only pages a visitor may see, in the page's own language, of the types that show "Lees ook"."""

    TEXT = "Ouderen ontmoeten elkaar elke week in de buurtkamer en drinken samen koffie."

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        lonely = cls.tree.themes["eenzaamheid"]
        index = cls.tree.knowledge_index

        def item(title, **kwargs):
            return KnowledgeItemPageFactory(
                parent=index, title=title, introduction=cls.TEXT, themes=[lonely], **kwargs
            )

        cls.method = item("Buurtkamer tegen eenzaamheid")
        cls.neighbour = item("Koffie in de buurtkamer")
        cls.pilot = PilotPageFactory(
            parent=cls.tree.pilot_index,
            title="Pilot buurtkamer Presikhaaf",
            introduction=cls.TEXT,
            themes=[lonely],
        )
        cls.draft = item("Concept buurtkamer", live=False)
        cls.draft.save_revision()
        cls.private = item("Besloten buurtkamer")
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
        # Meetings show no "Lees ook", so they are not shown in one either.
        cls.meeting = MeetingPageFactory(
            parent=cls.tree.meeting_index,
            title="Bijeenkomst buurtkamer",
            introduction=cls.TEXT,
            themes=[lonely],
        )
        # The English pages keep the Dutch text where nothing is translated: the words match.
        translate(cls.tree.home)
        translate(index, {"Kennisbank": "Knowledge base"})
        cls.english_method = translate(
            cls.method, {"Buurtkamer tegen eenzaamheid": "Living room against loneliness"}
        )
        cls.english_neighbour = translate(
            cls.neighbour, {"Koffie in de buurtkamer": "Coffee in the living room"}
        )
        # A page on another subject, with no theme or word in common.
        cls.other_news = NewsPageFactory(
            parent=cls.tree.news_index,
            title="Subsidieregeling verduurzaming",
            introduction="Zonnepanelen op het dak besparen energie.",
            body__0__paragraph__value="<p>Isolatie helpt ook.</p>",
            themes=[cls.tree.themes["armoede-en-schulden"]],
        )

    def titles(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return [title for _kind, title, _href in related_section(response) or []]

    def test_only_visible_pages_of_the_same_language_and_the_related_types(self):
        self.assertCountEqual(self.titles(self.method), [self.neighbour.title, self.pilot.title])

    def test_the_english_page_shows_english_pages_only(self):
        response = self.client.get(self.english_method.url)

        cards = related_section(response)
        self.assertEqual([title for _kind, title, _href in cards], ["Coffee in the living room"])
        self.assertEqual(cards[0][2], self.english_neighbour.url)
        self.assertTrue(cards[0][2].startswith("/en/"))
        self.assertEqual(cards[0][0], "Knowledge item")

    def test_a_page_nothing_fits_shows_no_section(self):
        response = self.client.get(self.other_news.url)

        self.assertIsNone(related_section(response))
        self.assertNotContains(response, "Lees ook")

    def test_a_publish_shows_at_once(self):
        self.assertNotIn("Nieuwe buurtkamer", self.titles(self.method))
        new = KnowledgeItemPageFactory(
            parent=self.tree.knowledge_index,
            title="Nieuwe buurtkamer",
            introduction=self.TEXT,
            themes=[self.tree.themes["eenzaamheid"]],
            live=False,
        )
        new.save_revision().publish()  # as an editor publishes: the content version changes

        self.assertIn("Nieuwe buurtkamer", self.titles(self.method))

    def test_an_unpublish_or_a_view_restriction_hides_a_page_at_once(self):
        self.assertIn(self.neighbour.title, self.titles(self.method))
        self.neighbour.unpublish()
        self.assertNotIn(self.neighbour.title, self.titles(self.method))

        PageViewRestriction.objects.create(page=self.pilot, restriction_type=PageViewRestriction.LOGIN)
        self.assertEqual(self.titles(self.method), [])

    def test_an_unpublished_draft_of_the_page_changes_nothing_for_visitors(self):
        before = self.titles(self.method)
        self.method.title = "Schuldhulp en geldzorgen"
        self.method.introduction = "Zonnepanelen op het dak besparen energie."
        self.method.themes = [self.tree.themes["armoede-en-schulden"]]
        self.method.save_revision()  # a draft, not published
        bump_content_version()

        self.assertEqual(self.titles(KnowledgeItemPage.objects.get(pk=self.method.pk)), before)


class RelatedQueryCountTests(TestCase):
    """The same queries for a site with a few neighbours as for one with many; none once cached."""

    # The page with its themes, its indexed text, the text search, the indexed text of the pages
    # it found, the pages sharing a theme; then one query per page type among the cards. The
    # vocabulary, the number of pages and the private sections are read once per content version.
    BEFORE_CARDS = 5
    # One activity names a few pages only, so the text search has words to search at either size.
    ACTIVITIES = [
        "moestuin",
        "koor",
        "fietsclub",
        "wandelgroep",
        "breiclub",
        "kookclub",
        "schaakclub",
        "leesclub",
        "fotoclub",
        "tuinclub",
        "repaircafe",
        "dansgroep",
    ]

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        cls.made = 0
        cls.method, cls.other = cls.add(4)[:2]

    @classmethod
    def add(cls, count):
        lonely, poor = cls.tree.themes["eenzaamheid"], cls.tree.themes["armoede-en-schulden"]
        items = []
        for _ in range(count):
            n = cls.made
            cls.made += 1
            this, next_one = (cls.ACTIVITIES[i % len(cls.ACTIVITIES)] for i in (n, n + 1))
            text = f"Ouderen uit wijk {n} ontmoeten elkaar bij de {this} en de {next_one}."
            items.append(
                KnowledgeItemPageFactory(
                    parent=cls.tree.knowledge_index,
                    title=f"De {this} van buurtkamer {n}",
                    introduction=text,
                    goal="",
                    target_group="",
                    themes=[lonely, poor] if n % 2 else [lonely],
                )
            )
            PilotPageFactory(
                parent=cls.tree.pilot_index, title=f"Pilot {this} {n}", introduction=text, themes=[lonely]
            )
        bump_content_version()  # the factories publish without an editor's signal
        return items

    def test_the_same_queries_for_4_and_24_items_and_none_once_cached(self):
        for more in (0, 20):
            self.add(more)
            related_pages(self.other)  # the vocabulary, page count and private sections of this version
            with CaptureQueriesContext(connection) as queries:
                cold = related_pages(self.method)
            with self.assertNumQueries(0):
                warm = related_pages(self.method)
            self.assertEqual(warm, cold)
            self.assertEqual(len(cold), SHOWN)
            kinds = {card["kind"] for card in cold}
            self.assertEqual(kinds, {"Kennisitem", "Pilot"})
            self.assertEqual(len(queries), self.BEFORE_CARDS + len(kinds), [q["sql"][:80] for q in queries])

    def render_counts(self):
        """The queries of the item's page when its section is computed, and when it is cached."""
        self.client.get(self.other.url)  # what every page reads once per content version
        with CaptureQueriesContext(connection) as cold:
            self.client.get(self.method.url)
        with CaptureQueriesContext(connection) as warm:
            response = self.client.get(self.method.url)
        self.assertEqual(len(related_section(response)), SHOWN)
        return len(cold), len(warm)

    def test_a_page_costs_the_same_queries_for_4_and_24_items_cached_or_not(self):
        cold, warm = self.render_counts()
        # The second visit finds the section in the cache, and then some.
        self.assertGreaterEqual(cold - warm, self.BEFORE_CARDS + 2)

        self.add(20)

        self.assertEqual(self.render_counts(), (cold, warm))
