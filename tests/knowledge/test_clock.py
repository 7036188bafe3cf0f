"""Time alone changes what pages show: a browser that revalidates gets the new page, not a 304.

Registration opens, a subsidy's deadline passes: nobody publishes, and yet the meeting, the lists,
the home page and the theme page say something else. Their ETags (and every cached fragment) carry
``core.clock.clock_epoch()``, which moves at exactly those moments. The clock is moved by patching
``timezone.now``: nothing here waits.
"""

import datetime
from unittest import mock

from django.test import TestCase
from django.utils import timezone

from core.clock import clock_epoch
from tests.factories.knowledge import MeetingPageFactory, SubsidyPageFactory, build_site
from tests.utils import main_text, soup

REAL_NOW = timezone.now


def later(**delta):
    moment = REAL_NOW() + datetime.timedelta(**delta)
    return mock.patch("django.utils.timezone.now", return_value=moment)


class ClockTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        cls.meeting = MeetingPageFactory(
            parent=cls.tree.meeting_index,
            title="Intervisie armoede",
            days=14,
            registration_opens=REAL_NOW() + datetime.timedelta(hours=1),
        )
        cls.meeting.themes.add(cls.tree.themes["eenzaamheid"])
        cls.meeting.save_revision().publish()

    def revalidate(self, url, etag):
        return self.client.get(url, headers={"if-none-match": etag})

    def meeting_status(self, response):
        """The status label of the meeting: on its own page, or on its card."""
        html = soup(response)
        cards = [card for card in html.select(".card--meeting") if self.meeting.title in card.get_text()]
        holder = cards[0] if cards else html.select_one(".registration__status")
        return holder.select_one(".status").get_text(" ", strip=True)

    def test_when_registration_opens_every_page_that_shows_the_meeting_answers_anew(self):
        urls = [self.meeting.url, self.tree.meeting_index.url, "/", self.tree.themes["eenzaamheid"].url]
        before = {}
        for url in urls:
            response = self.client.get(url)
            self.assertTrue(self.meeting_status(response).startswith("Aanmelden kan vanaf"), url)
            before[url] = response["ETag"]
            self.assertEqual(self.revalidate(url, before[url]).status_code, 304, url)  # the control

        with later(hours=2):
            for url in urls:
                with self.subTest(url=url):
                    response = self.revalidate(url, before[url])
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual(self.meeting_status(response), "U kunt zich aanmelden")

    def test_when_a_deadline_passes_the_subsidies_answer_anew(self):
        # Here only: its deadline passes at midnight, which may be within the hours the other
        # tests move the clock by (the epoch test would count it, depending on the time of day).
        SubsidyPageFactory(parent=self.tree.subsidy_index, deadline=timezone.localdate())
        url = self.tree.subsidy_index.url
        response = self.client.get(url)
        self.assertNotIn("voorbij", main_text(response))

        with later(days=1):
            response = self.revalidate(url, response["ETag"])

        self.assertEqual(response.status_code, 200)
        self.assertIn("voorbij", main_text(response))

    def test_the_epoch_moves_only_at_the_moments_pages_change(self):
        now = clock_epoch()

        with later(minutes=30):
            self.assertEqual(clock_epoch(), now)  # registration opens in an hour
        with later(hours=2):
            self.assertEqual(clock_epoch(), now + 1)
