"""A reader opens a theme and finds everything tagged with it, each kind in its own ordered section.

Every section also gets a page tagged with another theme only, which must stay out, and its pages
are created in an order that is neither the promised one nor its reverse.
"""

import datetime

from django.test import TestCase

from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    PilotPageFactory,
    build_site,
)
from tests.utils import card_titles


class ThemePageSectionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site()
        cls.theme = tree.themes["eenzaamheid"]
        lonely = [cls.theme]
        other = [tree.themes["armoede-en-schulden"]]

        for title, themes in [
            ("Maatjesproject", lonely),
            ("Aanpak schulden", other),
            ("Welzijn op recept", lonely),
            ("Buurtcirkels", lonely),
            ("Eenzaamheidsmeter", lonely),
        ]:
            KnowledgeItemPageFactory(parent=tree.knowledge_index, title=title, themes=themes)

        for title, start, themes in [
            ("Schulden de baas", datetime.date(2024, 5, 1), other),
            ("Ontmoeten in Tiel", datetime.date(2023, 6, 1), lonely),
            ("Samen in Malburgen", datetime.date(2024, 1, 15), lonely),
            ("Oud en actief in Ede", datetime.date(2022, 3, 1), lonely),
        ]:
            PilotPageFactory(parent=tree.pilot_index, title=title, start_date=start, themes=themes)

        for title, days, themes in [
            ("Intervisie eenzaamheid", 30, lonely),
            ("Terugblik eenzaamheid", -3, lonely),
            ("Werksessie schuldhulp", 2, other),
            ("Kennismaking leernetwerk", 5, lonely),
            ("Werksessie ontmoeten", 14, lonely),
        ]:
            MeetingPageFactory(parent=tree.meeting_index, title=title, days=days, themes=themes)

        # Seven items about the theme: the section shows six, so the oldest must drop off.
        for title, date, themes in [
            ("Monitor verschenen", datetime.date(2024, 3, 1), lonely),
            ("Nieuwe pilots gestart", datetime.date(2024, 9, 12), lonely),
            ("Schuldhulp vernieuwd", datetime.date(2024, 10, 1), other),
            ("Terugblik op de burendag", datetime.date(2023, 11, 20), lonely),
            ("Week tegen eenzaamheid", datetime.date(2024, 9, 26), lonely),
            ("Alliantie groeit", datetime.date(2024, 6, 5), lonely),
            ("Eerste bijeenkomst", datetime.date(2023, 2, 14), lonely),
            ("Buurtkamers open", datetime.date(2024, 1, 8), lonely),
        ]:
            NewsPageFactory(parent=tree.news_index, title=title, date=date, themes=themes)

    def section(self, heading):
        response = self.client.get(self.theme.url)
        self.assertEqual(response.status_code, 200)
        return card_titles(response, heading)

    def test_a_reader_finds_the_knowledge_about_the_theme_in_alphabetical_order(self):
        self.assertEqual(
            self.section("Kennis over dit thema"),
            ["Buurtcirkels", "Eenzaamheidsmeter", "Maatjesproject", "Welzijn op recept"],
        )

    def test_a_reader_sees_the_pilots_about_the_theme_that_started_most_recently_first(self):
        self.assertEqual(
            self.section("Pilots over dit thema"),
            ["Samen in Malburgen", "Ontmoeten in Tiel", "Oud en actief in Ede"],
        )

    def test_a_reader_sees_the_coming_meetings_about_the_theme_soonest_first_and_none_that_has_passed(self):
        self.assertEqual(
            self.section("Komende bijeenkomsten"),
            ["Kennismaking leernetwerk", "Werksessie ontmoeten", "Intervisie eenzaamheid"],
        )

    def test_a_reader_sees_the_six_newest_news_items_about_the_theme_newest_first(self):
        self.assertEqual(
            self.section("Nieuws over dit thema"),
            [
                "Week tegen eenzaamheid",
                "Nieuwe pilots gestart",
                "Alliantie groeit",
                "Monitor verschenen",
                "Buurtkamers open",
                "Terugblik op de burendag",
            ],
        )
