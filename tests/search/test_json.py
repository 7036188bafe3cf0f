"""The search URL with ``Accept: application/json`` answers the page's results as JSON."""

from django.test import TestCase

from tests.factories.knowledge import KnowledgeItemPageFactory, OrganisationFactory, build_site
from tests.utils import soup


class SearchJsonTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = build_site()
        cls.item = KnowledgeItemPageFactory(
            parent=site.knowledge_index,
            title="Koffieochtend in de wijk",
            introduction="Elke week koffie voor wie alleen is.",
            goal="",
            themes=[site.themes["eenzaamheid"]],
            organisation=OrganisationFactory(name="Movisie", slug="movisie"),
            year=2022,
        )
        for number in range(11):
            KnowledgeItemPageFactory(
                parent=site.knowledge_index, title=f"Koffie {number}", introduction="Ook koffie.", goal=""
            )

    def get(self, **params):
        response = self.client.get("/zoeken/", {"q": "koffie", **params}, HTTP_ACCEPT="application/json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        return response.json()

    def test_the_answer_has_the_documented_shape(self):
        data = self.get()

        self.assertEqual(
            set(data),
            {"query", "corrected_from", "also_searched", "total", "page", "results", "facets", "suggestion"},
        )
        self.assertEqual((data["query"], data["total"], data["page"]), ("koffie", 12, 1))
        self.assertEqual(len(data["results"]), 10)
        self.assertIsNone(data["suggestion"])
        self.assertIn("thema", data["facets"])

    def test_a_result_describes_the_page(self):
        # Every other page has "koffie" in its title: this one comes last, on page 2.
        result = self.get(page="2")["results"][-1]
        self.assertEqual(result["title"], "Koffieochtend in de wijk")

        self.assertEqual(result["url"], self.item.url)
        self.assertEqual(result["kind"], str(self.item.get_verbose_name()))
        self.assertEqual(result["summary"], "Elke week koffie voor wie alleen is.")
        self.assertEqual(result["themes"], ["Eenzaamheid"])
        self.assertEqual(result["organisation"], "Movisie")
        self.assertEqual(result["year"], 2022)
        self.assertIn("<mark>koffie</mark>", result["highlight"].lower())

    def test_the_order_and_pages_are_the_same_as_the_html_page(self):
        for page in ("1", "2"):
            html = soup(self.client.get("/zoeken/", {"q": "koffie", "page": page}))
            html_titles = [a.get_text() for a in html.select("main .card__title a")]
            json_titles = [r["title"] for r in self.get(page=page)["results"]]
            self.assertEqual(json_titles, html_titles)
        self.assertEqual(self.get(page="2")["page"], 2)

    def test_the_html_page_varies_on_accept_and_is_never_cached(self):
        response = self.client.get("/zoeken/", {"q": "koffie"})

        self.assertIn("Accept", response["Vary"])
        self.assertIn("no-cache", response["Cache-Control"])
        self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")

    def test_an_empty_query_answers_an_empty_result(self):
        data = self.client.get("/zoeken/", HTTP_ACCEPT="application/json").json()

        self.assertEqual((data["query"], data["total"], data["results"]), ("", 0, []))
