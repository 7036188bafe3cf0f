"""``search.expansion``: what a query also means, piece by piece (the judged set tests the whole)."""

from django.test import SimpleTestCase, TestCase
from modelsearch.query import And, Or, Phrase, PlainText

from search import expansion
from search.models import SynonymGroup, parse_terms
from search.synonyms import table
from tests.factories.home import dutch_home
from tests.search.helpers import result_titles, standard_page

KNOWN = {
    "participatie": 9,
    "bewonersparticipatie": 4,
    "burgerparticipatie": 2,
    "participatieraad": 3,
    "bewoners": 12,
    "dorp": 20,
    "huis": 8,
    "dorpshuis": 6,
    "schuldhulpverlening": 1,
    "hulpverlening": 2,
    "schuld": 5,
    "wonen": 7,
    "bewonen": 1,
}


class CompoundTests(SimpleTestCase):
    backwards = sorted(word[::-1] for word in KNOWN)

    def test_a_word_finds_the_compounds_that_end_in_it_most_common_first(self):
        self.assertEqual(
            expansion.compounds_ending_in("participatie", KNOWN, self.backwards),
            ["bewonersparticipatie", "burgerparticipatie"],
        )
        # A compound that begins with the word is the prefix's job, not this one's.
        self.assertNotIn(
            "participatieraad", expansion.compounds_ending_in("participatie", KNOWN, self.backwards)
        )

    def test_a_short_word_or_a_first_part_of_two_letters_is_no_compound(self):
        self.assertEqual(expansion.compounds_ending_in("huis", KNOWN, self.backwards), [])
        self.assertEqual(expansion.compounds_ending_in("wonen", KNOWN, self.backwards), [])  # be-wonen

    def test_a_compound_splits_into_two_known_parts_with_a_linking_s(self):
        self.assertEqual(expansion.split("bewonersparticipatie", KNOWN), ("bewoners", "participatie"))
        self.assertEqual(expansion.split("dorpshuis", KNOWN), ("dorp", "huis"))
        self.assertEqual(expansion.split("schuldhulpverlening", KNOWN), ("schuld", "hulpverlening"))
        self.assertEqual(expansion.split("participatie", KNOWN), ())

    def test_synonym_terms_are_parsed_as_an_editor_types_them(self):
        self.assertEqual(
            parse_terms("Buurthuis, wijkcentrum ,, dorpshuis;\nBuurthuis"),
            ["buurthuis", "wijkcentrum", "dorpshuis"],
        )


class ExpandedQueryTests(TestCase):
    def test_a_phrase_in_the_synonym_list_is_one_term_both_ways(self):
        SynonymGroup.objects.all().delete()  # not the defaults: just this group
        SynonymGroup.objects.create(language="nl", words="mantelzorg, informele zorg")
        self.assertIn(("informele", "zorg"), table("nl")[("mantelzorg",)])

        found = expansion.slots(["informele", "zorg", "werk"], "nl", locale_id=0)
        self.assertEqual([slot.words for slot in found], [("informele", "zorg"), ("werk",)])
        self.assertEqual(found[0].synonyms, [("mantelzorg",)])
        query = expansion.expanded_query(found, "nl")
        self.assertIsInstance(query, And)
        first = query.subqueries[0]
        self.assertIsInstance(first, Or)
        self.assertIsInstance(first.subqueries[0], And)  # the words as typed, anywhere
        self.assertIn(
            "mantelzorg", [sub.query_string for sub in first.subqueries if isinstance(sub, PlainText)]
        )

        back = expansion.slots(["mantelzorg"], "nl", locale_id=0)
        self.assertEqual(back[0].synonyms, [("informele", "zorg")])
        phrases = [sub for sub in expansion.expanded_query(back, "nl").subqueries if isinstance(sub, Phrase)]
        self.assertEqual([phrase.query_string for phrase in phrases], ["informele zorg"])

    def test_a_query_without_anything_more_to_it_is_left_alone(self):
        found = expansion.slots(["zeppelinhaven"], "nl", locale_id=0)
        self.assertIsNone(expansion.expanded_query(found, "nl"))


class SynonymSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        standard_page(home, "Het wijkcentrum", body="Een plek voor de hele wijk.")
        standard_page(home, "Een buurthuis in Ede", body="Het buurthuis is elke dag open.")

    def test_the_word_itself_ranks_above_its_synonym_and_a_new_group_works_at_once(self):
        self.assertEqual(
            result_titles(self.client, "/zoeken/", "buurthuis"), ["Een buurthuis in Ede", "Het wijkcentrum"]
        )
        SynonymGroup.objects.filter(words__contains="wijkcentrum").delete()
        self.assertEqual(result_titles(self.client, "/zoeken/", "buurthuis"), ["Een buurthuis in Ede"])
        SynonymGroup.objects.create(language="nl", words="buurthuis, wijkcentrum")
        self.assertEqual(
            result_titles(self.client, "/zoeken/", "wijkcentrum"), ["Het wijkcentrum", "Een buurthuis in Ede"]
        )

    def test_an_english_group_does_not_apply_to_dutch(self):
        SynonymGroup.objects.filter(language="nl", words__contains="wijkcentrum").delete()
        SynonymGroup.objects.create(language="en", words="buurthuis, wijkcentrum")
        self.assertEqual(result_titles(self.client, "/zoeken/", "wijkcentrum"), ["Het wijkcentrum"])
