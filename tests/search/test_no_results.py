"""A search that finds nothing offers a way on: "bedoelde u", the themes, and popular searches."""

import datetime

from django.test import TestCase
from django.utils import timezone

from search.models import SearchQueryDay, SearchQueryVisitor
from tests.factories.knowledge import KnowledgeItemPageFactory, build_site
from tests.factories.translation import translate
from tests.utils import soup


def logged(language, query, searches, results, days_ago=0):
    """A query searched ``searches`` times that day, each time by another visitor."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    SearchQueryDay.objects.create(day=day, language=language, query=query, searches=searches, results=results)
    if results:  # as search.log.record keeps them: the visitors of searches that found something
        SearchQueryVisitor.objects.bulk_create(
            SearchQueryVisitor(day=day, language=language, query=query, visitor=f"bezoeker-{number}")
            for number in range(searches)
        )


class NoResultsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = build_site(theme_slugs=("eenzaamheid", "armoede-en-schulden"))
        KnowledgeItemPageFactory(parent=site.knowledge_index, title="Buurtkamer tegen eenzaamheid", goal="")
        translate(site.home)
        translate(site.theme_index)
        translate(site.themes["eenzaamheid"], {"Eenzaamheid": "Loneliness"})
        for number, query in enumerate(
            ["eenzaamheid", "buurtkamer", "schulden", "dorpshuis", "armoede", "wijk"]
        ):
            logged("nl", query, searches=10 - number, results=3)
        logged("nl", "zwembad", searches=50, results=0)  # popular, but it finds nothing
        logged("nl", "eenmalig", searches=2, results=2)  # two visitors' words
        logged("nl", "lang geleden", searches=99, results=4, days_ago=120)
        logged("en", "loneliness", searches=3, results=1)

    def popular(self, response):
        return [(a.get_text(), a["href"]) for a in soup(response).select("main .empty-state__popular a")]

    def test_the_dutch_page_offers_the_five_most_searched_queries_that_find_something(self):
        response = self.client.get("/zoeken/", {"q": "bestaatnietwoord"})

        self.assertEqual(
            self.popular(response),
            [
                ("eenzaamheid", "/zoeken/?q=eenzaamheid"),
                ("buurtkamer", "/zoeken/?q=buurtkamer"),
                ("schulden", "/zoeken/?q=schulden"),
                ("dorpshuis", "/zoeken/?q=dorpshuis"),
                ("armoede", "/zoeken/?q=armoede"),
            ],
        )

    def test_the_english_page_offers_english_searches(self):
        response = self.client.get("/en/search/", {"q": "nothingfound"})

        self.assertEqual(self.popular(response), [("loneliness", "/en/search/?q=loneliness")])
        themes = [a.get_text() for a in soup(response).select("main .empty-state__themes a")]
        self.assertEqual(themes, ["Loneliness"])

    def test_it_suggests_a_spelling_and_links_the_themes(self):
        # The words as typed (``letterlijk``): without it the correction answers at once.
        html = soup(self.client.get("/zoeken/", {"q": "buurtkamr", "letterlijk": "1"}))

        self.assertEqual(html.select_one(".search-suggestion a").get_text(), "buurtkamer")
        self.assertEqual(
            [a.get_text() for a in html.select("main .empty-state__themes a")],
            ["Eenzaamheid", "Armoede en schulden"],
        )

    def test_a_page_with_results_shows_no_popular_searches(self):
        response = self.client.get("/zoeken/", {"q": "buurtkamer"})

        self.assertEqual(self.popular(response), [])
        self.assertEqual(len(soup(response).select("main .card-list > li")), 1)
