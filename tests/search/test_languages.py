"""Dutch pages are stemmed as Dutch, English pages as English, and the two never mix.

On PostgreSQL one index row per page holds a ``tsvector`` built with its language's text-search
configuration (``search/backends.py``); these tests prove both stemmers work side by side, which
one backend per language could not (wagtail#9253). SQLite does not stem: only the isolation and
exact words are checked there.
"""

from django.test import TestCase
from modelsearch.conf import get_app_config

from tests.factories.home import dutch_home
from tests.factories.translation import translate
from tests.search.helpers import ON_POSTGRES, result_titles, standard_page


class LanguageSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        cls.dutch = standard_page(
            home,
            "Het dorpshuis van Doornspijk",
            body="Het dorpshuis is open voor iedereen die zich eenzaam voelt.",
        )
        cls.dutch_other = standard_page(home, "Fietsenmarkt", body="Wij verkopen fietsen op de markt.")
        translate(home)
        cls.english = translate(
            cls.dutch,
            {
                "Het dorpshuis van Doornspijk": "The village hall of Doornspijk",
                "Het dorpshuis is open voor iedereen die zich eenzaam voelt.": (
                    "The village hall is open to all villages and everyone who feels lonely."
                ),
            },
        )

    def dutch_titles(self, query):
        return result_titles(self.client, "/zoeken/", query)

    def english_titles(self, query):
        return result_titles(self.client, "/en/search/", query)

    def test_a_dutch_query_never_returns_the_english_page(self):
        self.assertEqual(self.dutch_titles("Doornspijk"), ["Het dorpshuis van Doornspijk"])

    def test_an_english_query_never_returns_the_dutch_page(self):
        self.assertEqual(self.english_titles("Doornspijk"), ["The village hall of Doornspijk"])

    def test_an_english_word_finds_nothing_in_dutch(self):
        self.assertEqual(self.dutch_titles("village"), [])

    def test_a_dutch_plural_finds_the_singular(self):
        # The stemmer does not join huis/huizen (dorpshuis/dorpshuiz): search.query's variants do.
        self.assertEqual(self.dutch_titles("dorpshuizen"), ["Het dorpshuis van Doornspijk"])

    def test_a_dutch_inflection_finds_the_page_where_the_database_stems(self):
        # Snowball's Dutch stemmer: "eenzame" and "eenzaam" share the stem "eenzam". SQLite's
        # FTS5 has no Dutch stemmer: there only the exact word finds it (a known limit), or the
        # correction of a near miss ("eenzame" is one letter from "eenzaam", answered at once).
        page = ["Het dorpshuis van Doornspijk"]
        self.assertEqual(self.dutch_titles("eenzame"), page)
        self.assertEqual(self.dutch_titles("eenzaamheid"), page if ON_POSTGRES else [])

    def test_an_english_plural_finds_the_singular_and_back(self):
        found = ["The village hall of Doornspijk"]
        self.assertEqual(self.english_titles("villages"), found)
        # Only PostgreSQL's "english" configuration stems these; SQLite matches words as written,
        # and answers "halls" with its correction "hall".
        self.assertEqual(self.english_titles("halls"), found)
        self.assertEqual(self.english_titles("feeling"), found if ON_POSTGRES else [])

    def test_each_page_is_indexed_with_its_own_language(self):
        if not ON_POSTGRES:
            # SQLite's index keeps the words as written, in one table for every language.
            entries = get_app_config().get_model("SQLiteFTSIndexEntry").objects
            self.assertIn("dorpshuis", entries.get(index_entry__object_id=str(self.dutch.pk)).body)
            return
        entries = get_app_config().get_model("IndexEntry").objects
        dutch = entries.get(object_id=str(self.dutch.pk)).body
        english = entries.get(object_id=str(self.english.pk)).body
        # The Dutch stemmer turns "dorpshuis" into "dorpshuis", English "villages" into "villag".
        self.assertIn("'dorpshuis'", dutch)
        self.assertIn("'villag'", english)
        self.assertNotIn("'villages'", english)

    def test_the_exact_word_is_found_on_every_database(self):
        self.assertEqual(self.dutch_titles("dorpshuis"), ["Het dorpshuis van Doornspijk"])
        self.assertEqual(self.english_titles("village"), ["The village hall of Doornspijk"])
