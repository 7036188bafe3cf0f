"""Overview pages, theme pages and the home page cost the same number of queries however much
content they show: no query per card.

Each test counts the queries of a page with a little content, adds a lot more, and expects the
same count. Every count is taken after one request has created the image renditions, with the
cached fragments made stale, so the cards are rendered and their queries counted each time.
"""

import wagtail_factories
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from core.caching import bump_content_version
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    PilotPageFactory,
    SubsidyPageFactory,
    ThemePageFactory,
    build_site,
    municipality,
)
from tests.factories.translation import translate
from tests.utils import listed


class QueryCountTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        cls.organisation = OrganisationFactory(name="Movisie", slug="movisie")
        cls.images = [wagtail_factories.ImageFactory(title=f"Foto {n}") for n in range(3)]

    def next_image(self):
        """Cards take turns with three images: every card has one, without a file per card."""
        self._image_turn = getattr(self, "_image_turn", -1) + 1
        return self.images[self._image_turn % len(self.images)]

    def warm_up(self, url):
        """One request creates the image renditions; then every cached fragment (and the menu) is
        made stale, so the measured request renders the cards themselves and counts their queries.

        The fragments are made stale before that request too: pages made by the factories are not
        published through Wagtail, so nothing else tells the cache that the cards have changed.
        """
        bump_content_version()
        self.client.get(url)
        bump_content_version()

    def queries_for(self, url):
        self.warm_up(url)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def assertSameQueries(self, url, expected):
        self.warm_up(url)
        with self.assertNumQueries(expected):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response


class ListingQueryCountTests(QueryCountTestCase):
    """5 children against 100: the second overview shows a full page of twelve cards."""

    def add_children(self, index, factory, count, **fields):
        for _ in range(count):
            factory(parent=index, listing_image=self.next_image(), **fields)

    def check_listing(self, index, factory, **fields):
        self.add_children(index, factory, 5, **fields)
        with_five = self.queries_for(index.url)

        self.add_children(index, factory, 95, **fields)
        response = self.assertSameQueries(index.url, with_five)

        self.assertEqual(len(listed(response, index.get_children().specific())), 12)

    @property
    def two_themes(self):
        return list(self.tree.themes.values())[:2]

    def test_knowledge_base(self):
        self.check_listing(
            self.tree.knowledge_index,
            KnowledgeItemPageFactory,
            organisation=self.organisation,
            themes=self.two_themes,
        )

    def test_knowledge_base_searched_by_words_and_sorted(self):
        # The words go through the site search (one ranking, whatever the number of matches), the
        # best match order loads only the page's cards: 5 matches cost what 100 do.
        index = self.tree.knowledge_index
        fields = {"organisation": self.organisation, "themes": self.two_themes, "introduction": "Koffie."}
        for sort in ("", "titel"):
            with self.subTest(sort=sort):
                url = f"{index.url}?q=koffie" + (f"&sorteer={sort}" if sort else "")
                self.add_children(index, KnowledgeItemPageFactory, 5, **fields)
                with_five = self.queries_for(url)
                self.add_children(index, KnowledgeItemPageFactory, 95, **fields)
                response = self.assertSameQueries(url, with_five)
                self.assertEqual(len(listed(response, index.get_children().specific())), 12)
                index.get_children().delete()

    def test_pilots(self):
        self.check_listing(
            self.tree.pilot_index,
            PilotPageFactory,
            municipality=municipality("Zutphen"),
            organisation=self.organisation,
            themes=self.two_themes,
        )

    def test_learning_network(self):
        self.check_listing(self.tree.meeting_index, MeetingPageFactory, themes=self.two_themes)

    def test_news(self):
        self.check_listing(
            self.tree.news_index, NewsPageFactory, organisation=self.organisation, themes=self.two_themes
        )

    def test_subsidies(self):
        self.check_listing(self.tree.subsidy_index, SubsidyPageFactory)

    def test_english_listing_with_the_dutch_offer(self):
        # "N more items are available in Dutch" costs the same with 5 or 100 untranslated items,
        # and a warm cached listing costs no more than the Dutch one.
        translate(self.tree.home)
        english_index = translate(self.tree.knowledge_index)
        self.add_children(self.tree.knowledge_index, KnowledgeItemPageFactory, 5, themes=self.two_themes)
        with_five = self.queries_for(english_index.url)
        self.assertIn("listing__more-in-source", self.client.get(english_index.url).content.decode())

        self.add_children(self.tree.knowledge_index, KnowledgeItemPageFactory, 95, themes=self.two_themes)
        response = self.assertSameQueries(english_index.url, with_five)

        self.assertIn("listing__more-in-source", response.content.decode())

    def test_theme_overview(self):
        # The theme overview has no pagination: every theme is a card.
        index = self.tree.theme_index
        self.add_children(index, ThemePageFactory, 5 - len(self.tree.themes))
        with_five = self.queries_for(index.url)

        self.add_children(index, ThemePageFactory, 95)
        response = self.assertSameQueries(index.url, with_five)

        self.assertEqual(len(listed(response, index.get_children().specific())), 100)


class ThemeAndHomeQueryCountTests(QueryCountTestCase):
    """5 tagged items of every kind against 30."""

    def add_content(self, count):
        theme = self.tree.themes["eenzaamheid"]
        for _ in range(count):
            image = self.next_image()
            KnowledgeItemPageFactory(
                parent=self.tree.knowledge_index,
                themes=[theme],
                organisation=self.organisation,
                listing_image=image,
            )
            PilotPageFactory(parent=self.tree.pilot_index, themes=[theme], listing_image=image)
            MeetingPageFactory(parent=self.tree.meeting_index, themes=[theme], listing_image=image)
            NewsPageFactory(parent=self.tree.news_index, themes=[theme], listing_image=image)
            SubsidyPageFactory(parent=self.tree.subsidy_index, listing_image=image)
            ThemePageFactory(parent=self.tree.theme_index, listing_image=image)

    def test_theme_page_and_home_page(self):
        theme_url = self.tree.themes["eenzaamheid"].url
        self.add_content(5)
        theme_with_five = self.queries_for(theme_url)
        home_with_five = self.queries_for("/")

        self.add_content(25)

        theme_response = self.assertSameQueries(theme_url, theme_with_five)
        self.assertSameQueries("/", home_with_five)
        # The theme page really shows all thirty knowledge items and pilots tagged with it.
        knowledge_items = self.tree.knowledge_index.get_children().specific()
        self.assertEqual(len(listed(theme_response, knowledge_items)), 30)


@override_settings(PAGE_CACHE_SECONDS=0)
class DetailPageQueryTests(QueryCountTestCase):
    """A detail page rendered again (its fragments kept) asks one query: the page itself. Wagtail's
    lookups of the site, the active locale and the view restrictions come from the cache
    (core/sites.py, core/visibility.py)."""

    def test_every_detail_page_type_asks_one_query(self):
        theme = self.tree.themes["eenzaamheid"]
        pages = [
            KnowledgeItemPageFactory(
                parent=self.tree.knowledge_index, themes=[theme], listing_image=self.images[0]
            ),
            PilotPageFactory(parent=self.tree.pilot_index, themes=[theme], municipality=municipality("Ede")),
            NewsPageFactory(parent=self.tree.news_index, themes=[theme], organisation=self.organisation),
            SubsidyPageFactory(parent=self.tree.subsidy_index),
            theme,
        ]
        for page in pages:
            with self.subTest(page=type(page).__name__):
                bump_content_version()
                self.client.get(page.url)  # fills the caches and the fragments
                with self.assertNumQueries(1):
                    response = self.client.get(page.url)
                self.assertContains(response, page.title)
