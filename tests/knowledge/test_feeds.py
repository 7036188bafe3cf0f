"""A feed reader follows the news in either language: live news only, newest first."""

import datetime
import xml.etree.ElementTree as ET

from django.test import TestCase

from tests.factories.knowledge import NewsPageFactory, build_site
from tests.factories.translation import translate
from tests.utils import path_of


class NewsFeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site(theme_slugs=())
        news = tree.news_index
        cls.middle = NewsPageFactory(parent=news, title="Werkgroep gestart", date=datetime.date(2024, 5, 1))
        cls.newest = NewsPageFactory(parent=news, title="Monitor verschenen", date=datetime.date(2024, 9, 12))
        cls.oldest = NewsPageFactory(parent=news, title="Programma begonnen", date=datetime.date(2023, 1, 9))
        NewsPageFactory(parent=news, title="Nog in concept", date=datetime.date(2024, 10, 1), live=False)
        translate(tree.home)
        translate(news, {"Nieuws": "News"})
        translate(cls.newest, {"Monitor verschenen": "Monitor published"})
        translate(cls.oldest, {"Programma begonnen": "Programme launched"})

    def feed_items(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("xml", response["Content-Type"])
        channel = ET.fromstring(response.content).find("channel")
        return channel, [
            (item.findtext("title"), path_of(item.findtext("link"))) for item in channel.iter("item")
        ]

    def test_dutch_feed_lists_live_news_newest_first(self):
        channel, items = self.feed_items("/nieuws/rss/")

        self.assertEqual(
            items,
            [
                ("Monitor verschenen", self.newest.url),
                ("Werkgroep gestart", self.middle.url),
                ("Programma begonnen", self.oldest.url),
            ],
        )
        self.assertEqual(channel.findtext("language"), "nl")

    def test_english_feed_lists_the_english_news(self):
        channel, items = self.feed_items("/en/nieuws/rss/")

        self.assertEqual(
            items,
            [
                ("Monitor published", "/en/nieuws/" + self.newest.slug + "/"),
                ("Programme launched", "/en/nieuws/" + self.oldest.slug + "/"),
            ],
        )
        self.assertEqual(channel.findtext("language"), "en")

    def test_the_news_overview_points_feed_readers_to_the_feed(self):
        response = self.client.get("/nieuws/")

        self.assertContains(response, 'type="application/rss+xml"')
        self.assertContains(response, "/nieuws/rss/")
