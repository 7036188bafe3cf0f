"""A reader scans each overview from the top: the order of its cards is part of what it promises.

Pages are created in an order that is neither the promised one nor its reverse, so a listing that
sorted by creation, by the wrong field or the wrong way round shows a different sequence of titles.
"""

import datetime

from django.test import TestCase
from django.utils import timezone

from knowledge.models import SubsidyPage
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    PilotPageFactory,
    SubsidyPageFactory,
    ThemePageFactory,
    build_site,
)
from tests.utils import card_titles


class ListingOrderTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()

    def titles_on(self, page, **params):
        response = self.client.get(page.url, params)
        self.assertEqual(response.status_code, 200)
        return card_titles(response)


class KnowledgeBaseOrderTests(ListingOrderTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for title in ("Maatjesproject", "Wijkteams", "Buurtcirkels", "Eenzaamheidsmeter"):
            KnowledgeItemPageFactory(parent=cls.tree.knowledge_index, title=title)

    def test_a_reader_finds_the_knowledge_base_in_alphabetical_order(self):
        self.assertEqual(
            self.titles_on(self.tree.knowledge_index),
            ["Buurtcirkels", "Eenzaamheidsmeter", "Maatjesproject", "Wijkteams"],
        )


class PilotOrderTests(ListingOrderTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for title, start in [
            ("Schulden de baas", datetime.date(2023, 6, 1)),
            ("Ontmoeten in Tiel", datetime.date(2022, 3, 1)),
            ("Samen in Malburgen", datetime.date(2024, 1, 15)),
            ("Arnhem-Noord verbindt", datetime.date(2023, 6, 1)),
            ("Aanloop in Zutphen", None),
        ]:
            PilotPageFactory(parent=cls.tree.pilot_index, title=title, start_date=start)

    def test_a_reader_sees_the_pilots_that_started_most_recently_first(self):
        # Two pilots that started on the same day stand in alphabetical order; a pilot without a
        # start date comes last on SQLite and PostgreSQL alike (their default NULL order differs).
        self.assertEqual(
            self.titles_on(self.tree.pilot_index),
            [
                "Samen in Malburgen",
                "Arnhem-Noord verbindt",
                "Schulden de baas",
                "Ontmoeten in Tiel",
                "Aanloop in Zutphen",
            ],
        )


class MeetingOrderTests(ListingOrderTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for title, days in [
            ("Intervisie armoede", 30),
            ("Terugblik dorpshuizen", -10),
            ("Kennismaking leernetwerk", 5),
            ("Startbijeenkomst", -60),
            ("Werksessie eenzaamheid", 14),
            ("Verslag voorjaar", -30),
        ]:
            MeetingPageFactory(parent=cls.tree.meeting_index, title=title, days=days)

    def test_a_reader_asking_for_all_meetings_sees_the_next_one_first_and_past_ones_after(self):
        # Past meetings count back from the most recent one: that is the report a reader wants.
        self.assertEqual(
            self.titles_on(self.tree.meeting_index, wanneer="alle"),
            [
                "Kennismaking leernetwerk",
                "Werksessie eenzaamheid",
                "Intervisie armoede",
                "Terugblik dorpshuizen",
                "Verslag voorjaar",
                "Startbijeenkomst",
            ],
        )

    def test_a_reader_asking_for_earlier_meetings_sees_the_most_recent_one_first(self):
        self.assertEqual(
            self.titles_on(self.tree.meeting_index, wanneer="past"),
            ["Terugblik dorpshuizen", "Verslag voorjaar", "Startbijeenkomst"],
        )

    def test_a_reader_asking_for_coming_meetings_sees_the_soonest_one_first(self):
        coming = ["Kennismaking leernetwerk", "Werksessie eenzaamheid", "Intervisie armoede"]
        self.assertEqual(self.titles_on(self.tree.meeting_index, wanneer="upcoming"), coming)
        # The leernetwerk shows them without being asked.
        self.assertEqual(self.titles_on(self.tree.meeting_index), coming)


class NewsOrderTests(ListingOrderTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for title, date in [
            ("Monitor verschenen", datetime.date(2024, 3, 1)),
            ("Nieuwe pilots gestart", datetime.date(2024, 9, 12)),
            ("Terugblik op de burendag", datetime.date(2023, 11, 20)),
            ("Alliantie groeit", datetime.date(2024, 3, 1)),
        ]:
            NewsPageFactory(parent=cls.tree.news_index, title=title, date=date)

    def test_a_reader_sees_the_newest_news_first(self):
        # Of two items with the same date, the one published last comes first.
        self.assertEqual(
            self.titles_on(self.tree.news_index),
            ["Nieuwe pilots gestart", "Alliantie groeit", "Monitor verschenen", "Terugblik op de burendag"],
        )


class SubsidyOrderTests(ListingOrderTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        Status = SubsidyPage.Status
        today = timezone.localdate()
        for title, status, days in [
            ("Regeling dorpshuizen", Status.CLOSED, -30),
            ("Fonds buurtinitiatieven", Status.OPEN, 90),
            ("Impuls ontmoeten", Status.UPCOMING, 120),
            ("Sociale sterkte", Status.OPEN, 20),
            ("Kleine kernen", Status.UPCOMING, 60),
            ("Armoedepact", Status.CLOSED, -200),
            ("Doorlopende regeling", Status.OPEN, None),
        ]:
            SubsidyPageFactory(
                parent=cls.tree.subsidy_index,
                title=title,
                status=status,
                deadline=None if days is None else today + datetime.timedelta(days=days),
            )

    def test_a_reader_sees_open_schemes_first_then_upcoming_then_closed_each_by_deadline(self):
        # An open scheme without a deadline comes after the open ones that have one.
        self.assertEqual(
            self.titles_on(self.tree.subsidy_index),
            [
                "Sociale sterkte",
                "Fonds buurtinitiatieven",
                "Doorlopende regeling",
                "Kleine kernen",
                "Impuls ontmoeten",
                "Armoedepact",
                "Regeling dorpshuizen",
            ],
        )


class ThemeOverviewOrderTests(ListingOrderTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # The editor drags the newest theme to the top of the tree: neither creation nor title order.
        ThemePageFactory(parent=cls.tree.theme_index, title="Gebiedsgericht werken").move(
            cls.tree.theme_index, pos="first-child"
        )

    def test_a_reader_sees_the_themes_in_the_order_the_editor_put_them(self):
        self.assertEqual(
            self.titles_on(self.tree.theme_index),
            ["Gebiedsgericht werken", "Eenzaamheid", "Armoede en schulden", "Sociale infrastructuur"],
        )
