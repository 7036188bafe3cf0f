"""A visitor on the home page sees a short, ordered selection of each part of the programme.

Each section holds more pages than it shows, created in an order that is neither the promised one
nor its reverse, so both a wrong order and a wrong cut-off change the titles the visitor reads.
"""

import datetime

from django.test import TestCase
from django.utils import timezone

from knowledge.models import SubsidyPage
from tests.factories.knowledge import (
    MeetingPageFactory,
    NewsPageFactory,
    PilotPageFactory,
    SubsidyPageFactory,
    ThemePageFactory,
    build_site,
)
from tests.utils import card_titles


class HomeSectionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site()
        # The editor drags the newest theme to the top of the tree: neither creation nor title order.
        ThemePageFactory(parent=tree.theme_index, title="Gebiedsgericht werken").move(
            tree.theme_index, pos="first-child"
        )

        for title, date in [
            ("Monitor verschenen", datetime.date(2024, 3, 1)),
            ("Nieuwe pilots gestart", datetime.date(2024, 9, 12)),
            ("Terugblik op de burendag", datetime.date(2023, 11, 20)),
            ("Alliantie groeit", datetime.date(2024, 6, 5)),
        ]:
            NewsPageFactory(parent=tree.news_index, title=title, date=date)

        for title, days in [
            ("Intervisie armoede", 30),
            ("Terugblik dorpshuizen", -3),
            ("Kennismaking leernetwerk", 5),
            ("Najaarsbijeenkomst", 60),
            ("Werksessie eenzaamheid", 14),
        ]:
            MeetingPageFactory(parent=tree.meeting_index, title=title, days=days)

        for title, start in [
            ("Schulden de baas", datetime.date(2023, 6, 1)),
            ("Ontmoeten in Tiel", datetime.date(2022, 3, 1)),
            ("Samen in Malburgen", datetime.date(2024, 1, 15)),
            ("Dorpskracht Lochem", datetime.date(2023, 9, 1)),
        ]:
            PilotPageFactory(parent=tree.pilot_index, title=title, start_date=start)

        Status = SubsidyPage.Status
        today = timezone.localdate()
        for title, status, days in [
            ("Fonds buurtinitiatieven", Status.OPEN, 90),
            ("Kleine kernen", Status.UPCOMING, 10),
            ("Sociale sterkte", Status.OPEN, 20),
            ("Regeling dorpshuizen", Status.CLOSED, 5),
            ("Impuls ontmoeten", Status.OPEN, 150),
            ("Ontmoetingsplekken", Status.OPEN, 45),
        ]:
            SubsidyPageFactory(
                parent=tree.subsidy_index,
                title=title,
                status=status,
                deadline=today + datetime.timedelta(days=days),
            )
        cls.home = tree.home

    def section(self, heading):
        response = self.client.get(self.home.url)
        self.assertEqual(response.status_code, 200)
        return card_titles(response, heading)

    def test_a_visitor_reads_the_three_newest_news_items_newest_first(self):
        self.assertEqual(
            self.section("Laatste nieuws"),
            ["Nieuwe pilots gestart", "Alliantie groeit", "Monitor verschenen"],
        )

    def test_a_visitor_sees_the_next_three_meetings_soonest_first_and_none_that_has_passed(self):
        self.assertEqual(
            self.section("Komende bijeenkomsten"),
            ["Kennismaking leernetwerk", "Werksessie eenzaamheid", "Intervisie armoede"],
        )

    def test_a_visitor_sees_the_three_pilots_that_started_most_recently_newest_first(self):
        self.assertEqual(
            self.section("Pilots"),
            ["Samen in Malburgen", "Dorpskracht Lochem", "Schulden de baas"],
        )

    def test_a_visitor_sees_three_open_subsidies_whose_deadline_comes_first(self):
        # A scheme that is not open yet or has closed is left out, however near its deadline.
        self.assertEqual(
            self.section("Open subsidieregelingen"),
            ["Sociale sterkte", "Ontmoetingsplekken", "Fonds buurtinitiatieven"],
        )

    def test_a_visitor_sees_every_theme_in_the_order_the_editor_put_them(self):
        self.assertEqual(
            self.section("Thema's"),
            ["Gebiedsgericht werken", "Eenzaamheid", "Armoede en schulden", "Sociale infrastructuur"],
        )
