"""A query with a small spelling mistake that finds nothing is answered with the corrected query's
results at once, with a link back to the words as typed (``letterlijk=1``), which offer
"Bedoelde u …" with the fix."""

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

    def answer(self, query, **params):
        response = self.client.get("/zoeken/", {"q": query, **params}, HTTP_ACCEPT="application/json")
        return response.json()

    def suggestion(self, query):
        return self.answer(query, letterlijk="1")["suggestion"]

    def test_a_misspelt_word_gets_the_word_the_site_knows(self):
        self.assertEqual(self.suggestion("eenzaamhied"), "eenzaamheid")
        self.assertEqual(self.suggestion("dorphuis"), "dorpshuis")
        self.assertEqual(self.suggestion("dorphuis ouderen"), None)  # the corrected query finds nothing

    def test_a_misspelt_query_is_answered_with_the_correction(self):
        data = self.answer("dorphuis")
        self.assertEqual((data["query"], data["corrected_from"]), ("dorpshuis", "dorphuis"))
        self.assertEqual([result["title"] for result in data["results"]], ["Het dorpshuis"])
        self.assertIsNone(data["suggestion"])
        # Nothing to answer with: the typed words, no correction.
        data = self.answer("dorphuis ouderen")
        self.assertEqual(
            (data["query"], data["corrected_from"], data["total"]), ("dorphuis ouderen", None, 0)
        )

    def test_the_corrected_page_links_back_and_the_literal_page_to_the_suggestion(self):
        html = soup(self.client.get("/zoeken/", {"q": "eenzaamhied"}))
        self.assertEqual(
            html.select_one("main .search-correction").get_text(" ", strip=True),
            "Resultaten voor eenzaamheid . Zoek in plaats daarvan op eenzaamhied .",
        )
        back = html.select_one("main .search-correction a")
        self.assertEqual(back["href"], "/zoeken/?q=eenzaamhied&letterlijk=1")
        # The box keeps what was typed; the count says what it answered.
        self.assertEqual(html.select_one("#search-page-q")["value"], "eenzaamhied")
        self.assertIn("voor ‘eenzaamheid’", html.select_one("#search-count").get_text())

        response = self.client.get(back["href"])
        link = soup(response).select_one("main .search-suggestion a")
        self.assertEqual(link.get_text(), "eenzaamheid")
        self.assertEqual(link["href"], "/zoeken/?q=eenzaamheid")

    def test_no_suggestion_when_the_query_finds_something_or_nothing_is_close(self):
        self.assertIsNone(self.suggestion("eenzaamheid"))
        self.assertIsNone(self.suggestion("zeppelinhaven"))

    def test_a_suggestion_never_carries_markup(self):
        response = self.client.get("/zoeken/", {"q": "<b>eenzaamhied</b>"})

        self.assertNotContains(response, "<b>eenzaam")
