"""Which URLs a publish, an unpublish, a move, a delete or a snippet save purges (``core.purging``).

The purges go out as real ``PURGE`` requests from Wagtail's ``HTTPBackend`` to a recording HTTP
server on loopback (``PurgeRecorder``), the way they reach nginx in production; the tasks run at
once (the test settings' Immediate backend). ``tests/operations/test_proxy_cache.py`` shows the
same purges emptying a real nginx cache.
"""

import http.server
import threading

from django.test import TestCase, override_settings
from wagtail.models import Page

from home.models import SiteFooter
from knowledge.models import NewsIndexPage
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    build_site,
)
from tests.factories.translation import translate


class PurgeRecorder:
    """A loopback HTTP server that answers every ``PURGE`` with 200 and keeps its full URL."""

    def __init__(self):
        recorder = self
        self.purged = []
        self.batches = 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PURGE(self):
                recorder.purged.append(f"http://{self.headers['Host']}{self.path}")
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def take(self):
        """The URLs purged since the last ``take()``, as a set."""
        purged, self.purged = set(self.purged), []
        return purged


def frontend_cache(recorder):
    return override_settings(
        WAGTAILFRONTENDCACHE={
            "proxy": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": recorder.url,
            }
        }
    )


def url(page):
    return page.get_full_url()


class SiteTestCase(TestCase):
    """A Dutch site with an English translation of the home page, the sections used and a theme."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=("eenzaamheid", "armoede-en-schulden"))
        cls.theme = cls.tree.themes["eenzaamheid"]
        cls.other_theme = cls.tree.themes["armoede-en-schulden"]
        cls.home_en = translate(cls.tree.home)
        cls.theme_index_en = translate(cls.tree.theme_index)
        cls.theme_en = translate(cls.theme, {"Eenzaamheid": "Loneliness"})
        cls.knowledge_index_en = translate(cls.tree.knowledge_index)
        cls.meeting_index_en = translate(cls.tree.meeting_index)
        cls.news_index_en = translate(cls.tree.news_index)
        cls.sitemap = "http://localhost/sitemap.xml"

    def setUp(self):
        self.recorder = PurgeRecorder()
        self.addCleanup(self.recorder.close)
        settings_override = frontend_cache(self.recorder)
        settings_override.enable()
        self.addCleanup(settings_override.disable)


class UrlsShowingThisTest(SiteTestCase):
    def test_a_knowledge_item_is_shown_by_its_index_its_themes_the_home_page_and_the_sitemap(self):
        item = KnowledgeItemPageFactory(
            parent=self.tree.knowledge_index, title="Buurtkamer", themes=[self.theme]
        )
        english = translate(item, {"Buurtkamer": "Neighbourhood room"})

        self.assertEqual(
            item.urls_showing_this(),
            {url(item), url(self.tree.knowledge_index), url(self.tree.home), self.sitemap, url(self.theme)},
        )
        self.assertEqual(
            english.urls_showing_this(),
            {url(english), url(self.knowledge_index_en), url(self.home_en), self.sitemap, url(self.theme_en)},
        )
        self.assertTrue(url(english).startswith("http://localhost/en/"))

    def test_a_meeting_is_shown_by_the_learning_network_its_themes_and_the_home_page(self):
        meeting = MeetingPageFactory(parent=self.tree.meeting_index, themes=[self.theme, self.other_theme])
        english = translate(meeting)

        self.assertEqual(
            meeting.urls_showing_this(),
            {
                url(meeting),
                url(self.tree.meeting_index),
                url(self.tree.home),
                self.sitemap,
                url(self.theme),
                url(self.other_theme),
            },
        )
        # The second theme has no English page: nothing in English lists the meeting under it.
        self.assertEqual(
            english.urls_showing_this(),
            {url(english), url(self.meeting_index_en), url(self.home_en), self.sitemap, url(self.theme_en)},
        )

    def test_a_news_item_is_also_in_the_news_feed_of_its_language(self):
        news = NewsPageFactory(parent=self.tree.news_index, themes=[self.theme])
        english = translate(news)
        news_index = NewsIndexPage.objects.get(pk=self.tree.news_index.pk)

        self.assertEqual(
            news.urls_showing_this(),
            {
                url(news),
                url(news_index),
                url(news_index) + "rss/",
                url(self.tree.home),
                self.sitemap,
                url(self.theme),
            },
        )
        self.assertEqual(
            english.urls_showing_this(),
            {
                url(english),
                url(self.news_index_en),
                url(self.news_index_en) + "rss/",
                url(self.home_en),
                self.sitemap,
                url(self.theme_en),
            },
        )


class PurgeOnPublishingTest(SiteTestCase):
    def test_publishing_purges_what_shows_the_page_in_every_language(self):
        item = KnowledgeItemPageFactory(
            parent=self.tree.knowledge_index, title="Buurtkamer", themes=[self.theme]
        )
        english = translate(item)
        self.recorder.take()

        item.title = "Buurtkamer in de bibliotheek"
        item.save_revision().publish()

        self.assertEqual(self.recorder.take(), item.urls_showing_this() | english.urls_showing_this())

    def test_a_theme_removed_in_this_publish_still_gets_its_page_purged(self):
        item = KnowledgeItemPageFactory(parent=self.tree.knowledge_index, themes=[self.theme])
        item.save_revision().publish()  # a publish with a revision, as editors make them
        self.recorder.take()

        item.themes = [self.other_theme]
        item.save_revision().publish()

        purged = self.recorder.take()
        self.assertIn(url(self.theme), purged)  # it listed the item until now
        self.assertIn(url(self.other_theme), purged)  # it lists it from now on

    def test_unpublishing_and_deleting_purge_the_page_and_its_listings(self):
        news = NewsPageFactory(parent=self.tree.news_index, themes=[self.theme])
        shown_by = news.urls_showing_this()
        self.recorder.take()

        news.unpublish()
        self.assertEqual(self.recorder.take(), shown_by)

        news.save_revision().publish()
        self.recorder.take()
        Page.objects.get(pk=news.pk).delete()
        self.assertEqual(self.recorder.take(), shown_by)

    def test_moving_a_page_purges_its_old_url_and_its_old_and_new_listings(self):
        item = KnowledgeItemPageFactory(parent=self.tree.knowledge_index, slug="verhuisd")
        old_url = url(item)
        self.recorder.take()

        item.move(self.tree.news_index, pos="last-child")

        purged = self.recorder.take()
        item.refresh_from_db()
        self.assertIn(old_url, purged)
        self.assertIn(url(item), purged)
        self.assertIn(url(self.tree.knowledge_index), purged)
        self.assertIn(url(self.tree.news_index), purged)

    def test_saving_the_footer_purges_every_live_page_once_the_transaction_commits(self):
        item = KnowledgeItemPageFactory(parent=self.tree.knowledge_index)
        draft = KnowledgeItemPageFactory(parent=self.tree.knowledge_index, live=False)
        self.recorder.take()
        footer = SiteFooter.objects.get(locale__language_code="nl")

        with self.captureOnCommitCallbacks(execute=True):
            footer.save()
            footer.save()  # a second save in the same transaction: still one purge of the site
            self.assertEqual(self.recorder.take(), set())  # nothing before the commit

        purged = self.recorder.purged
        self.assertEqual(len(purged), len(set(purged)), "every URL once")
        purged = set(purged)
        for page in (item, self.tree.home, self.home_en, self.theme_en, self.tree.knowledge_index):
            self.assertIn(url(page), purged)
        self.assertIn(self.sitemap, purged)
        self.assertNotIn(url(draft), purged)

    def test_publishing_a_section_or_a_theme_purges_every_page_after_the_commit(self):
        item = KnowledgeItemPageFactory(parent=self.tree.knowledge_index)
        for shown_everywhere in (self.tree.news_index, self.theme):
            self.recorder.take()
            with self.captureOnCommitCallbacks(execute=True):
                shown_everywhere.save_revision().publish()
                # What shows it for sure goes at once; an item elsewhere only after the commit.
                self.assertIn(url(shown_everywhere), self.recorder.take())
            self.assertIn(url(item), self.recorder.take(), shown_everywhere)

    def test_without_a_configured_cache_nothing_is_purged(self):
        with override_settings(WAGTAILFRONTENDCACHE={}):
            item = KnowledgeItemPageFactory(parent=self.tree.knowledge_index)
            item.save_revision().publish()
            with self.captureOnCommitCallbacks(execute=True):
                SiteFooter.objects.get(locale__language_code="nl").save()
        self.assertEqual(self.recorder.take(), set())
