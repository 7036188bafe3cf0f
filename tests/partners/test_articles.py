"""A partner's approved articles: on its own page, and on the organisation's entry.

The organisation's entry is where a page names it: a knowledge item's source, a pilot's
supporting organisation, a news item's organisation. There a reader finds the partner's latest
articles (newest first, live and public ones only, in the page's language) and a link to the
partner's own page, which lists them all. A draft, an unpublished or a private article never
shows; neither does a programme article that merely names the organisation.
"""

import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.caching import bump_content_version
from knowledge.models import NewsPage
from partners.setup import set_up_partner
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    PilotPageFactory,
    build_site,
)
from tests.factories.translation import translate
from tests.utils import soup

PARTNER = NewsPage.Category.PARTNER


def entry(response):
    """The box "Artikelen van ..." on a page: (heading, [article titles], link to all), or None."""
    box = soup(response).select_one("main .partner-articles")
    if box is None:
        return None
    heading = box.find(["h2", "h3"]).get_text(" ", strip=True)
    titles = [item.a.get_text(strip=True) for item in box.select("ul li")]
    everything = box.select_one(".partner-articles__all a")
    return heading, titles, everything["href"] if everything else None


def listed_titles(response):
    return [link.get_text(strip=True) for link in soup(response).select("main .card__title a")]


class PartnerArticlesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=())
        cls.movisie = set_up_partner("Movisie")
        cls.platform = set_up_partner("Platform31")
        cls.organisation = cls.movisie.organisation
        cls.section = cls.movisie.section.specific

    def article(self, title, day, parent=None, **fields):
        fields.setdefault("category", PARTNER)
        fields.setdefault("organisation", self.organisation)
        return NewsPageFactory(
            parent=parent or self.section, title=title, date=datetime.date(2026, 11, day), **fields
        )

    def get(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response


class PartnerPageTests(PartnerArticlesTestCase):
    def test_the_partners_page_lists_its_articles_and_those_filed_for_it_newest_first(self):
        self.article("Buurtcirkels in Ede", 3)
        self.article("Eenzaamheid onder jongeren", 9, parent=self.tree.news_index)  # filed by an editor
        self.article("Schuldhulp dichtbij", 6)
        self.article("Concept over wijkteams", 12, live=False)
        self.article("Alleen voor de redactie", 11, parent=self.tree.news_index, category="programme")
        self.article(
            "Van Platform31", 10, parent=self.platform.section, organisation=self.platform.organisation
        )

        response = self.get(self.section.url)

        self.assertEqual(
            listed_titles(response),
            ["Eenzaamheid onder jongeren", "Schuldhulp dichtbij", "Buurtcirkels in Ede"],
        )

    def test_a_private_article_is_not_on_the_partners_page(self):
        self.article("Openbaar stuk", 3)
        private = self.article("Alleen met wachtwoord", 4)
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="geheim")

        self.assertEqual(listed_titles(self.get(self.section.url)), ["Openbaar stuk"])


class OrganisationEntryTests(PartnerArticlesTestCase):
    def test_a_knowledge_item_by_the_partner_shows_its_latest_three_articles_and_links_to_its_page(self):
        for title, day in (("Eerste", 1), ("Vierde", 4), ("Tweede", 2), ("Derde", 3)):
            self.article(title, day)
        self.article("Nog een concept", 20, live=False)
        private = self.article("Besloten verslag", 21)
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="geheim")
        self.article("Programmanieuws over Movisie", 22, parent=self.tree.news_index, category="programme")
        item = KnowledgeItemPageFactory(parent=self.tree.knowledge_index, organisation=self.organisation)

        heading, titles, everything = entry(self.get(item.url))

        self.assertEqual(heading, "Artikelen van Movisie")
        self.assertEqual(titles, ["Vierde", "Derde", "Tweede"])
        self.assertEqual(everything, self.section.url)

    def test_a_pilot_the_partner_supports_shows_its_articles(self):
        self.article("Lessen uit Tiel", 5)
        pilot = PilotPageFactory(parent=self.tree.pilot_index, organisation=self.organisation)

        self.assertEqual(entry(self.get(pilot.url))[1], ["Lessen uit Tiel"])

    def test_a_partner_article_shows_the_partners_other_articles_not_itself(self):
        older = self.article("Ouder stuk", 2)
        newest = self.article("Nieuwste stuk", 8)

        self.assertEqual(entry(self.get(newest.url))[1], ["Ouder stuk"])
        self.assertEqual(entry(self.get(older.url))[1], ["Nieuwste stuk"])

    def test_no_box_for_an_organisation_that_is_no_partner_or_has_no_articles_yet(self):
        other = OrganisationFactory(name="Nibud", slug="nibud")
        self.article("Nibud schrijft", 4, parent=self.tree.news_index, organisation=other)
        only = self.article("Het enige stuk", 5)
        for page in (
            KnowledgeItemPageFactory(parent=self.tree.knowledge_index, organisation=other),
            KnowledgeItemPageFactory(
                parent=self.tree.knowledge_index, organisation=self.platform.organisation
            ),
            KnowledgeItemPageFactory(parent=self.tree.knowledge_index),
            only,  # the partner's only article: nothing else to show
        ):
            with self.subTest(page=page.title):
                response = self.get(page.url)
                self.assertIsNone(entry(response))
                self.assertNotContains(response, "Artikelen van")

    def test_an_approved_article_appears_at_once_and_an_unpublished_one_goes(self):
        item = KnowledgeItemPageFactory(parent=self.tree.knowledge_index, organisation=self.organisation)
        self.article("Al gepubliceerd", 1)
        self.assertEqual(entry(self.get(item.url))[1], ["Al gepubliceerd"])  # now cached

        draft = self.article("Net goedgekeurd", 7, live=False)
        draft.save_revision().publish()
        self.assertEqual(entry(self.get(item.url))[1], ["Net goedgekeurd", "Al gepubliceerd"])

        draft.refresh_from_db()
        draft.unpublish()
        self.assertEqual(entry(self.get(item.url))[1], ["Al gepubliceerd"])


class EnglishEntryTests(PartnerArticlesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for page in (cls.tree.home, cls.tree.news_index, cls.tree.knowledge_index, cls.section):
            translate(page)
        cls.dutch_only = NewsPageFactory(
            parent=cls.section,
            title="Alleen in het Nederlands",
            category=PARTNER,
            organisation=cls.organisation,
        )
        translated = NewsPageFactory(
            parent=cls.section, title="Buurtcirkels", category=PARTNER, organisation=cls.organisation
        )
        cls.english_article = translate(translated, {"Buurtcirkels": "Neighbourhood circles"})
        cls.item = KnowledgeItemPageFactory(
            parent=cls.tree.knowledge_index, title="Buurtkracht", organisation=cls.organisation
        )
        cls.english_item = translate(cls.item, {"Buurtkracht": "Neighbourhood strength"})

    def test_english_readers_see_the_english_articles_and_the_english_partner_page(self):
        english_section = self.section.get_translation(self.english_item.locale)

        heading, titles, everything = entry(self.get(self.english_item.url))

        # The heading's English text comes with the next ``make messages``; the partner's name is there.
        self.assertIn("Movisie", heading)
        self.assertEqual(titles, ["Neighbourhood circles"])
        self.assertEqual(everything, english_section.url)
        self.assertEqual(listed_titles(self.get(english_section.url)), ["Neighbourhood circles"])

    def test_dutch_readers_see_the_dutch_articles(self):
        self.assertEqual(entry(self.get(self.item.url))[1], ["Buurtcirkels", "Alleen in het Nederlands"])


class NewsListingTests(PartnerArticlesTestCase):
    def test_a_partner_articles_card_names_the_partner(self):
        self.article("Buurtcirkels in Ede", 3)
        self.article("Programmanieuws", 4, parent=self.tree.news_index, category="programme")

        for url in ("/nieuws/?categorie=partner", self.section.url):
            with self.subTest(url=url):
                cards = soup(self.get(url)).select("main .card")
                partner_card = next(card for card in cards if "Buurtcirkels in Ede" in card.get_text())
                self.assertEqual(partner_card.select_one(".card__facts dd").get_text(strip=True), "Movisie")
        programme_card = next(
            card
            for card in soup(self.get("/nieuws/")).select("main .card")
            if "Programmanieuws" in card.get_text()
        )
        self.assertIsNone(programme_card.select_one(".card__facts"))


class QueryCountTests(PartnerArticlesTestCase):
    """The entry sits on hot pages: its cost does not grow with the partner's articles, and once
    cached it costs nothing."""

    def queries_for(self, url, stale=True):
        self.client.get(url)  # renditions, routing table
        if stale:
            bump_content_version()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries), response

    def test_few_or_many_articles_cost_the_same(self):
        item = KnowledgeItemPageFactory(parent=self.tree.knowledge_index, organisation=self.organisation)
        for day in (1, 2):
            self.article(f"Stuk {day}", day)
        with_two, _response = self.queries_for(item.url)

        for day in range(3, 25):
            self.article(f"Stuk {day}", day)
        with_many, response = self.queries_for(item.url)

        self.assertEqual(with_many, with_two)
        self.assertEqual(entry(response)[1], ["Stuk 24", "Stuk 23", "Stuk 22"])

    def test_once_cached_the_entry_costs_no_query(self):
        self.article("Stuk", 1)
        partner_item = KnowledgeItemPageFactory(
            parent=self.tree.knowledge_index, organisation=self.organisation
        )
        other_item = KnowledgeItemPageFactory(
            parent=self.tree.knowledge_index, organisation=OrganisationFactory()
        )
        self.client.get(other_item.url)

        with_entry, response = self.queries_for(partner_item.url, stale=False)
        without_entry, _response = self.queries_for(other_item.url, stale=False)

        self.assertIsNotNone(entry(response))
        self.assertEqual(with_entry, without_entry)
