"""The kennisbank finds items by words (the site search, within its items), combined with its
filters, sorts them, keeps both in its links, and shows each item's costs."""

from django.test import TestCase

from knowledge.models import KnowledgeItemPage
from tests.factories.knowledge import KnowledgeItemPageFactory, build_site
from tests.utils import soup


class KennisbankSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        index = cls.tree.knowledge_index
        lonely = cls.tree.themes["eenzaamheid"]
        cls.buurtkamer = KnowledgeItemPageFactory(
            parent=index,
            title="Buurtkamer",
            introduction="Een huiskamer in de wijk met koffie.",
            kind=KnowledgeItemPage.Kind.METHOD,
            themes=[lonely],
            conditions_and_costs="<p>Een ruimte en vrijwilligers; ongeveer 2.000 euro per jaar.</p>",
        )
        cls.koffie_tool = KnowledgeItemPageFactory(
            parent=index,
            title="Anders koffie schenken",
            introduction="Een instrument voor koffieochtenden.",
            kind=KnowledgeItemPage.Kind.TOOL,
            themes=[lonely],
        )
        cls.other = KnowledgeItemPageFactory(parent=index, title="Schuldhulp", introduction="Over geld.")
        cls.url = index.url

    def get(self, **params):
        response = self.client.get(self.url, params)
        self.assertEqual(response.status_code, 200)
        return response

    def titles(self, response):
        return [h.get_text(strip=True) for h in soup(response).select("main .card-grid .card__title")]

    def test_words_find_items_best_first_and_combine_with_filters(self):
        self.assertEqual(self.titles(self.get(q="koffie")), ["Anders koffie schenken", "Buurtkamer"])
        self.assertEqual(self.titles(self.get(q="koffie", soort="method")), ["Buurtkamer"])
        page = soup(self.get(q="koffie"))
        self.assertEqual(page.select_one("#kennisbank-q")["value"], "koffie")
        self.assertIn("2 resultaten voor ‘koffie’", page.select_one("#listing-count").get_text())
        # The filter form keeps the words.
        form = page.find("form", attrs={"aria-labelledby": "filter-form-title"})
        self.assertEqual(form.find("input", attrs={"name": "q"})["value"], "koffie")

    def test_sort_orders_and_the_form_keeps_words_and_filters(self):
        self.assertEqual(
            self.titles(self.get(sorteer="titel")), ["Anders koffie schenken", "Buurtkamer", "Schuldhulp"]
        )
        newest = self.titles(self.get(sorteer="nieuw"))
        self.assertEqual(newest[0], "Schuldhulp")
        form = soup(self.get(q="koffie", thema="eenzaamheid")).find(
            "form", attrs={"aria-labelledby": "filter-form-title"}
        )
        sort = form.find("select", attrs={"name": "sorteer"})
        options = {o.get_text(strip=True): o.get("value") for o in sort.find_all("option")}
        self.assertEqual(
            options, {"Beste match": "relevantie", "Titel A–Z": "titel", "Nieuwste eerst": "nieuw"}
        )
        self.assertEqual(sort.find("option", selected=True).get_text(strip=True), "Beste match")
        self.assertEqual(form.find("input", attrs={"name": "q"})["value"], "koffie")
        # Without words there is no best match to offer.
        sort = soup(self.get()).find("select", attrs={"name": "sorteer"})
        self.assertNotIn("Beste match", sort.get_text())

    def test_pagination_keeps_words_and_sort(self):
        for n in range(14):
            KnowledgeItemPageFactory(parent=self.tree.knowledge_index, title=f"Koffie {n:02}")
        page = soup(self.get(q="koffie", sorteer="titel"))
        next_link = page.select_one(".pagination__link--next")["href"]
        self.assertIn("q=koffie", next_link)
        self.assertIn("sorteer=titel", next_link)

    def test_odd_input_never_fails(self):
        for params in (
            {"sorteer": "garbage"},
            {"sorteer": "relevantie"},
            {"q": "koffie" * 500},
            {"q": '"\x00 OR ( -*'},
            {"q": "koffie", "sorteer": "'; drop"},
            {"q": "   "},
        ):
            self.get(**params)
        self.assertEqual(self.titles(self.get(sorteer="garbage"))[0], "Anders koffie schenken")

    def test_the_card_shows_the_costs(self):
        card = next(
            c for c in soup(self.get()).select("main .card-grid .card") if "Buurtkamer" in c.get_text()
        )
        self.assertIn("ongeveer 2.000 euro per jaar", card.get_text())
        self.assertIn("Voorwaarden en kosten", card.get_text())
