"""A query with a small spelling mistake that finds nothing offers "Bedoelde u …" with the fix."""

from django.test import TestCase

from tests.factories.home import dutch_home
from tests.search.helpers import standard_page
from tests.utils import soup


class SuggestionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        standard_page(home, "Eenzaamheid onder ouderen", body="Wat werkt tegen eenzaamheid.")
        standard_page(home, "Het dorpshuis", body="Een plek voor het hele dorp.")

    def suggestion(self, query):
        response = self.client.get("/zoeken/", {"q": query}, HTTP_ACCEPT="application/json")
        return response.json()["suggestion"]

    def test_a_misspelt_word_gets_the_word_the_site_knows(self):
        self.assertEqual(self.suggestion("eenzaamhied"), "eenzaamheid")
        self.assertEqual(self.suggestion("dorphuis"), "dorpshuis")
        self.assertEqual(self.suggestion("dorphuis ouderen"), None)  # the corrected query finds nothing

    def test_the_page_links_to_the_suggested_search(self):
        response = self.client.get("/zoeken/", {"q": "eenzaamhied"})
        link = soup(response).select_one("main .search-suggestion a")

        self.assertEqual(link.get_text(), "eenzaamheid")
        self.assertEqual(link["href"], "/zoeken/?q=eenzaamheid")

    def test_no_suggestion_when_the_query_finds_something_or_nothing_is_close(self):
        self.assertIsNone(self.suggestion("eenzaamheid"))
        self.assertIsNone(self.suggestion("zeppelinhaven"))

    def test_a_suggestion_never_carries_markup(self):
        response = self.client.get("/zoeken/", {"q": "<b>eenzaamhied</b>"})

        self.assertNotContains(response, "<b>eenzaam")
