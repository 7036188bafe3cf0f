"""Each page type says for itself what stands under its title among other pages (``card_meta``)
and which organisation it is from (``organisation``): search results, the kwartaalupdate and the
partner boxes ask every page the same two questions instead of switching on its class."""

import datetime

from django.test import TestCase
from django.utils import timezone, translation

from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    PilotPageFactory,
    SubsidyPageFactory,
    ThemePageFactory,
    build_site,
)


class CardMetaTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()

    def meta(self, page, language="nl"):
        with translation.override(language):
            return page.card_meta()

    def test_a_meeting_says_when_and_where(self):
        start = timezone.make_aware(datetime.datetime(2027, 3, 4, 14, 30))
        meeting = MeetingPageFactory(
            parent=self.tree.meeting_index,
            start=start,
            end=start + datetime.timedelta(hours=2),
            location_name="Provinciehuis",
        )

        self.assertEqual(self.meta(meeting), "donderdag 4 maart 2027, 14:30 · Provinciehuis")
        self.assertEqual(self.meta(meeting, "en"), "Thursday 4 March 2027, 14:30 · Provinciehuis")

    def test_news_says_its_date(self):
        news = NewsPageFactory(parent=self.tree.news_index, date=datetime.date(2026, 11, 2))

        self.assertEqual(self.meta(news), "2 november 2026")

    def test_a_pilot_says_where(self):
        pilot = PilotPageFactory(parent=self.tree.pilot_index, place="Presikhaaf")

        self.assertEqual(self.meta(pilot), "Presikhaaf, Arnhem")

    def test_a_subsidy_says_until_when_or_its_status(self):
        open_until = SubsidyPageFactory(parent=self.tree.subsidy_index, deadline=datetime.date(2027, 1, 31))
        no_deadline = SubsidyPageFactory(parent=self.tree.subsidy_index, deadline=None)

        self.assertEqual(self.meta(open_until), "Aanvragen kan tot 31 januari 2027")
        self.assertEqual(self.meta(no_deadline, "en"), "Open")

    def test_a_knowledge_item_says_its_kind_and_a_theme_nothing(self):
        item = KnowledgeItemPageFactory(parent=self.tree.knowledge_index)
        theme = ThemePageFactory(parent=self.tree.theme_index)

        self.assertEqual(self.meta(item), "Methode")
        self.assertEqual(self.meta(item, "en"), "Method")
        self.assertEqual(self.meta(theme), "")

    def test_every_type_answers_organisation(self):
        movisie = OrganisationFactory(name="Movisie")
        pages = [
            KnowledgeItemPageFactory(parent=self.tree.knowledge_index, organisation=movisie),
            PilotPageFactory(parent=self.tree.pilot_index, organisation=movisie),
            NewsPageFactory(parent=self.tree.news_index, organisation=movisie),
        ]
        for page in pages:
            self.assertEqual(page.organisation, movisie, type(page).__name__)
        theme = ThemePageFactory(parent=self.tree.theme_index)
        self.assertIsNone(theme.organisation)
        self.assertIsNone(theme.organisation_id)
