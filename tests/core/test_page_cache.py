"""The page cache: an anonymous visitor's second visit is answered without the database, and never
with a page that is no longer true.

Each test asks what a visitor, an editor or an attacker would notice: a second request that runs no
query at all, a publish or a passing moment that is seen on the very next request, an editor who
never gets (or leaves behind) a copy with the userbar, a form whose token is never shared.
"""

import datetime
import re
from unittest import mock

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.page_cache import TOKEN_PLACEHOLDER, local_pages
from registrations import places
from tests.factories.home import StandardPageFactory, dutch_home, page_writers, site_footer
from tests.factories.knowledge import (
    KnowledgeIndexPageFactory,
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    build_site,
)

HIT = "X-Page-Cache"
CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_tokens(response):
    return CSRF_VALUE.findall(response.content.decode())


def pages_kept():
    return caches["pages"]


class PageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=("eenzaamheid",))
        cls.theme = cls.tree.themes["eenzaamheid"]
        cls.item = KnowledgeItemPageFactory(
            parent=cls.tree.knowledge_index, title="Buurtkamers tegen eenzaamheid"
        )
        cls.item.themes.add(cls.theme)
        cls.item.save_revision().publish()

    def test_the_second_anonymous_visit_runs_no_query_and_renders_nothing(self):
        first = self.client.get(self.item.url)
        self.assertEqual(first[HIT], "miss")

        with self.assertNumQueries(0):
            second = self.client.get(self.item.url)

        self.assertEqual(second[HIT], "hit")
        self.assertEqual(second.templates, [])
        self.assertEqual(second.content, first.content)
        self.assertEqual(second["ETag"], first["ETag"])
        self.assertEqual(second["Content-Type"], first["Content-Type"])
        self.assertEqual(int(second["Content-Length"]), len(first.content))
        # The headers the outer middleware adds are there on a hit too.
        self.assertIn("Content-Security-Policy", second)

    def test_a_matching_etag_gets_304_from_the_cache(self):
        etag = self.client.get(self.item.url)["ETag"]

        with self.assertNumQueries(0):
            again = self.client.get(self.item.url, headers={"if-none-match": etag})

        self.assertEqual(again.status_code, 304)
        self.assertEqual(again.content, b"")
        self.assertEqual(again["ETag"], etag)

    def test_head_is_answered_from_the_get_copy_without_a_body(self):
        body = self.client.get(self.item.url).content

        response = self.client.head(self.item.url)

        self.assertEqual(response[HIT], "hit")
        self.assertEqual(response.content, b"")
        self.assertEqual(int(response["Content-Length"]), len(body))

    def test_a_publish_is_seen_on_the_next_request_on_every_page_that_shows_it(self):
        urls = [self.item.url, self.tree.knowledge_index.url, self.theme.url, self.tree.home.url]
        urls.append("/sitemap.xml")
        for url in urls:
            self.client.get(url)
            self.assertEqual(self.client.get(url)[HIT], "hit", url)

        self.item.title = "Huiskamers tegen eenzaamheid"
        self.item.slug = "huiskamers"
        self.item.save_revision().publish()

        self.item.refresh_from_db()
        for url in (self.item.url, self.tree.knowledge_index.url, self.theme.url):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response[HIT], "miss")
                self.assertIn("Huiskamers tegen eenzaamheid", response.content.decode())
        self.assertEqual(self.client.get(self.tree.home.url)[HIT], "miss")
        self.assertIn("/huiskamers/", self.client.get("/sitemap.xml").content.decode())

    def test_an_unpublished_page_is_gone_at_once(self):
        self.client.get(self.item.url)

        self.item.unpublish()

        self.assertEqual(self.client.get(self.item.url).status_code, 404)

    def test_a_moved_page_is_gone_from_its_old_address_and_the_sitemap_names_the_new_one(self):
        other = KnowledgeIndexPageFactory(parent=self.tree.home, title="Archief", slug="archief")
        old_url = self.item.url
        for url in (old_url, "/sitemap.xml"):
            self.client.get(url)
            self.assertEqual(self.client.get(url)[HIT], "hit")

        self.item.move(other, pos="last-child")

        self.assertNotEqual(self.client.get(old_url).status_code, 200)
        moved = self.client.get("/archief/buurtkamers-tegen-eenzaamheid/")
        self.assertIn("Buurtkamers tegen eenzaamheid", moved.content.decode())
        sitemap = self.client.get("/sitemap.xml").content.decode()
        self.assertIn("/archief/buurtkamers-tegen-eenzaamheid/", sitemap)
        self.assertNotIn(old_url, sitemap)

    def test_a_deleted_page_is_gone_at_once(self):
        index = self.tree.knowledge_index.url
        self.client.get(index)

        self.item.delete()

        self.assertNotIn("Buurtkamers tegen eenzaamheid", self.client.get(index).content.decode())

    def test_a_changed_footer_is_on_every_kept_page_at_once(self):
        for url in (self.item.url, self.tree.home.url):
            self.client.get(url)
        footer = site_footer()
        footer.phone = "026 123 45 67"
        footer.save()

        for url in (self.item.url, self.tree.home.url):
            with self.subTest(url=url):
                self.assertIn("026 123 45 67", self.client.get(url).content.decode())

    def test_a_restricted_page_is_private_at_once(self):
        self.client.get(self.item.url)

        PageViewRestriction.objects.create(
            page=self.item, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )

        response = self.client.get(self.item.url)
        self.assertNotIn("Buurtkamers tegen eenzaamheid</h1>", response.content.decode())
        self.assertNotEqual(response.get(HIT), "hit")

    def test_an_editor_neither_gets_nor_leaves_a_copy(self):
        editor = User.objects.create_user("redacteur", "redacteur@example.org", "geheim-wachtwoord")
        editor.groups.add(page_writers())
        self.client.get(self.item.url)  # the anonymous copy is kept
        self.client.force_login(editor)

        as_editor = self.client.get(self.item.url)

        self.assertNotIn(HIT, as_editor)
        self.assertIn("private", as_editor["Cache-Control"])
        # What the editor saw (with the userbar) was not kept for anyone.
        self.client.logout()
        pages_kept().clear()
        local_pages.clear()
        self.client.force_login(editor)
        self.client.get(self.item.url)
        self.client.logout()
        self.assertEqual(self.client.get(self.item.url)[HIT], "miss")

    def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(self):
        self.client.get(self.item.url)
        self.client.cookies["messages"] = "anything"

        self.assertNotIn(HIT, self.client.get(self.item.url))

    def test_search_with_a_query_is_never_kept(self):
        for _ in range(2):
            response = self.client.get("/zoeken/", {"q": "eenzaamheid"})
            self.assertNotIn(HIT, response)

    def test_listing_filters_are_kept_but_made_up_parameters_are_not(self):
        index = self.tree.knowledge_index.url
        self.client.get(index, {"thema": "eenzaamheid"})
        self.assertEqual(self.client.get(index, {"thema": "eenzaamheid"})[HIT], "hit")

        for query in ({"x": "1"}, {"thema": "bestaat-niet"}, {"thema": "eenzaamheid", "utm": "2"}):
            with self.subTest(query=query):
                self.client.get(index, query)
                self.assertNotIn(HIT, self.client.get(index, query))

    def test_the_news_feed_is_kept_like_a_page(self):
        feed = self.tree.news_index.url + "rss/"
        self.client.get(feed)

        with self.assertNumQueries(0):
            response = self.client.get(feed)
        self.assertEqual(response[HIT], "hit")

        NewsPageFactory(parent=self.tree.news_index, title="Nieuw bericht").save_revision().publish()
        self.assertIn("Nieuw bericht", self.client.get(feed).content.decode())

    @override_settings(PAGE_CACHE_SECONDS=0)
    def test_it_can_be_switched_off(self):
        self.client.get(self.item.url)
        self.assertNotIn(HIT, self.client.get(self.item.url))


class FormPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=("eenzaamheid",))
        cls.meeting = MeetingPageFactory(parent=cls.tree.meeting_index, title="Leernetwerk", days=14)

    def test_a_page_with_a_form_is_kept_but_each_visitor_gets_a_token_of_their_own(self):
        self.assertTrue(self.meeting.registration_is_open)
        first = self.client.get(self.meeting.url)
        self.assertEqual(first[HIT], "miss")

        stranger = Client()
        with self.assertNumQueries(0):
            kept = stranger.get(self.meeting.url)

        self.assertEqual(kept[HIT], "hit")
        mine, theirs = csrf_tokens(first), csrf_tokens(kept)
        self.assertEqual(len(theirs), 1)
        self.assertNotEqual(mine, theirs)
        self.assertNotIn(TOKEN_PLACEHOLDER.decode(), kept.content.decode())
        # Never for a browser or a proxy to share.
        self.assertIn("private", kept["Cache-Control"])
        self.assertFalse(kept.has_header("ETag"))
        # The stranger got a CSRF cookie that goes with their token: their registration is accepted.
        self.assertIn(settings.CSRF_COOKIE_NAME, kept.cookies)
        stranger_with_checks = Client(enforce_csrf_checks=True)
        stranger_with_checks.cookies = stranger.cookies
        # An empty form: answered with the form's errors, not with "CSRF verification failed".
        response = stranger_with_checks.post(
            reverse("registrations:register", args=[self.meeting.pk]), {"csrfmiddlewaretoken": theirs[0]}
        )
        self.assertNotEqual(response.status_code, 403)

    def test_a_visitor_with_a_csrf_cookie_keeps_it(self):
        first = self.client.get(self.meeting.url)
        cookie = first.cookies[settings.CSRF_COOKIE_NAME].value

        again = self.client.get(self.meeting.url)

        self.assertEqual(again[HIT], "hit")
        # Django sends the cookie again to renew its expiry, with the same secret.
        self.assertEqual(again.cookies[settings.CSRF_COOKIE_NAME].value, cookie)

    def test_a_place_taken_is_seen_on_the_next_visit(self):
        self.meeting.capacity = 10
        self.meeting.save_revision().publish()
        self.client.get(self.meeting.url)
        self.assertIn("Nog 10 plaatsen vrij", self.client.get(self.meeting.url).content.decode())

        places.add_by_editor(self.meeting, language="nl", name="Anna de Vries", email="anna@gemeente.example")

        self.assertIn("Nog 9 plaatsen vrij", self.client.get(self.meeting.url).content.decode())

    def test_when_registration_closes_the_kept_page_changes_without_a_publish(self):
        passed = MeetingPageFactory(parent=self.tree.meeting_index, title="Terugblik", days=-30)
        self.client.get(passed.url)
        self.assertEqual(self.client.get(passed.url)[HIT], "hit")
        index = self.tree.meeting_index.url
        self.client.get(index)
        self.assertEqual(self.client.get(index)[HIT], "hit")

        # The clock passes the moment registration for the coming meeting closes (core.clock).
        later = self.meeting.end + datetime.timedelta(minutes=1)
        with mock.patch.object(timezone, "now", return_value=later):
            self.assertEqual(self.client.get(index)[HIT], "miss")
            meeting = self.client.get(self.meeting.url)
        self.assertNotIn("csrfmiddlewaretoken", meeting.content.decode())


class UnknownHostTests(TestCase):
    def test_a_forged_host_is_refused_not_kept(self):
        dutch_home()
        StandardPageFactory(parent=dutch_home(), title="Contact", slug="contact")

        response = self.client.get("/contact/", headers={"host": "evil.example"})

        self.assertEqual(response.status_code, 400)
        self.assertNotIn(HIT, response)
