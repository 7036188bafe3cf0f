"""A search costs the same number of queries for 5 matching items as for 100, with or without
facets: the facets count their choices without a query, never one per choice or item.

Each test counts the queries of a search over five items, adds 95 more, and expects the same
count; then it reads the facet form as a visitor does and checks the numbers shown.
"""

import re

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from core.caching import bump_content_version
from knowledge.models import KnowledgeItemPage
from tests.factories.knowledge import KnowledgeItemPageFactory, OrganisationFactory, build_site, municipality
from tests.utils import soup

KINDS = [KnowledgeItemPage.Kind.METHOD, KnowledgeItemPage.Kind.TOOL, KnowledgeItemPage.Kind.PUBLICATION]
LEVELS = [KnowledgeItemPage.EvidenceLevel.EFFECTIVE, KnowledgeItemPage.EvidenceLevel.WELL_DESCRIBED]
YEARS = [2021, 2022, 2023, 2024]
# The first search after a content change (what the tests measure: a later one with the same words
# reads its ranking and results from the cache): the site-wide tables it needs once per content
# version (synonyms, the suggestion vocabulary, the facet table: choices, themes, organisations,
# municipalities), the ranking, the promotions, the page of results, the highlights. Bounded so
# that a new query per facet shows up here, not in production; the 5-against-100 comparison
# catches one per result.
MAX_QUERIES = 24


class SearchQueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        cls.themes = [cls.tree.themes["eenzaamheid"], cls.tree.themes["armoede-en-schulden"]]
        cls.organisations = [
            OrganisationFactory(name="Movisie", slug="movisie"),
            OrganisationFactory(name="Platform31", slug="platform31"),
        ]
        cls.places = [municipality("Arnhem"), municipality("Ede")]
        cls.made = []

    def add_items(self, count):
        for _ in range(count):
            n = len(self.made)
            self.made.append(
                KnowledgeItemPageFactory(
                    parent=self.tree.knowledge_index,
                    title=f"Aanpak {n}",
                    introduction="Samen tegen eenzaamheid in de buurtkamer.",
                    goal="",
                    kind=KINDS[n % len(KINDS)],
                    evidence_level=LEVELS[n % len(LEVELS)],
                    year=YEARS[n % len(YEARS)],
                    themes=[self.themes[n % 2]],
                    organisation=self.organisations[n % 2],
                    municipality=self.places[n % 2] if n % 3 == 0 else None,
                )
            )

    def queries_for(self, params):
        # A new content version, as publishing the items starts (the factories publish without
        # one): the measured search ranks, loads its results and reads the facet table afresh. A
        # request for another page fills the caches every page reads (the sites, the menu).
        bump_content_version()
        self.client.get("/")
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/zoeken/", params)
        self.assertEqual(response.status_code, 200)
        # A copy: the context reads Django's query log, which drops its oldest entries after 9,000.
        return list(queries.captured_queries)

    def assert_same_queries_for_5_and_100(self, params):
        self.add_items(5)
        with_five = self.queries_for(params)
        self.assertLessEqual(len(with_five), MAX_QUERIES, "\n".join(q["sql"][:160] for q in with_five))

        self.add_items(95)
        with_hundred = self.queries_for(params)
        self.assertEqual(len(with_hundred), len(with_five), "\n".join(q["sql"][:160] for q in with_hundred))
        return self.client.get("/zoeken/", params), with_five

    def shown_counts(self, response, name):
        """``{option value: the number in its label}`` of the facet ``name``'s select."""
        options = soup(response).select(f"main select[name={name}] option")
        counts = {}
        for option in options:
            found = re.search(r"\((\d+)\)$", option.get_text(strip=True))
            if option["value"] and found:
                counts[option["value"]] = int(found.group(1))
        return counts

    def expected(self, attribute, items):
        counts = {}
        for item in items:
            for value in attribute(item):
                counts[value] = counts.get(value, 0) + 1
        return counts

    def test_a_search_without_facets(self):
        response, _queries = self.assert_same_queries_for_5_and_100({"q": "buurtkamer"})

        items = self.made
        self.assertContains(response, "100 resultaten")
        self.assertEqual(self.shown_counts(response, "soort"), self.expected(lambda i: [i.kind], items))
        self.assertEqual(
            self.shown_counts(response, "bewijs"), self.expected(lambda i: [i.evidence_level], items)
        )
        self.assertEqual(self.shown_counts(response, "jaar"), self.expected(lambda i: [str(i.year)], items))
        self.assertEqual(self.shown_counts(response, "thema"), {"eenzaamheid": 50, "armoede-en-schulden": 50})
        self.assertEqual(self.shown_counts(response, "organisatie"), {"movisie": 50, "platform31": 50})
        self.assertEqual(
            self.shown_counts(response, "gemeente"),
            self.expected(lambda i: [i.municipality.cbs_code] if i.municipality else [], items),
        )

    def test_a_search_with_facets(self):
        params = {"q": "buurtkamer", "thema": "eenzaamheid", "soort": "method", "jaar": "2021"}
        response, _queries = self.assert_same_queries_for_5_and_100(params)

        themed = [item for item in self.made if item.themes.first() == self.themes[0]]
        # Each facet counts among what the other chosen facets leave.
        kinds = self.expected(lambda i: [i.kind], [i for i in themed if i.year == 2021])
        years = self.expected(lambda i: [str(i.year)], [i for i in themed if i.kind == "method"])
        found = [i for i in themed if i.kind == "method" and i.year == 2021]
        self.assertEqual(self.shown_counts(response, "soort"), kinds)
        self.assertEqual(self.shown_counts(response, "jaar"), years)
        self.assertEqual(
            self.shown_counts(response, "bewijs"), self.expected(lambda i: [i.evidence_level], found)
        )
        self.assertContains(response, f"{len(found)} resultaten")

    def test_choosing_facets_costs_no_query_more(self):
        self.add_items(5)
        plain = self.queries_for({"q": "buurtkamer"})
        chosen = self.queries_for(
            {"q": "buurtkamer", "thema": "eenzaamheid", "soort": "method", "bewijs": "effective"}
        )

        # The seven facets narrow and count in Python, however many are chosen
        # (search.facets.FacetCounts).
        self.assertEqual(len(chosen), len(plain), "\n".join(q["sql"][:200] for q in chosen))


class RepeatedSearchTests(TestCase):
    """The same words again (a popular query, the next page, the way back from a result) reuse the
    ranking and the result pages until the content changes; a publish is found at once."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        for n in range(12):
            KnowledgeItemPageFactory(
                parent=cls.tree.knowledge_index, title=f"Buurtkamer {n}", introduction="Een buurtkamer."
            )

    def titles(self, response):
        return [link.get_text(strip=True) for link in soup(response).select("main .card__title a")]

    def test_the_same_search_again_asks_no_ranking_and_no_pages(self):
        bump_content_version()
        first = self.client.get("/zoeken/", {"q": "buurtkamer"})
        with CaptureQueriesContext(connection) as queries:
            again = self.client.get("/zoeken/", {"q": "buurtkamer"})
        sql = "\n".join(query["sql"] for query in queries.captured_queries)
        self.assertNotIn("wagtailsearch_indexentry_fts", sql)  # no ranking
        self.assertNotIn("knowledge_knowledgeitempage", sql)  # no result pages
        self.assertEqual(self.titles(again), self.titles(first))
        self.assertEqual(len(self.titles(again)), 10)
        # The second page of results is its own, and kept too.
        second_page = self.titles(self.client.get("/zoeken/", {"q": "buurtkamer", "page": 2}))
        self.assertEqual(len(second_page), 2)
        self.assertFalse(set(second_page) & set(self.titles(first)))

    def test_a_page_published_after_the_search_is_found_by_the_next_one(self):
        self.client.get("/zoeken/", {"q": "buurtkamer"})
        draft = KnowledgeItemPageFactory.build(
            title="De nieuwste buurtkamer", introduction="Buurtkamer.", live=False
        )
        self.tree.knowledge_index.add_child(instance=draft)
        draft.save_revision().publish()

        response = self.client.get("/zoeken/", {"q": "buurtkamer"})

        self.assertContains(response, "13 resultaten")
