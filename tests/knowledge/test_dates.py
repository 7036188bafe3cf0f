"""Dates read the way the reader speaks: "22 december 2027" in Dutch, "22 December 2027" in English.

Never an abbreviated month ("Dec", "Jun", "Sep"): Django's ``M`` format gives "Dec" in both
languages, title-cased even in Dutch. A meeting whose registration has not opened yet says when
it opens, in the same words.
"""

import datetime
import re

from django.test import TestCase
from django.utils import timezone

from tests.factories.knowledge import MeetingPageFactory, NewsPageFactory, SubsidyPageFactory, build_site
from tests.factories.translation import translate
from tests.utils import facts, main_text

# Every month's abbreviation in Dutch and English ("mei"/"May" are whole words already).
ABBREVIATED_MONTH = re.compile(r"\b(jan|feb|mrt|mar|apr|jun|jul|aug|sept?|okt|oct|nov|dec)\b", re.IGNORECASE)


def at(year, month, day, hour):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


class DateTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.year = year = timezone.localdate().year + 1
        tree = build_site()
        cls.meeting = MeetingPageFactory(
            parent=tree.meeting_index,
            title="Intervisie eenzaamheid",
            start=at(year, 12, 22, 10),
            end=at(year, 12, 22, 12),
            registration_opens=at(year, 12, 1, 9),
        )
        cls.news = NewsPageFactory(
            parent=tree.news_index, title="Monitor verschenen", date=datetime.date(2025, 6, 3)
        )
        cls.subsidy = SubsidyPageFactory(
            parent=tree.subsidy_index, title="Regeling dorpshuizen", deadline=datetime.date(year, 9, 30)
        )
        cls.dutch = [tree.home, tree.meeting_index, cls.meeting, tree.news_index, cls.news]
        cls.dutch += [tree.subsidy_index, cls.subsidy]
        cls.english = [translate(page) for page in cls.dutch]

    def get(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200, page.url)
        return response


class FullMonthNameTests(DateTestCase):
    def pages_showing(self, pages, expected):
        """``{date: [url, ...]}``: where each expected date is shown; no page abbreviates a month."""
        found = {date: [] for date in expected}
        for page in pages:
            text = main_text(self.get(page))
            with self.subTest(url=page.url):
                self.assertEqual(ABBREVIATED_MONTH.findall(text), [])
            for date in expected:
                if date in text:
                    found[date].append(page.url)
        return found

    def test_dutch_pages_write_the_month_in_full_in_dutch(self):
        meeting, news, subsidy = f"22 december {self.year}", "3 juni 2025", f"30 september {self.year}"

        found = self.pages_showing(self.dutch, [meeting, news, subsidy])

        # The cards on the home page and in the sections, and the pages themselves.
        self.assertEqual(found[meeting], ["/", "/leernetwerk/", self.meeting.url])
        self.assertEqual(found[news], ["/", "/nieuws/", self.news.url])
        self.assertEqual(found[subsidy], ["/", "/subsidies/", self.subsidy.url])

    def test_english_pages_write_the_month_in_full_in_english(self):
        meeting, news, subsidy = f"22 December {self.year}", "3 June 2025", f"30 September {self.year}"

        found = self.pages_showing(self.english, [meeting, news, subsidy])

        self.assertEqual(found[meeting], ["/en/", "/en/leernetwerk/", f"/en{self.meeting.url}"])
        self.assertEqual(found[news], ["/en/", "/en/nieuws/", f"/en{self.news.url}"])
        self.assertEqual(found[subsidy], ["/en/", "/en/subsidies/", f"/en{self.subsidy.url}"])


class RegistrationNotYetOpenTests(DateTestCase):
    def test_the_meeting_says_when_registration_opens(self):
        response = self.get(self.meeting)

        self.assertIn("Aanmelden kan vanaf 1 december", main_text(response))
        self.assertEqual(facts(response)["Aanmelden kan vanaf"], f"1 december {self.year}, 09:00")

    def test_its_card_in_the_leernetwerk_says_so_too(self):
        self.assertIn("Aanmelden kan vanaf 1 december", main_text(self.get(self.meeting.get_parent())))

    def test_in_english_too(self):
        english_meeting = self.english[self.dutch.index(self.meeting)]
        response = self.get(english_meeting)

        self.assertIn("Registration opens on 1 December", main_text(response))
        self.assertEqual(facts(response)["Registration opens"], f"1 December {self.year}, 09:00")
