"""What a browser and a shared cache may keep of a page, and links made from the request's path.

A visitor's browser asks again on every visit (so an unpublish is seen at once) and gets a cheap
304 when nothing changed; only a purgeable shared cache may keep a copy. A path such as
``//evil.example/`` never turns into a link to another host.
"""

from django.contrib.auth.models import User
from django.test import TestCase, override_settings
from wagtail.models import PageViewRestriction

from tests.factories.home import StandardPageFactory, dutch_home, page_writers
from tests.factories.knowledge import NewsPageFactory, build_site
from tests.factories.translation import translate
from tests.utils import hrefs, soup


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


class RevalidationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=("eenzaamheid",))
        NewsPageFactory(parent=cls.tree.news_index, title="Eerste bericht")

    def test_a_browser_that_asks_again_gets_304_without_a_body_and_without_rendering(self):
        url = self.tree.news_index.url
        first = self.client.get(url)
        self.assertIn("base.html", [template.name for template in first.templates])

        again = self.client.get(url, headers={"if-none-match": first["ETag"]})

        self.assertEqual(again.status_code, 304)
        self.assertEqual(again.content, b"")
        self.assertIn("max-age=0", cache_control(again))
        self.assertEqual(again.templates, [])  # answered before any template was rendered

    def test_after_a_publish_the_old_etag_gets_the_new_page(self):
        url = self.tree.news_index.url
        etag = self.client.get(url)["ETag"]

        news = NewsPageFactory(parent=self.tree.news_index, title="Net gepubliceerd", live=False)
        news.save_revision().publish()
        response = self.client.get(url, headers={"if-none-match": etag})

        self.assertEqual(response.status_code, 200)
        self.assertNotEqual(response["ETag"], etag)
        self.assertIn("Net gepubliceerd", response.content.decode())

    def test_each_filter_and_page_has_its_own_etag(self):
        url = self.tree.news_index.url
        plain = self.client.get(url)["ETag"]
        filtered = self.client.get(url, {"categorie": "monitor"})["ETag"]

        self.assertNotEqual(plain, filtered)

    def test_the_news_feed_is_revalidated_like_a_page(self):
        response = self.client.get(self.tree.news_index.url + "rss/")

        self.assertEqual(response.status_code, 200)
        self.assertLessEqual({"public", "max-age=0"}, cache_control(response))
        again = self.client.get(
            self.tree.news_index.url + "rss/", headers={"if-none-match": response["ETag"]}
        )
        self.assertEqual(again.status_code, 304)

    def test_no_shared_cache_may_keep_a_page_unless_the_site_purges_it(self):
        response = self.client.get("/")
        self.assertFalse(any(part.startswith("s-maxage") for part in cache_control(response)))

        # A new setting comes with a deploy, which is a new release (and so a new page cache).
        with override_settings(SHARED_CACHE_SECONDS=600, RELEASE="next"):
            response = self.client.get("/")
        self.assertLessEqual({"public", "max-age=0", "s-maxage=600"}, cache_control(response))


class PrivateAnswersTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        cls.team = StandardPageFactory(parent=home, title="Voor het team", slug="team")
        cls.minutes = StandardPageFactory(parent=cls.team, title="Notulen", slug="notulen")
        PageViewRestriction.objects.create(
            page=cls.team, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
        cls.public = StandardPageFactory(parent=home, title="Contact", slug="contact")

    def unlock(self, page):
        restriction = PageViewRestriction.objects.get(page=self.team)
        url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
        self.client.post(url, {"password": "geheim", "return_url": page.url})

    def test_a_password_page_is_never_shared_or_given_an_etag(self):
        self.unlock(self.minutes)

        response = self.client.get(self.minutes.url)

        self.assertEqual(response.status_code, 200)
        self.assertIn("Notulen", response.content.decode())
        self.assertLessEqual({"private", "no-cache"}, cache_control(response))
        self.assertNotIn("public", cache_control(response))
        self.assertFalse(response.has_header("ETag"))

    def test_an_editor_never_gets_a_shareable_answer(self):
        editor = User.objects.create_user("redacteur", "redacteur@example.org", "geheim-wachtwoord")
        editor.groups.add(page_writers())
        etag = self.client.get(self.public.url)["ETag"]
        self.client.force_login(editor)

        response = self.client.get(self.public.url, headers={"if-none-match": etag})

        # The anonymous copy's ETag must not hand an editor the anonymous page (no userbar).
        self.assertEqual(response.status_code, 200)
        self.assertIn("private", cache_control(response))
        self.assertFalse(response.has_header("ETag"))


class SameSiteLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site(theme_slugs=("eenzaamheid",))
        translate(dutch_home(), {"Leefbaarheid Gelderland": "Livability Gelderland"})

    def get_path(self, path):
        # The test client would read "//evil.example/" as a host; a real request line carries it
        # as the path, which is what a probe sends.
        return self.client.get("/", PATH_INFO=path)

    def test_the_not_found_page_never_links_to_another_host(self):
        for path in ("//evil.example/", "///evil.example/x", "/\\evil.example/"):
            with self.subTest(path=path):
                response = self.get_path(path)

                self.assertEqual(response.status_code, 404)
                links = hrefs(response) + [
                    link["href"] for link in soup(response).find_all("link", href=True)
                ]
                for href in links:
                    self.assertFalse(href.startswith(("//", "/\\")), href)
                    if href.startswith("http"):
                        self.assertTrue(href.startswith("http://localhost"), href)

    def test_the_language_switcher_keeps_the_reader_on_the_site(self):
        response = self.get_path("//evil.example/")

        switcher = soup(response).find(class_="language-switcher")
        targets = [link["href"] for link in switcher.find_all("a", href=True)]
        self.assertEqual(len(targets), 2)  # Dutch (this page) and the English home page
        for href in targets:
            self.assertTrue(href.startswith("/") and not href.startswith("//"), href)
