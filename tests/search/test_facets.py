"""Facets narrow the results, combine with the query and each other, and count what they'd find."""

from django.test import TestCase

from knowledge.models import KnowledgeItemPage
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    PilotPageFactory,
    build_site,
    municipality,
)
from tests.search.helpers import result_titles
from tests.utils import soup


class FacetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = build_site()
        cls.site = site
        lonely, poor = site.themes["eenzaamheid"], site.themes["armoede-en-schulden"]
        movisie = OrganisationFactory(name="Movisie", slug="movisie")
        levels, kinds = KnowledgeItemPage.EvidenceLevel, KnowledgeItemPage.Kind

        def item(
            title, kind, themes, year, evidence=levels.WELL_DESCRIBED, text="Over het buurtnetwerk.", **kwargs
        ):
            return KnowledgeItemPageFactory(
                parent=site.knowledge_index,
                title=title,
                introduction=text,
                goal="",
                kind=kind,
                themes=themes,
                year=year,
                evidence_level=evidence,
                **kwargs,
            )

        item("Methode een", kinds.METHOD, [lonely], 2023, levels.EFFECTIVE, organisation=movisie)
        item("Methode twee", kinds.METHOD, [poor], 2021)
        item("Instrument een", kinds.TOOL, [lonely], 2023, municipality=municipality("Arnhem"))
        PilotPageFactory(
            parent=site.pilot_index, title="Pilot buurtnetwerk", aim="Een buurtnetwerk.", themes=[lonely]
        )
        NewsPageFactory(parent=site.news_index, title="Nieuws over het buurtnetwerk", themes=[poor])
        # Matches a facet but not the query: never counted.
        item("Ander onderwerp", kinds.METHOD, [lonely], 2023, text="Over de moestuin.")

    def titles(self, **params):
        return sorted(result_titles(self.client, "/zoeken/", "buurtnetwerk", **params))

    def facets(self, **params):
        response = self.client.get(
            "/zoeken/", {"q": "buurtnetwerk", **params}, HTTP_ACCEPT="application/json"
        )
        return {
            name: {option["value"]: option["count"] for option in options}
            for name, options in response.json()["facets"].items()
        }

    def test_a_theme_narrows_across_page_types(self):
        self.assertEqual(
            self.titles(thema="eenzaamheid"), ["Instrument een", "Methode een", "Pilot buurtnetwerk"]
        )

    def test_facets_combine_with_each_other(self):
        self.assertEqual(self.titles(thema="eenzaamheid", soort="method"), ["Methode een"])
        self.assertEqual(self.titles(soort="method", jaar="2021"), ["Methode twee"])
        self.assertEqual(self.titles(organisatie="movisie"), ["Methode een"])
        self.assertEqual(self.titles(gemeente="GM0202"), ["Instrument een", "Pilot buurtnetwerk"])
        self.assertEqual(self.titles(bewijs="effective"), ["Methode een"])
        self.assertEqual(self.titles(type="newspage"), ["Nieuws over het buurtnetwerk"])

    def test_counts_follow_the_query_and_the_other_facets(self):
        facets = self.facets()
        self.assertEqual(facets["thema"], {"eenzaamheid": 3, "armoede-en-schulden": 2})
        self.assertEqual(facets["soort"], {"method": 2, "tool": 1})
        self.assertEqual(facets["type"], {"knowledgeitempage": 3, "pilotpage": 1, "newspage": 1})

        narrowed = self.facets(soort="method")
        self.assertEqual(narrowed["thema"], {"eenzaamheid": 1, "armoede-en-schulden": 1})
        # A facet counts among what the others leave, not among its own choice.
        self.assertEqual(narrowed["soort"], {"method": 2, "tool": 1})

    def test_a_published_change_is_counted_at_once(self):
        self.facets()  # the facet table is read
        page = KnowledgeItemPage.objects.get(title="Methode twee")
        page.kind = KnowledgeItemPage.Kind.TOOL
        page.save_revision().publish()

        self.assertEqual(self.facets()["soort"], {"method": 1, "tool": 2})
        self.assertEqual(self.titles(soort="tool"), ["Instrument een", "Methode twee"])

    def test_an_unknown_value_is_ignored(self):
        self.assertEqual(len(self.titles(thema="bestaat-niet", jaar="abc", type="<script>")), 5)

    def test_the_form_works_without_javascript_and_keeps_the_query(self):
        response = self.client.get("/zoeken/", {"q": "buurtnetwerk", "thema": "eenzaamheid"})
        form = (
            soup(response).select_one("main form[action='/zoeken/'] select[name=thema]").find_parent("form")
        )

        self.assertEqual(form["method"], "get")
        self.assertEqual(form.select_one("input[name=q]")["value"], "buurtnetwerk")
        self.assertEqual(form.select_one("select[name=thema] option[selected]")["value"], "eenzaamheid")
        label = form.select_one("label[for=facet-thema]")
        self.assertIsNotNone(label)
        chip = soup(response).select_one("main .active-filters__chip")
        self.assertIn("q=buurtnetwerk", chip["href"])
        self.assertNotIn("thema=", chip["href"])

    def test_pagination_links_keep_the_query_and_the_facets(self):
        for number in range(12):
            KnowledgeItemPageFactory(
                parent=self.site.knowledge_index,
                title=f"Extra {number}",
                introduction="buurtnetwerk",
                goal="",
                kind=KnowledgeItemPage.Kind.TOOL,
            )
        response = self.client.get("/zoeken/", {"q": "buurtnetwerk", "soort": "tool"})
        next_link = soup(response).select_one("main a[rel=next]")["href"]

        self.assertIn("q=buurtnetwerk", next_link)
        self.assertIn("soort=tool", next_link)
