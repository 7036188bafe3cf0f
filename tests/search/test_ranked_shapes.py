"""On PostgreSQL the ranked query is compiled once per query shape and gives what the ORM gives.

``LanguageSearchBackend.ranked_ids`` compiles its SQL with stand-ins for the words and fills in
each search's words (``search/backends/postgres.py``, ``_Shape``). These tests search for queries
of one shape with different words, and of different shapes (one word, several, a synonym, a
compound, a phrase), and compare every answer with the queryset the ORM builds for the same
query, row for row; and they check that a second query of a shape compiles nothing new.
SQLite sorts in Python (``search.ranking._sorted_here``) and has no such shortcut.
"""

from django.test import TestCase
from django.utils import translation
from modelsearch.backends import get_search_backend
from modelsearch.query import Phrase
from wagtail.models import Page

from core.visibility import active_locale_id, visible
from search.backends import postgres as postgres_backend
from search.expansion import expanded_query, slots
from search.query import backend_query, terms
from search.ranking import MAX_MATCHES, TIE_BREAKS, ranked_ids
from tests.factories.home import dutch_home
from tests.search.helpers import ON_POSTGRES, standard_page

PAGES = [
    ("Het dorpshuis", "Vrijwilligers houden het dorpshuis open.", "Koffie voor ouderen."),
    ("Dorpshuizen in Gelderland", "Dorpshuizen zoeken vrijwilligers voor de bar.", ""),
    ("Buurthuis de Wiek", "Jongeren koken in het buurthuis.", "Sport en spel voor jongeren."),
    ("Sport in de buurt", "Jongeren sporten samen in de buurt.", "Met vrijwilligers van de club."),
    (
        "Eenzaamheid onder ouderen",
        "Een maatje tegen eenzaamheid.",
        "Ouderen ontmoeten elkaar in het dorpshuis.",
    ),
    ("Mantelzorgers", "Steun voor mantelzorgers in de wijk.", "Mantelzorg naast werk."),
    ("Corona en de buurt", "Na de coronatijd weer samen.", "Het dorpshuis ging weer open."),
    ("Een bankje op het plein", "Het plein kreeg een bankje.", ""),
    ("Koffie met een maatje", "Een maatje drinkt koffie met u.", ""),
]
# Pairs of one shape (the same number of words and spellings, no synonyms: words of fewer than
# ``search.query.PREFIX_FROM`` letters without a plural the stemmer misses), then other shapes.
SAME_SHAPE = [("bankje plein", "koffie maatje"), ("bankje", "koffie")]
OTHER_SHAPES = ["dorpshuizen", "mantelzorg", "eenzaamheid ouderen", "coronatijd", "jongeren sport buurt"]


class RankedShapeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        for title, introduction, body in PAGES:
            standard_page(home, title, introduction=introduction, body=body)

    def setUp(self):
        translation.activate("nl")
        self.addCleanup(translation.deactivate)
        self.backend = get_search_backend()
        self.locale_id = active_locale_id()
        self.pages = visible(Page.objects.filter(locale_id=self.locale_id))

    def both_ways(self, query):
        """``(ranked_ids' answer, the ORM queryset's answer)`` for ``query``, as ``rank`` asks it."""
        words = terms(query)
        phrase = Phrase(" ".join(words)) if len(words) > 1 else None
        literal = backend_query(words, "nl")
        expanded = expanded_query(slots(words, "nl", self.locale_id), "nl")
        searched, literal = (literal, None) if expanded is None else (expanded, literal)
        shortcut = self.backend.ranked_ids(
            self.pages, searched, phrase, then=TIE_BREAKS, limit=MAX_MATCHES, literal=literal
        )
        queryset = self.backend._ranked_queryset(
            self.pages, searched, phrase, then=TIE_BREAKS, literal=literal
        )
        return shortcut, self.backend._ranked_rows(queryset, MAX_MATCHES, literal)

    def test_every_query_gives_what_the_orm_gives(self):
        if not ON_POSTGRES:
            self.assertFalse(hasattr(self.backend, "ranked_ids"))
            return
        for query in [*(query for pair in SAME_SHAPE for query in pair), *OTHER_SHAPES]:
            with self.subTest(query=query):
                shortcut, orm = self.both_ways(query)
                self.assertTrue(orm, "the query should find something")
                self.assertEqual(shortcut, orm)

    def test_a_second_query_of_a_shape_compiles_nothing_new(self):
        if not ON_POSTGRES:
            # SQLite: the order comes from Python, the same for the same words every time.
            self.assertEqual(
                ranked_ids(self.pages, ["dorpshuis"], "nl"), ranked_ids(self.pages, ["dorpshuis"], "nl")
            )
            return
        for first, second in SAME_SHAPE:
            with self.subTest(first=first, second=second):
                self.both_ways(first)
                shapes = len(postgres_backend._RANKED_SQL)
                shortcut, orm = self.both_ways(second)
                self.assertEqual(len(postgres_backend._RANKED_SQL), shapes)
                self.assertEqual(shortcut, orm)
                self.assertNotEqual(shortcut, self.both_ways(first)[0], "other words, other pages")

    def test_a_word_with_a_quote_is_filled_in_as_modelsearch_quotes_it(self):
        """``search.query`` never passes a quote; the backend must still not break on one."""
        if not ON_POSTGRES:
            self.assertEqual(terms("dorpshuis'"), ["dorpshuis"])
            return
        found = self.backend.ranked_ids(
            self.pages, backend_query(["dorpshuis'"], "nl"), None, then=TIE_BREAKS, limit=MAX_MATCHES
        )
        queryset = self.backend._ranked_queryset(
            self.pages, backend_query(["dorpshuis'"], "nl"), None, then=TIE_BREAKS
        )
        self.assertEqual(found, self.backend._ranked_rows(queryset, MAX_MATCHES, None))
