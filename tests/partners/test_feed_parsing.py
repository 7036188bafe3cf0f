"""Reading a partner's feed: RSS, Atom and JSON Feed to plain entries, and what is refused.

These tests hand ``parse_feed`` bytes as a server would send them. The import tests
(test_feed_import.py) serve the same kinds of feed over HTTP and follow them into pages.
"""

import datetime
import time

from django.test import SimpleTestCase

from partners.feed_parsing import ENTITIES_REFUSED, NOT_A_FEED, FeedParseError, parse_feed
from tests.partners.feed_support import BILLION_LAUGHS, EXTERNAL_ENTITY, HTML_PAGE, atom, json_feed, rss

ARTICLE = {
    "guid": "https://www.movisie.nl/artikel/1",
    "link": "https://www.movisie.nl/artikel/1",
    "title": "Eenzaamheid in de wijk",
    "description": "<p>Wat <b>werkt</b> tegen eenzaamheid?</p>",
    "content": "<p>Het hele verhaal.</p>",
    "date": "Mon, 02 Nov 2026 10:00:00 +0100",
    "author": "Anna de Vries",
}


class FormatsTests(SimpleTestCase):
    def test_rss_gives_each_field_as_plain_text_and_the_content_as_html(self):
        feed = parse_feed(rss([ARTICLE]))

        self.assertEqual(feed.kind, "rss")
        (entry,) = feed.entries
        self.assertEqual(entry.guid, ARTICLE["guid"])
        self.assertEqual(entry.link, ARTICLE["link"])
        self.assertEqual(entry.title, "Eenzaamheid in de wijk")
        self.assertEqual(entry.summary, "Wat werkt tegen eenzaamheid?")
        self.assertEqual(entry.content_html, "<p>Het hele verhaal.</p>")
        self.assertEqual(entry.author, "Anna de Vries")
        self.assertEqual(entry.published, datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC))

    def test_atom(self):
        feed = parse_feed(
            atom(
                [
                    {
                        "id": "urn:platform31:42",
                        "title": "Wijkaanpak & bewoners",
                        "link": "https://www.platform31.nl/42",
                        "summary": "Kort verhaal.",
                        "content": "<p>Lang <em>verhaal</em>.</p>",
                        "updated": "2026-10-01T08:15:00+02:00",
                        "author": "Platform31",
                    }
                ]
            )
        )

        self.assertEqual(feed.kind, "atom")
        (entry,) = feed.entries
        self.assertEqual(
            (entry.guid, entry.title, entry.link, entry.summary, entry.author),
            (
                "urn:platform31:42",
                "Wijkaanpak & bewoners",
                "https://www.platform31.nl/42",
                "Kort verhaal.",
                "Platform31",
            ),
        )
        self.assertEqual(entry.content_html, "<p>Lang <em>verhaal</em>.</p>")
        self.assertEqual(entry.published, datetime.datetime(2026, 10, 1, 6, 15, tzinfo=datetime.UTC))

    def test_atom_xhtml_content_is_kept_as_html(self):
        feed = parse_feed(
            b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:1</id><title>T</title>'
            b'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Een <b>vet</b> woord'
            b"</p></div></content></entry></feed>"
        )

        self.assertEqual(feed.entries[0].content_html, "<p>Een <b>vet</b> woord</p>")

    def test_json_feed(self):
        feed = parse_feed(
            json_feed(
                [
                    {
                        "id": 7,
                        "url": "https://kennisnet.example/7",
                        "title": "Buurthuis open",
                        "content_text": "Eerste alinea.\n\nTweede alinea.",
                        "date_published": "2026-09-30T12:00:00Z",
                        "authors": [{"name": "Jan"}, {"name": "Piet"}],
                    }
                ]
            )
        )

        self.assertEqual(feed.kind, "json")
        (entry,) = feed.entries
        self.assertEqual((entry.guid, entry.title, entry.author), ("7", "Buurthuis open", "Jan, Piet"))
        self.assertEqual(entry.content_html, "<p>Eerste alinea.</p><p>Tweede alinea.</p>")
        self.assertEqual(entry.published, datetime.datetime(2026, 9, 30, 12, tzinfo=datetime.UTC))


class MissingFieldsTests(SimpleTestCase):
    def test_an_entry_without_guid_uses_its_link(self):
        feed = parse_feed(rss([{"link": "https://www.movisie.nl/2", "title": "Zonder guid"}]))

        self.assertEqual(feed.entries[0].guid, "https://www.movisie.nl/2")

    def test_entries_without_title_or_without_guid_and_link_are_skipped_and_counted(self):
        feed = parse_feed(
            rss(
                [
                    {"guid": "a", "description": "geen titel"},
                    {"title": "Geen guid, geen link"},
                    {"title": "Een javascript-link telt niet", "link": "javascript:alert(1)"},
                    {"guid": "b", "title": "Wel goed"},
                ]
            )
        )

        self.assertEqual([entry.title for entry in feed.entries], ["Wel goed"])
        self.assertEqual(feed.skipped, 3)
        self.assertEqual(len(feed.problems), 3)

    def test_a_missing_or_unreadable_date_is_now(self):
        before = datetime.datetime.now(datetime.UTC)
        feed = parse_feed(rss([{"guid": "a", "title": "A"}, {"guid": "b", "title": "B", "date": "gisteren"}]))

        for entry in feed.entries:
            self.assertGreaterEqual(entry.published, before)

    def test_markup_and_control_characters_leave_plain_text_fields(self):
        feed = parse_feed(
            rss(
                [
                    {
                        "guid": "a",
                        "title": "<b>Vet</b> <script>alert(1)</script>nieuws\x00",
                        "author": "<i>An</i>",
                    }
                ]
            )
        )

        self.assertEqual(feed.entries[0].title, "Vet nieuws")
        self.assertEqual(feed.entries[0].author, "An")


class EncodingTests(SimpleTestCase):
    def test_the_declared_encoding_is_honoured(self):
        feed = parse_feed(rss([{"guid": "a", "title": "Café in Wijchen"}], encoding="iso-8859-1"))

        self.assertEqual(feed.entries[0].title, "Café in Wijchen")

    def test_latin1_bytes_declared_as_utf8_are_read_anyway(self):
        body = rss(
            [
                {
                    "guid": "a",
                    "title": "Café in Wijchen",
                    "description": "Overleg over de toekomst van het dorpshuis.",
                }
            ],
            encoding="latin-1",
            declaration='<?xml version="1.0" encoding="utf-8"?>',
        )

        feed = parse_feed(body)

        self.assertEqual(feed.entries[0].title, "Café in Wijchen")

    def test_a_byte_order_mark_is_fine(self):
        feed = parse_feed(b"\xef\xbb\xbf" + rss([{"guid": "a", "title": "Met BOM"}]))

        self.assertEqual(feed.entries[0].title, "Met BOM")


class RefusedTests(SimpleTestCase):
    def assertRefused(self, content, reason):
        started = time.monotonic()
        with self.assertRaises(FeedParseError) as caught:
            parse_feed(content)
        self.assertEqual(str(caught.exception), reason)
        self.assertLess(time.monotonic() - started, 2)

    def test_an_entity_bomb_is_refused_without_expanding_it(self):
        self.assertRefused(BILLION_LAUGHS, ENTITIES_REFUSED)

    def test_an_external_entity_is_refused_and_never_read(self):
        self.assertRefused(EXTERNAL_ENTITY, ENTITIES_REFUSED)

    def test_an_html_page_is_not_a_feed(self):
        self.assertRefused(HTML_PAGE, NOT_A_FEED)
        self.assertRefused(b"<html><body><p>Welkom</p></body></html>", NOT_A_FEED)

    def test_garbage_empty_bodies_and_other_json_are_not_feeds(self):
        for content in (b"\x00\xff\xfe garbage", b"Hallo", b'{"items": "geen lijst"}', b"[1, 2]", b"<rss"):
            with self.subTest(content=content):
                self.assertRefused(content, NOT_A_FEED)
        with self.assertRaises(FeedParseError):
            parse_feed(b"   ")
