"""The search boxes' suggestions: titles of visible pages of the reader's language, by prefix.

The same answers on SQLite (FTS5 prefix) and PostgreSQL (``simple`` configuration): run both.
"""

from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from search.autocomplete import MAX_SUGGESTIONS
from tests.factories.knowledge import KnowledgeItemPageFactory, build_site
from tests.factories.translation import translate
from tests.search.helpers import standard_page


def suggestions_url(language="nl"):
    with translation.override(language):
        return reverse("search_suggestions")


class AutocompleteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(theme_slugs=("eenzaamheid",))
        cls.item = KnowledgeItemPageFactory(
            parent=cls.site.knowledge_index, title="Eenzaamheid doorbreken in de wijk", goal=""
        )
        cls.draft = KnowledgeItemPageFactory(
            parent=cls.site.knowledge_index, title="Eenzaamheid onder jongeren", goal="", live=False
        )
        cls.private = standard_page(cls.site.home, "Eenzaamheidscijfers intern")
        PageViewRestriction.objects.create(page=cls.private, restriction_type="login")
        # A page that says the word in its text but not in its title is no suggestion.
        cls.in_text = standard_page(cls.site.home, "Koffieochtend", body="Tegen eenzaamheid.")
        translate(cls.site.home)
        translate(cls.site.knowledge_index)
        cls.english = translate(cls.item, {"Eenzaamheid doorbreken in de wijk": "Breaking loneliness"})

    def suggest(self, query, language="nl"):
        response = self.client.get(suggestions_url(language), {"q": query})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        return response.json()

    def titles(self, query, language="nl"):
        return [suggestion["title"] for suggestion in self.suggest(query, language)["suggestions"]]

    def test_the_urls_are_below_the_search_page_in_each_language(self):
        self.assertEqual(suggestions_url("nl"), "/zoeken/suggesties/")
        self.assertTrue(suggestions_url("en").startswith("/en/search/"))

    def test_a_prefix_suggests_the_visible_pages_whose_title_has_a_word_starting_with_it(self):
        data = self.suggest("eenz")

        self.assertEqual(data["query"], "eenz")
        # The theme page "Eenzaamheid" and the item; not the draft, not the private page, not
        # the page that has the word only in its text.
        self.assertCountEqual(
            [s["title"] for s in data["suggestions"]], ["Eenzaamheid", "Eenzaamheid doorbreken in de wijk"]
        )

    def test_a_suggestion_has_its_title_url_and_kind(self):
        [suggestion] = self.suggest("doorbr")["suggestions"]

        self.assertEqual(
            suggestion,
            {"title": self.item.title, "url": self.item.url, "kind": str(self.item.get_verbose_name())},
        )

    def test_every_word_counts_and_the_last_one_is_a_prefix(self):
        self.assertEqual(self.titles("eenzaamheid wij"), ["Eenzaamheid doorbreken in de wijk"])
        self.assertEqual(self.titles("eenzaamheid jongeren"), [])

    def test_english_readers_get_english_titles_only(self):
        self.assertEqual(self.titles("lonel", "en"), ["Breaking loneliness"])
        self.assertEqual(self.titles("eenz", "en"), [])
        self.assertEqual(self.titles("lonel"), [])

    def test_an_unpublished_page_is_no_longer_suggested(self):
        self.item.unpublish()

        self.assertEqual(self.titles("doorbr"), [])

    def test_at_most_eight_suggestions(self):
        for number in range(MAX_SUGGESTIONS + 3):
            standard_page(self.site.home, f"Buurtkamer {number}")

        self.assertEqual(len(self.titles("buurtk")), MAX_SUGGESTIONS)

    def test_the_theme_comes_first_then_titles_that_start_with_the_words(self):
        # Pages that say the word more often than the theme's title does: the backend ranks
        # them above the theme, the suggestions do not.
        for number in range(MAX_SUGGESTIONS + 2):
            KnowledgeItemPageFactory(
                parent=self.site.knowledge_index,
                title=f"Aanpak {number} tegen eenzaamheid: eenzaamheid en nog eens eenzaamheid",
                goal="",
            )

        titles = self.titles("eenz")

        self.assertEqual(titles[:2], ["Eenzaamheid", "Eenzaamheid doorbreken in de wijk"])
        self.assertEqual(len(titles), MAX_SUGGESTIONS)

    def test_nothing_is_suggested_for_one_letter_or_an_empty_box(self):
        for query in ("", "e", "   ", "-"):
            with self.subTest(query=query):
                self.assertEqual(self.suggest(query)["suggestions"], [])

    def test_any_input_gets_an_answer_never_an_error(self):
        for query in ('"', 'eenz"', "eenz*", "NOT eenz", "(eenz", "een\x00z", "a" * 5000, "OR", "e AND"):
            with self.subTest(query=query[:20]):
                data = self.suggest(query)
                self.assertIsInstance(data["suggestions"], list)
        self.assertEqual(self.titles('"eenz'), self.titles("eenz"))

    def test_the_answer_is_never_cached(self):
        response = self.client.get(suggestions_url(), {"q": "eenz"})

        self.assertIn("no-cache", response["Cache-Control"])
        self.assertIn("no-store", response["Cache-Control"])

    def test_a_suggestion_costs_one_query_however_many_it_finds(self):
        # The first request fills the site-wide caches every page uses (locale ids, private
        # sections, the sites and their root paths); after that: the search alone.
        self.suggest("eenz")
        for query, queries in (("eenz", 1), ("doorbr", 1), ("wijk", 1), ("buurtk", 1), ("e", 0)):
            with self.subTest(query=query), self.assertNumQueries(queries):
                self.suggest(query)


class EveryPageTypeTests(TestCase):
    def test_every_page_type_indexes_its_title_for_autocomplete(self):
        from django.apps import apps
        from modelsearch.index import AutocompleteField

        page_types = [model for model in apps.get_models() if issubclass(model, Page) and model is not Page]
        self.assertGreater(len(page_types), 10)
        for model in page_types:
            with self.subTest(model=model.__name__):
                fields = [
                    field.field_name for field in model.search_fields if isinstance(field, AutocompleteField)
                ]
                self.assertIn("title", fields)
