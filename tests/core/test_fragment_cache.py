"""Cached page fragments: visitors see a publish, unpublish or settings change on the next view.

The home page, theme pages and listings cache their rendered cards (see home/caching.py). These
tests publish and unpublish through Wagtail's own revision workflow, as an editor does, and check
that the next page view shows the change.
"""

from django.test import TestCase

from core.caching import content_version
from tests.factories.knowledge import NewsPageFactory, build_site
from tests.utils import visible_text


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

    def test_the_cached_listing_differs_per_filter_and_page(self):
        url = self.tree.news_index.url
        self.assertIn("Eerste bericht", visible_text(self.client.get(url)))
        filtered = visible_text(self.client.get(url, {"categorie": "monitor"}))
        self.assertNotIn("Eerste bericht", filtered)

    def test_a_second_view_of_a_cached_listing_runs_fewer_queries(self):
        url = self.tree.news_index.url
        self.client.get(url)
        self.client.get(url)
        with self.assertNumQueries(7):
            # Routing, view restrictions and language links; the cards come from the cache.
            self.client.get(url)
