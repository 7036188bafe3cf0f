"""Cached page fragments: visitors see a publish, unpublish or settings change on the next view.

The home page, theme pages and listings cache their rendered cards (see core/caching.py). These
tests publish and unpublish through Wagtail's own revision workflow, as an editor does, and check
that the next page view shows the change.
"""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from core.caching import bump_content_version, content_version
from tests.factories.knowledge import NewsPageFactory, build_site
from tests.utils import listed, main_text, visible_text


class FragmentCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=("eenzaamheid",))
        cls.theme = cls.tree.themes["eenzaamheid"]
        NewsPageFactory(parent=cls.tree.news_index, title="Eerste bericht", themes=[cls.theme])

    def publish_news(self, title):
        news = NewsPageFactory(parent=self.tree.news_index, title=title, live=False, themes=[self.theme])
        news.save_revision().publish()
        news.refresh_from_db()  # publish() works on a copy made from the revision
        return news

    def view(self, url):
        """The response to a visitor's view of ``url`` and the number of queries it ran."""
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response, len(queries)

    def test_a_published_news_item_shows_at_once_on_home_theme_and_listing(self):
        pages = ("/", self.theme.url, self.tree.news_index.url)
        for url in pages:
            text = visible_text(self.client.get(url))
            self.assertIn("Eerste bericht", text)
            # Template syntax must never leak into the page, e.g. a multi-line {# comment #}.
            self.assertNotRegex(text, r"\{[#%{]")

        version = content_version()
        news = self.publish_news("Nieuw bericht over eenzaamheid")
        self.assertNotEqual(content_version(), version)
        for url in pages:
            with self.subTest(url=url):
                self.assertIn("Nieuw bericht over eenzaamheid", visible_text(self.client.get(url)))

        news.unpublish()
        for url in pages:
            with self.subTest(url=url, after="unpublish"):
                self.assertNotIn("Nieuw bericht over eenzaamheid", visible_text(self.client.get(url)))

    def test_the_cached_listing_differs_per_filter(self):
        url = self.tree.news_index.url
        self.assertIn("Eerste bericht", visible_text(self.client.get(url)))
        filtered = visible_text(self.client.get(url, {"categorie": "monitor"}))
        self.assertNotIn("Eerste bericht", filtered)

    def test_a_second_view_of_a_cached_listing_runs_fewer_queries_and_shows_the_same_cards(self):
        url = self.tree.news_index.url
        self.client.get(url)
        bump_content_version()  # as a publish does: every cached fragment is stale

        cold, cold_queries = self.view(url)
        warm, warm_queries = self.view(url)

        self.assertLess(warm_queries, cold_queries)
        news = self.tree.news_index.get_children().specific()
        self.assertEqual(listed(warm, news), {"Eerste bericht"})
        self.assertEqual(listed(warm, news), listed(cold, news))
        self.assertEqual(main_text(warm), main_text(cold))

    def test_the_cards_of_a_listing_seen_before_come_from_the_cache(self):
        url = self.tree.news_index.url
        self.client.get(url)
        # Menu, footer, filter choices and routing are cached now: a filter not chosen before only
        # misses the listing's own fragment.
        filtered = f"{url}?categorie=programme"

        cold, cold_queries = self.view(filtered)
        warm, warm_queries = self.view(filtered)

        self.assertLess(warm_queries, cold_queries)
        news = self.tree.news_index.get_children().specific()
        self.assertEqual(listed(warm, news), {"Eerste bericht"})
        self.assertEqual(main_text(warm), main_text(cold))
