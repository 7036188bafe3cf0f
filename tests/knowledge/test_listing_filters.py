"""A reader narrows each overview with its filters and sees exactly the pages that match.

Every listing is checked the same way: which of its pages the reader finds linked from the
results, for each filter alone, for filters together (they AND), and for a value a stale or
hand-edited URL might carry (ignored, no error page).
"""

from django.test import TestCase

from knowledge.models import KnowledgeItemPage, NewsPage, PilotPage, SubsidyPage
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    PilotPageFactory,
    SubsidyPageFactory,
    build_site,
    municipality,
)
from tests.factories.translation import translate
from tests.utils import link_text, links_to, listed, query_of, selected_options, soup


def offered(response, name):
    """``{value: text}`` of the choices a filter's select offers, without its "all" choice."""
    select = soup(response).find("select", attrs={"name": name})
    if select is None:
        raise AssertionError(f'The page has no <select name="{name}">')
    return {
        option["value"]: " ".join(option.get_text().split()) for option in select("option") if option["value"]
    }


class ListingTestCase(TestCase):
    index_attribute = ""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        cls.index = getattr(cls.tree, cls.index_attribute)
        cls.themes = cls.tree.themes

    def get(self, **params):
        response = self.client.get(self.index.url, params)
        self.assertEqual(response.status_code, 200)
        return response

    def assertFinds(self, params, expected_titles):
        response = self.get(**params)
        self.assertEqual(listed(response, self.children), set(expected_titles), msg=f"filters {params}")

    @property
    def children(self):
        return self.index.get_children().specific()


class KnowledgeBaseFilterTests(ListingTestCase):
    index_attribute = "knowledge_index"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        movisie = OrganisationFactory(name="Movisie", slug="movisie")
        platform31 = OrganisationFactory(name="Platform31", slug="platform31")
        Kind, Evidence = KnowledgeItemPage.Kind, KnowledgeItemPage.EvidenceLevel
        for title, kind, theme, organisation, evidence in [
            ("Buurtcirkels", Kind.METHOD, "eenzaamheid", movisie, Evidence.EFFECTIVE),
            ("Schuldhulpmaatjes", Kind.METHOD, "armoede-en-schulden", platform31, Evidence.WELL_FOUNDED),
            (
                "Dorpshuis Doorwerth",
                Kind.GOOD_PRACTICE,
                "sociale-infrastructuur",
                None,
                Evidence.PRACTICE_EXAMPLE,
            ),
            ("Eenzaamheidsmeter", Kind.TOOL, "eenzaamheid", platform31, Evidence.WELL_DESCRIBED),
        ]:
            KnowledgeItemPageFactory(
                parent=cls.index,
                title=title,
                kind=kind,
                themes=[cls.themes[theme]],
                organisation=organisation,
                evidence_level=evidence,
            )

    def test_without_filters_every_item_is_listed(self):
        self.assertFinds(
            {}, {"Buurtcirkels", "Schuldhulpmaatjes", "Dorpshuis Doorwerth", "Eenzaamheidsmeter"}
        )

    def test_filter_by_kind(self):
        self.assertFinds({"soort": "method"}, {"Buurtcirkels", "Schuldhulpmaatjes"})
        self.assertFinds({"soort": "good_practice"}, {"Dorpshuis Doorwerth"})

    def test_filter_by_theme(self):
        self.assertFinds({"thema": "eenzaamheid"}, {"Buurtcirkels", "Eenzaamheidsmeter"})

    def test_filter_by_organisation(self):
        self.assertFinds({"organisatie": "platform31"}, {"Schuldhulpmaatjes", "Eenzaamheidsmeter"})

    def test_filter_by_evidence(self):
        self.assertFinds({"bewijs": "effective"}, {"Buurtcirkels"})

    def test_filters_together_narrow_further(self):
        self.assertFinds({"soort": "method", "thema": "eenzaamheid"}, {"Buurtcirkels"})
        self.assertFinds({"organisatie": "platform31", "soort": "tool"}, {"Eenzaamheidsmeter"})
        self.assertFinds({"soort": "good_practice", "thema": "eenzaamheid"}, set())

    def test_unknown_values_are_ignored(self):
        everything = {"Buurtcirkels", "Schuldhulpmaatjes", "Dorpshuis Doorwerth", "Eenzaamheidsmeter"}
        for params in (
            {"soort": "toverspreuk"},
            {"thema": "bestaat-niet"},
            {"organisatie": "onbekend"},
            {"bewijs": "100"},
            {"utm_source": "nieuwsbrief", "z": "junk"},
        ):
            with self.subTest(params=params):
                self.assertFinds(params, everything)

    def test_an_unknown_value_next_to_a_known_one_keeps_the_known_filter(self):
        self.assertFinds({"soort": "method", "thema": "bestaat-niet"}, {"Buurtcirkels", "Schuldhulpmaatjes"})

    def test_the_chosen_filters_stay_selected_and_each_can_be_removed(self):
        response = self.get(soort="method", thema="eenzaamheid")

        self.assertEqual(selected_options(response, "soort"), ["method"])
        self.assertEqual(selected_options(response, "thema"), ["eenzaamheid"])
        path = self.index.url
        # One link drops the kind and keeps the theme, one the other way round, one drops both.
        drop_kind = links_to(response, path, {"thema": "eenzaamheid"}, within="main")
        drop_theme = links_to(response, path, {"soort": "method"}, within="main")
        self.assertTrue(drop_kind)
        self.assertTrue(drop_theme)
        self.assertTrue(links_to(response, path, {}, within="main"))
        # Each of those links names the filter it removes.
        self.assertIn("Methode", link_text(response, drop_kind[0]))
        self.assertIn("Eenzaamheid", link_text(response, drop_theme[0]))

    def test_every_filter_offers_only_the_choices_that_find_something_with_their_counts(self):
        response = self.get()

        self.assertEqual(
            offered(response, "soort"),
            {"method": "Methode (2)", "good_practice": "Goed voorbeeld (1)", "tool": "Instrument (1)"},
        )
        self.assertEqual(
            offered(response, "thema"),
            {
                "eenzaamheid": "Eenzaamheid (2)",
                "armoede-en-schulden": "Armoede en schulden (1)",
                "sociale-infrastructuur": "Sociale infrastructuur (1)",
            },
        )
        self.assertEqual(
            offered(response, "organisatie"), {"movisie": "Movisie (1)", "platform31": "Platform31 (2)"}
        )
        self.assertEqual(len(offered(response, "bewijs")), 4)

    def test_no_filter_is_shown_as_chosen_without_parameters(self):
        response = self.get()

        self.assertEqual(selected_options(response, "soort"), [])
        self.assertEqual(selected_options(response, "thema"), [])
        self.assertFalse(links_to(response, self.index.url, {}, within="main"))


class KnowledgeBasePaginationTests(ListingTestCase):
    index_attribute = "knowledge_index"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Fourteen lonely-theme items: one more page than the twelve a listing page shows.
        for number in range(1, 15):
            KnowledgeItemPageFactory(
                parent=cls.index, title=f"Aanpak eenzaamheid {number:02d}", themes=[cls.themes["eenzaamheid"]]
            )
        for number in range(1, 4):
            KnowledgeItemPageFactory(
                parent=cls.index,
                title=f"Aanpak schulden {number:02d}",
                themes=[cls.themes["armoede-en-schulden"]],
            )

    def test_the_next_page_link_keeps_the_filter(self):
        response = self.get(thema="eenzaamheid")

        self.assertEqual(len(listed(response, self.children)), 12)
        self.assertTrue(
            links_to(response, self.index.url, {"thema": "eenzaamheid", "page": "2"}, within="main")
        )
        self.assertFalse(links_to(response, self.index.url, {"page": "2"}, within="main"))

    def test_the_second_page_holds_the_rest_of_the_filtered_items(self):
        response = self.get(thema="eenzaamheid", page="2")

        self.assertEqual(listed(response, self.children), {"Aanpak eenzaamheid 13", "Aanpak eenzaamheid 14"})
        self.assertEqual(selected_options(response, "thema"), ["eenzaamheid"])
        self.assertTrue(
            links_to(response, self.index.url, {"thema": "eenzaamheid", "page": "1"}, within="main")
        )


class PilotFilterTests(ListingTestCase):
    index_attribute = "pilot_index"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        Status = PilotPage.Status
        for title, place, theme, status in [
            ("Samen in Malburgen", "Arnhem", "sociale-infrastructuur", Status.RUNNING),
            ("Schulden de baas", "Ede", "armoede-en-schulden", Status.COMPLETED),
            ("Ontmoeten in Tiel", "Tiel", "eenzaamheid", Status.PLANNED),
            ("Arnhem-Noord verbindt", "Arnhem", "eenzaamheid", Status.COMPLETED),
        ]:
            PilotPageFactory(
                parent=cls.index,
                title=title,
                municipality=municipality(place),
                themes=[cls.themes[theme]],
                status=status,
            )

    def test_filter_by_municipality(self):
        arnhem = municipality("Arnhem").cbs_code
        self.assertFinds({"gemeente": arnhem}, {"Samen in Malburgen", "Arnhem-Noord verbindt"})

    def test_filter_by_theme(self):
        self.assertFinds({"thema": "eenzaamheid"}, {"Ontmoeten in Tiel", "Arnhem-Noord verbindt"})

    def test_filter_by_status(self):
        self.assertFinds({"status": "completed"}, {"Schulden de baas", "Arnhem-Noord verbindt"})
        self.assertFinds({"status": "planned"}, {"Ontmoeten in Tiel"})

    def test_filters_together_narrow_further(self):
        arnhem = municipality("Arnhem").cbs_code
        self.assertFinds({"gemeente": arnhem, "status": "completed"}, {"Arnhem-Noord verbindt"})
        self.assertFinds({"gemeente": arnhem, "thema": "armoede-en-schulden"}, set())

    def test_unknown_values_are_ignored(self):
        everything = {"Samen in Malburgen", "Schulden de baas", "Ontmoeten in Tiel", "Arnhem-Noord verbindt"}
        for params in ({"gemeente": "GM9999"}, {"status": "stilgelegd"}, {"thema": "x"}):
            with self.subTest(params=params):
                self.assertFinds(params, everything)

    def test_the_municipality_filter_offers_only_municipalities_with_pilots_with_their_counts(self):
        arnhem, ede, tiel = (municipality(name).cbs_code for name in ("Arnhem", "Ede", "Tiel"))

        self.assertEqual(
            offered(self.get(), "gemeente"), {arnhem: "Arnhem (2)", ede: "Ede (1)", tiel: "Tiel (1)"}
        )

    def test_each_filter_counts_what_the_other_chosen_filters_leave(self):
        arnhem, ede = (municipality(name).cbs_code for name in ("Arnhem", "Ede"))
        response = self.get(status="completed")

        self.assertEqual(offered(response, "gemeente"), {arnhem: "Arnhem (1)", ede: "Ede (1)"})
        self.assertEqual(
            offered(response, "thema"),
            {"eenzaamheid": "Eenzaamheid (1)", "armoede-en-schulden": "Armoede en schulden (1)"},
        )
        # A filter's own choices leave it out, so the reader can switch to another status.
        self.assertEqual(
            offered(response, "status"),
            {"planned": "In voorbereiding (1)", "running": "Loopt (1)", "completed": "Afgerond (2)"},
        )

    def test_a_chosen_value_without_results_stays_offered_and_selected(self):
        response = self.get(gemeente=municipality("Arnhem").cbs_code, thema="armoede-en-schulden")

        self.assertEqual(offered(response, "thema")["armoede-en-schulden"], "Armoede en schulden (0)")
        self.assertEqual(selected_options(response, "thema"), ["armoede-en-schulden"])

    def test_the_chosen_municipality_stays_selected(self):
        ede = municipality("Ede").cbs_code
        response = self.get(gemeente=ede)

        self.assertEqual(selected_options(response, "gemeente"), [ede])
        self.assertTrue(links_to(response, self.index.url, {}, within="main"))


class MeetingFilterTests(ListingTestCase):
    index_attribute = "meeting_index"
    upcoming = {"Intervisie eenzaamheid", "Schulden en armoede"}
    past = {"Terugblik dorpshuizen", "Eenzaamheid in de winter"}

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for title, days, theme in [
            ("Intervisie eenzaamheid", 14, "eenzaamheid"),
            ("Schulden en armoede", 30, "armoede-en-schulden"),
            ("Terugblik dorpshuizen", -30, "sociale-infrastructuur"),
            ("Eenzaamheid in de winter", -60, "eenzaamheid"),
        ]:
            MeetingPageFactory(parent=cls.index, title=title, days=days, themes=[cls.themes[theme]])

    def view_links(self, response):
        """``{link text: href}`` of the links that switch between coming, earlier and all meetings."""
        nav = soup(response).find("nav", attrs={"aria-label": "Wanneer"})
        self.assertIsNotNone(nav, "The leernetwerk has no links to its coming and earlier meetings")
        return {" ".join(a.get_text(" ").split()): a for a in nav.find_all("a")}

    def test_without_a_choice_the_reader_sees_the_coming_meetings(self):
        self.assertFinds({}, self.upcoming)
        self.assertFinds({"wanneer": "upcoming"}, self.upcoming)

    def test_past_meetings(self):
        self.assertFinds({"wanneer": "past"}, self.past)

    def test_earlier_meetings_are_one_click_away_and_all_meetings_too(self):
        links = self.view_links(self.get())

        self.assertEqual(
            list(links), ["Komende bijeenkomsten (2)", "Eerdere bijeenkomsten (2)", "Alle bijeenkomsten"]
        )
        self.assertEqual(links["Komende bijeenkomsten (2)"].get("aria-current"), "page")
        earlier = self.client.get(links["Eerdere bijeenkomsten (2)"]["href"])
        self.assertEqual(listed(earlier, self.children), self.past)
        self.assertEqual(self.view_links(earlier)["Eerdere bijeenkomsten (2)"].get("aria-current"), "page")
        everything = self.client.get(links["Alle bijeenkomsten"]["href"])
        self.assertEqual(listed(everything, self.children), self.upcoming | self.past)

    def test_the_home_page_link_to_all_meetings_lands_on_the_coming_ones(self):
        home = self.client.get("/")
        (href,) = [
            a["href"] for a in soup(home).find_all("a") if a.get_text(strip=True) == "Alle bijeenkomsten"
        ]

        response = self.client.get(href)

        self.assertEqual(listed(response, self.children), self.upcoming)

    def test_filter_by_theme(self):
        self.assertFinds({"thema": "eenzaamheid"}, {"Intervisie eenzaamheid"})
        self.assertFinds(
            {"thema": "eenzaamheid", "wanneer": "alle"},
            {"Intervisie eenzaamheid", "Eenzaamheid in de winter"},
        )

    def test_filters_together_narrow_further(self):
        self.assertFinds({"wanneer": "past", "thema": "eenzaamheid"}, {"Eenzaamheid in de winter"})
        self.assertFinds({"wanneer": "upcoming", "thema": "sociale-infrastructuur"}, set())

    def test_a_theme_chosen_among_earlier_meetings_keeps_them_earlier(self):
        response = self.get(wanneer="past")

        form = soup(response).find("form", attrs={"aria-labelledby": "filter-form-title"})
        self.assertEqual(form.find("input", attrs={"name": "wanneer"})["value"], "past")
        # The views keep the chosen theme, and the theme's removal keeps the view.
        links = self.view_links(self.get(wanneer="past", thema="eenzaamheid"))
        self.assertEqual(query_of(links["Komende bijeenkomsten (1)"]["href"]), {"thema": ["eenzaamheid"]})
        self.assertTrue(
            links_to(self.get(wanneer="past", thema="eenzaamheid"), self.index.url, {"wanneer": "past"})
        )

    def test_unknown_values_are_ignored(self):
        for params in ({"wanneer": "morgen"}, {"thema": "onbekend"}):
            with self.subTest(params=params):
                self.assertFinds(params, self.upcoming)

    def test_the_chosen_period_stays_selected(self):
        links = self.view_links(self.get(wanneer="past"))

        self.assertEqual(
            [text for text, link in links.items() if link.get("aria-current")], ["Eerdere bijeenkomsten (2)"]
        )


class NewsFilterTests(ListingTestCase):
    index_attribute = "news_index"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        Category = NewsPage.Category
        for title, category, theme in [
            ("Monitor 2024 verschenen", Category.MONITOR, "eenzaamheid"),
            ("Alliantie start werkgroep", Category.ALLIANCE, "sociale-infrastructuur"),
            ("Nieuwe pilot in Tiel", Category.PILOT, "eenzaamheid"),
            ("Programmaplan 2025", Category.PROGRAMME, "armoede-en-schulden"),
        ]:
            NewsPageFactory(parent=cls.index, title=title, category=category, themes=[cls.themes[theme]])

    def test_filter_by_category(self):
        self.assertFinds({"categorie": "monitor"}, {"Monitor 2024 verschenen"})
        self.assertFinds({"categorie": "alliance"}, {"Alliantie start werkgroep"})

    def test_filter_by_theme(self):
        self.assertFinds({"thema": "eenzaamheid"}, {"Monitor 2024 verschenen", "Nieuwe pilot in Tiel"})

    def test_filters_together_narrow_further(self):
        self.assertFinds({"categorie": "pilot", "thema": "eenzaamheid"}, {"Nieuwe pilot in Tiel"})
        self.assertFinds({"categorie": "partner", "thema": "eenzaamheid"}, set())

    def test_unknown_values_are_ignored(self):
        everything = {
            "Monitor 2024 verschenen",
            "Alliantie start werkgroep",
            "Nieuwe pilot in Tiel",
            "Programmaplan 2025",
        }
        for params in ({"categorie": "roddels"}, {"thema": "onbekend"}):
            with self.subTest(params=params):
                self.assertFinds(params, everything)

    def test_the_chosen_category_stays_selected(self):
        response = self.get(categorie="monitor")

        self.assertEqual(selected_options(response, "categorie"), ["monitor"])
        self.assertTrue(links_to(response, self.index.url, {}, within="main"))


class SubsidyFilterTests(ListingTestCase):
    index_attribute = "subsidy_index"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        Status = SubsidyPage.Status
        for title, status in [
            ("Regeling dorpshuizen", Status.OPEN),
            ("Fonds buurtinitiatieven", Status.UPCOMING),
            ("Oude regeling 2022", Status.CLOSED),
        ]:
            SubsidyPageFactory(parent=cls.index, title=title, status=status)

    def test_filter_by_status(self):
        self.assertFinds({"status": "open"}, {"Regeling dorpshuizen"})
        self.assertFinds({"status": "upcoming"}, {"Fonds buurtinitiatieven"})
        self.assertFinds({"status": "closed"}, {"Oude regeling 2022"})

    def test_unknown_values_are_ignored(self):
        self.assertFinds(
            {"status": "misschien"}, {"Regeling dorpshuizen", "Fonds buurtinitiatieven", "Oude regeling 2022"}
        )

    def test_the_chosen_status_stays_selected(self):
        response = self.get(status="closed")

        self.assertEqual(selected_options(response, "status"), ["closed"])
        self.assertTrue(links_to(response, self.index.url, {}, within="main"))


class EnglishThemeFilterTests(TestCase):
    """English pages keep pointing at the Dutch theme pages; the filter still finds them."""

    @classmethod
    def setUpTestData(cls):
        tree = build_site()
        loneliness_item = KnowledgeItemPageFactory(
            parent=tree.knowledge_index, title="Buurtcirkels", themes=[tree.themes["eenzaamheid"]]
        )
        debt_item = KnowledgeItemPageFactory(
            parent=tree.knowledge_index,
            title="Schuldhulpmaatjes",
            themes=[tree.themes["armoede-en-schulden"]],
        )
        translate(tree.home)
        translate(tree.theme_index)
        translate(tree.themes["eenzaamheid"], {"Eenzaamheid": "Loneliness"})
        translate(tree.themes["armoede-en-schulden"], {"Armoede en schulden": "Poverty and debt"})
        cls.english_index = translate(tree.knowledge_index, {"Kennisbank": "Knowledge base"})
        cls.english_items = [
            translate(loneliness_item, {"Buurtcirkels": "Neighbourhood circles"}),
            translate(debt_item, {"Schuldhulpmaatjes": "Debt buddies"}),
        ]

    def test_the_english_theme_filter_finds_the_english_items(self):
        response = self.client.get(self.english_index.url, {"thema": "eenzaamheid"})

        self.assertEqual(response.status_code, 200)
        self.assertEqual(listed(response, self.english_items), {"Neighbourhood circles"})
        self.assertEqual(selected_options(response, "thema"), ["eenzaamheid"])

    def test_the_english_theme_filter_offers_the_english_theme_names(self):
        response = self.client.get(self.english_index.url)

        self.assertContains(response, "Loneliness")
        self.assertContains(response, "Poverty and debt")
        self.assertEqual(listed(response, self.english_items), {"Neighbourhood circles", "Debt buddies"})
