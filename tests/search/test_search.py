"""A reader searches the site in their own language and finds pages by words in their text."""

from django.test import TestCase

from tests.factories.home import StandardPageFactory, dutch_home
from tests.factories.knowledge import build_site
from tests.factories.translation import translate
from tests.utils import links_to, visible_text


class SiteSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        # "Doornspijk" is a place name: it stays the same in the English translation.
        cls.dutch = StandardPageFactory(
            parent=home,
            title="Dorpsleven",
            slug="dorpsleven",
            body__0__paragraph__value="<p>In Doornspijk organiseert de dorpsraad een fietsenmarkt.</p>",
        )
        cls.other = StandardPageFactory(
            parent=home,
            title="Wijkleven",
            slug="wijkleven",
            body__0__paragraph__value="<p>In de wijk komt een nieuwe speeltuin.</p>",
        )
        translate(home)
        cls.english = translate(
            cls.dutch,
            {
                "Dorpsleven": "Village life",
                "In Doornspijk organiseert de dorpsraad een fietsenmarkt.": (
                    "In Doornspijk the village council runs a bicycle market."
                ),
            },
        )

    def search(self, url, query):
        response = self.client.get(url, {"q": query})
        self.assertEqual(response.status_code, 200)
        return response

    def test_a_word_in_the_body_finds_the_dutch_page(self):
        response = self.search("/zoeken/", "fietsenmarkt")

        self.assertTrue(links_to(response, self.dutch.url, within="main"))
        self.assertFalse(links_to(response, self.other.url, within="main"))

    def test_dutch_search_leaves_out_english_pages(self):
        response = self.search("/zoeken/", "Doornspijk")

        self.assertTrue(links_to(response, self.dutch.url, within="main"))
        self.assertFalse(links_to(response, self.english.url, within="main"))

    def test_english_search_finds_the_english_page_only(self):
        response = self.search("/en/search/", "Doornspijk")

        self.assertTrue(links_to(response, self.english.url, within="main"))
        self.assertFalse(links_to(response, self.dutch.url, within="main"))
        self.assertContains(response, '<html lang="en"')

    def test_english_search_finds_english_words(self):
        response = self.search("/en/search/", "bicycle")

        self.assertTrue(links_to(response, self.english.url, within="main"))

    def test_a_word_that_is_nowhere_finds_nothing_and_says_so(self):
        response = self.search("/zoeken/", "zeppelinhaven")

        self.assertFalse(links_to(response, self.dutch.url, within="main"))
        self.assertFalse(links_to(response, self.other.url, within="main"))
        self.assertIn("0 resultaten", visible_text(response))

    def test_the_search_box_keeps_the_query(self):
        response = self.search("/zoeken/", "fietsenmarkt")

        self.assertContains(response, 'value="fietsenmarkt"')


class NoResultsTests(TestCase):
    def test_the_no_results_page_offers_the_themes(self):
        site = build_site()
        response = self.client.get("/zoeken/", {"q": "zeppelinhaven"})

        self.assertIn("0 resultaten", visible_text(response))
        self.assertTrue(links_to(response, site.themes["eenzaamheid"].url, within="main"))
