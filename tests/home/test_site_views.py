"""What search engines, feed readers and lost visitors get: sitemap, robots.txt, error pages, and
the cache headers that let proxies keep public pages but never an editor's view or a search."""

import xml.etree.ElementTree as ET

from django.test import RequestFactory, TestCase
from django.utils import translation

from home.views import server_error
from tests.factories.home import StandardPageFactory, dutch_home
from tests.factories.translation import translate
from tests.utils import links_to, path_of, visible_text

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        about = StandardPageFactory(parent=home, title="Over ons", slug="over-ons")
        translate(home, {"Leefbaarheid Gelderland": "Livability Gelderland"})
        translate(about, {"Over ons": "About us"})

    def sitemap_paths(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        root = ET.fromstring(response.content)
        return [path_of(loc.text) for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]

    def test_lists_the_live_pages_of_both_languages(self):
        paths = self.sitemap_paths()

        for expected in ("/", "/over-ons/", "/en/", "/en/over-ons/"):
            self.assertIn(expected, paths)

    def test_lists_each_page_once(self):
        paths = self.sitemap_paths()

        self.assertEqual(len(paths), len(set(paths)))

    def test_robots_txt_points_to_the_sitemap(self):
        response = self.client.get("/robots.txt")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn("Sitemap: http://testserver/sitemap.xml", lines)
        self.assertIn("Disallow: /admin/", lines)


class NotFoundTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        translate(dutch_home(), {"Leefbaarheid Gelderland": "Livability Gelderland"})

    def test_dutch_visitors_get_a_dutch_page_with_a_way_on(self):
        response = self.client.get("/bestaat-niet/")

        self.assertEqual(response.status_code, 404)
        self.assertContains(response, '<html lang="nl"', status_code=404)
        text = visible_text(response)
        self.assertIn("Deze pagina bestaat niet", text)
        self.assertTrue(links_to(response, "/", within="main"))

    def test_english_visitors_get_the_same_page_in_english(self):
        with translation.override("en"):
            english_heading = translation.gettext("Deze pagina bestaat niet")
        # The English catalogue must translate it; otherwise English readers get Dutch.
        self.assertNotEqual(english_heading, "Deze pagina bestaat niet")

        response = self.client.get("/en/does-not-exist/")

        self.assertEqual(response.status_code, 404)
        self.assertContains(response, '<html lang="en"', status_code=404)
        text = visible_text(response)
        self.assertIn(english_heading, text)
        self.assertNotIn("Deze pagina bestaat niet", text)
        self.assertTrue(links_to(response, "/en/", within="main"))


class ServerErrorTests(TestCase):
    def test_the_error_page_renders_without_the_database(self):
        request = RequestFactory().get("/")

        with self.assertNumQueries(0):
            response = server_error(request)

        self.assertEqual(response.status_code, 500)
        content = response.content.decode()
        self.assertIn('<html lang="nl"', content)
        self.assertIn("Er ging iets mis", content)
        self.assertIn("leefbaarheid@gelderland.nl", content)

    def test_english_readers_get_it_in_english(self):
        request = RequestFactory().get("/en/")
        request.LANGUAGE_CODE = "en"

        response = server_error(request)

        self.assertEqual(response.status_code, 500)
        content = response.content.decode()
        self.assertIn('<html lang="en"', content)
        self.assertIn("Something went wrong", content)


class CacheHeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = StandardPageFactory(parent=dutch_home(), title="Contact", slug="contact")

    def test_anonymous_readers_get_a_public_page_their_browser_revalidates_without_cookies(self):
        response = self.client.get(self.page.url)

        self.assertEqual(response.status_code, 200)
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        # A browser may keep the page but must ask again on every visit, so an unpublish is seen.
        self.assertLessEqual({"public", "max-age=0", "must-revalidate"}, cache_control)
        self.assertNotIn("private", cache_control)
        self.assertFalse(any(part.startswith("s-maxage") for part in cache_control))
        self.assertTrue(response["ETag"])
        self.assertEqual(response.cookies, {})

    def test_logged_in_editors_get_a_private_page(self):
        editor = self.make_editor()
        self.client.force_login(editor)

        response = self.client.get(self.page.url)

        cache_control = response["Cache-Control"]
        self.assertIn("private", cache_control)
        self.assertNotIn("public", cache_control)

    def test_search_results_are_never_cached(self):
        for url in ("/zoeken/?q=contact", "/zoeken/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                cache_control = response["Cache-Control"]
                self.assertIn("no-cache", cache_control)
                self.assertNotIn("public", cache_control)

    @staticmethod
    def make_editor():
        from django.contrib.auth.models import User

        from tests.factories.home import page_writers

        editor = User.objects.create_user("redacteur", "redacteur@example.org", "geheim-wachtwoord")
        editor.groups.add(page_writers())
        return editor
