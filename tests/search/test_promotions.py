"""Pages editors promote for a query come first, marked "Aanbevolen", once, in their own language."""

from django.test import TestCase
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.factories.home import dutch_home, site_settings
from tests.factories.translation import translate
from tests.search.helpers import standard_page
from tests.utils import soup


def promote(query_string, *pages):
    query = Query.get(query_string)
    for order, page in enumerate(pages):
        SearchPromotion.objects.create(query=query, page=page, sort_order=order)


class PromotionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        site_settings()
        cls.ranked = [standard_page(home, f"Subsidie voor dorpshuis {n}") for n in range(12)]
        # Says "subsidie" only in its text, so it would rank low: editors promote it.
        cls.regeling = standard_page(home, "Regeling leefbaarheid", body="Een subsidie voor bewoners.")
        cls.unrelated = standard_page(home, "Hulp bij schulden")
        cls.draft = standard_page(home, "Oude regeling", live=False)
        translate(home)
        cls.english = translate(cls.unrelated, {"Hulp bij schulden": "Help with debts"})
        promote("Subsidie", cls.regeling, cls.draft)
        promote("debts", cls.english, cls.unrelated)

    def json(self, url, query, **params):
        response = self.client.get(url, {"q": query, **params}, HTTP_ACCEPT="application/json")
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_a_dutch_promotion_comes_first_marked_and_only_once(self):
        data = self.json("/zoeken/", "subsidie")

        titles = [result["title"] for result in data["results"]]
        self.assertEqual(titles[0], "Regeling leefbaarheid")
        self.assertTrue(data["results"][0]["promoted"])
        self.assertFalse(any(result["promoted"] for result in data["results"][1:]))
        # Listed once in all: the ranked list lost it; the unpublished promotion is not shown.
        all_titles = titles + [r["title"] for r in self.json("/zoeken/", "subsidie", page="2")["results"]]
        self.assertEqual(all_titles.count("Regeling leefbaarheid"), 1)
        self.assertNotIn("Oude regeling", all_titles)
        self.assertEqual(data["total"], 13)

    def test_the_promotion_is_only_on_the_first_page(self):
        second = self.json("/zoeken/", "subsidie", page="2")

        self.assertFalse(any(result["promoted"] for result in second["results"]))
        self.assertNotIn("Regeling leefbaarheid", [r["title"] for r in second["results"]])

    def test_the_results_page_marks_it_aanbevolen(self):
        html = soup(self.client.get("/zoeken/", {"q": "  SUBSIDIE "}))

        first = html.select("main .card-list > li")[0]
        self.assertEqual(first.select_one(".card__title a").get_text(), "Regeling leefbaarheid")
        self.assertIn("Aanbevolen", first.select_one(".card__kicker").get_text())
        self.assertEqual(len(html.select("main .card__promoted")), 1)

    def test_an_english_promotion_shows_only_the_english_page(self):
        data = self.json("/en/search/", "debts")

        self.assertEqual([r["title"] for r in data["results"]], ["Help with debts"])
        self.assertTrue(data["results"][0]["promoted"])
        # Dutch readers get the Dutch page promoted for the same query, and only that one.
        self.assertEqual(
            [r["title"] for r in self.json("/zoeken/", "debts")["results"]], ["Hulp bij schulden"]
        )

    def test_searching_writes_nothing_into_wagtails_query_table(self):
        before = Query.objects.count()

        self.json("/zoeken/", "iets heel anders")

        self.assertEqual(Query.objects.count(), before)
