"""Under each result a fragment of its text with the query's words marked, and never markup."""

from django.test import TestCase

from search.highlight import _marked
from tests.factories.home import dutch_home
from tests.search.helpers import standard_page
from tests.utils import soup


class HighlightTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        standard_page(
            home,
            "Buurthuis",
            body="Lange inleiding over de gemeente en haar wijken. In het buurthuis drinken "
            "bewoners elke week koffie met elkaar.",
        )
        standard_page(
            home,
            "Opmaak",
            body="Tekst met &lt;script&gt;alert(1)&lt;/script&gt; en &lt;b&gt;vet&lt;/b&gt; over koffie.",
        )

    def marks(self, query):
        response = self.client.get("/zoeken/", {"q": query})
        self.assertEqual(response.status_code, 200)
        return [mark.get_text() for mark in soup(response).select("main .card__highlight mark")]

    def test_the_words_of_the_query_are_marked_in_a_fragment(self):
        response = self.client.get("/zoeken/", {"q": "koffie bewoners"})
        fragments = [p.get_text() for p in soup(response).select("main .card__highlight")]

        self.assertTrue(any("drinken bewoners elke week koffie" in fragment for fragment in fragments))
        self.assertIn("koffie", [mark.lower() for mark in self.marks("koffie bewoners")])
        self.assertIn("bewoners", [mark.lower() for mark in self.marks("koffie bewoners")])

    def test_markup_in_the_page_text_shows_as_text(self):
        response = self.client.get("/zoeken/", {"q": "koffie"})

        self.assertNotContains(response, "<script>alert")
        self.assertNotContains(response, "<b>vet")
        # SQLite shows the tags as text; PostgreSQL's ts_headline leaves tag-like text out.
        self.assertContains(response, "alert(1)")

    def test_markup_in_the_query_is_never_injected(self):
        for query in ("<b>koffie</b>", "<script>koffie</script>", 'koffie"><img src=x onerror=alert(1)>'):
            response = self.client.get("/zoeken/", {"q": query})
            self.assertNotContains(response, "<b>koffie")
            self.assertNotContains(response, "<script>koffie")
            self.assertNotContains(response, "<img src=x")

    def test_a_query_with_tag_characters_still_marks_its_word(self):
        self.assertIn("koffie", [mark.lower() for mark in self.marks('koffie"><')])

    def test_the_json_answer_carries_the_same_fragment(self):
        response = self.client.get("/zoeken/", {"q": "buurthuis"}, HTTP_ACCEPT="application/json")

        highlight = response.json()["results"][0]["highlight"]
        self.assertIn("<mark>", highlight)
        self.assertIn("buurthuis</mark>", highlight.lower())


def test_stray_markers_never_leave_an_open_or_unescaped_tag():
    assert _marked("a \ue001 b \ue000<i>c") == "a  b <mark>&lt;i&gt;c</mark>"
