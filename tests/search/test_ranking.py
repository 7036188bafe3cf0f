"""Results come in the order a visitor would call right.

A match in the title before one in the introduction (the summary), before one in the body; the
exact phrase before scattered words; with equal text, better-evidenced and then newer knowledge
items first. Each test makes its own pages and asserts their order.
"""

import datetime

from django.test import TestCase

from knowledge.models import KnowledgeItemPage
from tests.factories.home import dutch_home
from tests.factories.knowledge import KnowledgeItemPageFactory, build_site
from tests.search.helpers import ON_POSTGRES, result_titles, standard_page


def titles(client, query):
    return result_titles(client, "/zoeken/", query)


class FieldRankingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        filler = "Een tekst over de buurt, de straat en de mensen die er wonen. " * 3
        standard_page(home, "Lange lijst", body=f"{filler} Ook over de speeltuin. {filler}")
        standard_page(home, "Buurtpraat", introduction="Alles over de speeltuin in de wijk.", body=filler)
        standard_page(home, "De speeltuin", body=filler)

    def test_a_title_match_comes_first(self):
        self.assertEqual(titles(self.client, "speeltuin")[0], "De speeltuin")

    def test_the_introduction_comes_before_the_body_where_the_database_weighs_fields(self):
        found = titles(self.client, "speeltuin")
        if ON_POSTGRES:
            self.assertEqual(found, ["De speeltuin", "Buurtpraat", "Lange lijst"])
        else:  # SQLite's FTS5 ranks by the title boost only: the other two in any order
            self.assertEqual((found[0], sorted(found[1:])), ("De speeltuin", ["Buurtpraat", "Lange lijst"]))


class PhraseRankingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        standard_page(home, "Verspreid", body="De buurt kreeg een bankje. Later kwam er een nieuw plein.")
        standard_page(home, "Als zin", body="In de wijk kwam een nieuw bankje op het plein.")

    def test_the_exact_phrase_comes_before_scattered_words(self):
        self.assertEqual(titles(self.client, "nieuw bankje"), ["Als zin", "Verspreid"])

    def test_scattered_words_still_match(self):
        self.assertIn("Verspreid", titles(self.client, "bankje plein"))


class EqualTextRankingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = build_site(theme_slugs=())
        text = "Een aanpak voor de moestuin van de buurt."

        def item(title, evidence, year):
            return KnowledgeItemPageFactory(
                parent=site.knowledge_index,
                title=title,
                introduction=text,
                goal="",
                target_group="",
                evidence_level=evidence,
                year=year,
            )

        levels = KnowledgeItemPage.EvidenceLevel
        # Titles of equal length: the title norm weighs them alike.
        item("Moestuin C", levels.PRACTICE_EXAMPLE, 2024)
        item("Moestuin A", levels.EFFECTIVE, 2019)
        item("Moestuin D", levels.PRACTICE_EXAMPLE, 2020)
        item("Moestuin B", levels.WELL_FOUNDED, 2024)

    def test_better_evidence_then_newer_comes_first(self):
        self.assertEqual(
            titles(self.client, "moestuin"), ["Moestuin A", "Moestuin B", "Moestuin C", "Moestuin D"]
        )

    def test_with_equal_evidence_and_year_the_newest_publication_comes_first(self):
        for title, days in (("Moestuin C", 10), ("Moestuin D", 1)):
            page = KnowledgeItemPage.objects.get(title=title)
            page.year = 2024
            page.first_published_at = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=days)
            page.save_revision().publish()

        self.assertEqual(titles(self.client, "moestuin")[2:], ["Moestuin D", "Moestuin C"])


class TiersAboveTheScoreTests(TestCase):
    """The title and the phrase win even where the backend's score says otherwise: a body that
    repeats the words scores higher than one title word or one adjacent pair."""

    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        many = "Over de speeltuin: de speeltuin, een speeltuin, onze speeltuin, elke speeltuin. " * 6
        standard_page(home, "Veel tekst", introduction=many, body=many)
        standard_page(home, "Een speeltuin voor de kinderen van de buurt en de straat", body="Een verhaal.")
        scattered = "Een nieuw idee. Een bankje erbij. Nieuw is goed, en een bankje ook. " * 6
        standard_page(home, "Verspreid over de tekst", introduction=scattered, body=scattered)
        standard_page(home, "Als zin in de tekst", body="Er kwam een nieuw bankje.")

    def test_a_title_match_beats_a_body_full_of_the_word(self):
        self.assertEqual(
            titles(self.client, "speeltuin")[0], "Een speeltuin voor de kinderen van de buurt en de straat"
        )

    def test_the_phrase_beats_words_repeated_apart(self):
        self.assertEqual(
            titles(self.client, "nieuw bankje"), ["Als zin in de tekst", "Verspreid over de tekst"]
        )
