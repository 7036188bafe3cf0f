"""One issue, two languages: the English issue is the Dutch issue's wagtail-localize translation.

wagtail-localize synchronises a page chooser (the Dutch page the editor chose stays chosen), and
sends the texts (title, notes, foreword) to the translator. So the English mail and web version
show each item's live, public English translation where there is one, and otherwise the Dutch page
with "(in het Nederlands)" in English after its title, its link marked ``lang="nl"``. Editing the
Dutch issue and syncing brings the change to the English one. The English issue's language switch
goes to the Dutch issue.
"""

import re

from django.conf import settings
from django.test import TestCase
from django.utils import translation
from django.utils.translation import pgettext
from wagtail.models import PageViewRestriction

from newsletter.models import NewsletterIssuePage
from newsletter.rendering import personalise, render_issue
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    PilotPageFactory,
    build_site,
)
from tests.factories.newsletter import NewsletterIssuePageFactory
from tests.factories.translation import translate
from tests.home.test_localisation import sync
from tests.newsletter.test_issue_rendering import section
from tests.utils import language_links, soup


def in_english(text):
    with translation.override("en"):
        return pgettext("taal van een pagina", text)


class IssueTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site(theme_slugs=("eenzaamheid",))
        cls.tree = tree
        translate(tree.home, {"Leefbaarheid Gelderland": "Livability Gelderland"})
        for index in (tree.meeting_index, tree.knowledge_index, tree.pilot_index, tree.newsletter_index):
            translate(index)
        meeting = MeetingPageFactory(parent=tree.meeting_index, title="Intervisie eenzaamheid")
        cls.meeting = meeting
        cls.english_meeting = translate(meeting, {"Intervisie eenzaamheid": "Peer review on loneliness"})
        cls.method = KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Methode Samen Eten")
        cls.issue = NewsletterIssuePageFactory(
            parent=tree.newsletter_index,
            title="Kwartaalupdate herfst 2026",
            sections=[
                section("meetings", meeting, note="Meld u op tijd aan."),
                section("knowledge", cls.method),
            ],
        )
        cls.english_issue = translate(
            cls.issue,
            {
                "Kwartaalupdate herfst 2026": "Quarterly update autumn 2026",
                "Meld u op tijd aan.": "Register in time.",
            },
        )

    def english_mail(self):
        issue = NewsletterIssuePage.objects.get(pk=self.english_issue.pk)
        rendered = render_issue(issue)
        return personalise(rendered, "https://x.example/p", "https://x.example/u", [])

    def test_the_english_issue_is_the_dutch_issues_translation(self):
        self.assertEqual(self.english_issue.translation_key, self.issue.translation_key)
        self.assertEqual(self.english_issue.locale.language_code, "en")
        self.assertIsNone(self.english_issue.sent_at)

    def test_each_item_points_at_its_english_page_or_at_the_dutch_one_with_a_note(self):
        html, text = self.english_mail()
        dutch_note = in_english("(in het Nederlands)")

        english_url = settings.BASE_URL + self.english_meeting.url
        self.assertTrue(self.english_meeting.url.startswith("/en/"))
        self.assertIn(f'href="{english_url}"', html)
        self.assertIn("* Peer review on loneliness\n", text)
        self.assertNotIn(">Intervisie eenzaamheid</a>", html)
        self.assertIn("Register in time.", text)

        dutch_url = settings.BASE_URL + self.method.url
        self.assertRegex(
            html,
            rf'<a href="{re.escape(dutch_url)}" lang="nl" hreflang="nl"[^>]*>Methode Samen Eten</a> '
            rf'<span class="language-note"[^>]*>{re.escape(dutch_note)}</span>',
        )
        self.assertIn(f"* Methode Samen Eten {dutch_note}\n", text)
        self.assertEqual((html + text).count(dutch_note), 2)  # the English meeting has none

    def test_a_translation_that_is_not_live_or_not_public_is_not_used(self):
        self.english_meeting.unpublish()
        html, text = self.english_mail()
        self.assertIn(f"* Intervisie eenzaamheid {in_english('(in het Nederlands)')}\n", text)
        self.assertNotIn("Peer review on loneliness", html)

        self.english_meeting.save_revision().publish()
        PageViewRestriction.objects.create(
            page=self.english_meeting, restriction_type=PageViewRestriction.LOGIN
        )
        _html, text = self.english_mail()
        self.assertIn("* Intervisie eenzaamheid", text)

    def test_editing_the_dutch_issue_and_syncing_updates_the_english_one(self):
        pilot = PilotPageFactory(parent=self.tree.pilot_index, title="Buurtkamer Presikhaaf")
        english_pilot = translate(pilot, {"Buurtkamer Presikhaaf": "Neighbourhood living room"})
        dutch = NewsletterIssuePage.objects.get(pk=self.issue.pk)
        raw = list(dutch.sections.raw_data)
        raw[1] = section("pilots", pilot)  # the method goes, a pilot comes
        dutch.sections = raw
        dutch.intro = "<p>Welkom bij de herfst.</p>"
        dutch.save_revision().publish()

        sync(dutch)

        html, text = self.english_mail()
        self.assertIn("Neighbourhood living room", text)
        self.assertIn(settings.BASE_URL + english_pilot.url, html)
        self.assertNotIn("Methode Samen Eten", html + text)
        self.assertIn("Peer review on loneliness", text)
        self.assertIn("Register in time.", text)  # the translation of an unchanged text stays
        self.assertIn("Welkom bij de herfst.", text)  # new text waits for the translator, in Dutch

    def test_the_english_web_version_notes_dutch_pages_and_switches_to_the_dutch_issue(self):
        response = self.client.get(self.english_issue.url)
        self.assertEqual(response.status_code, 200)
        page = soup(response)
        method = page.find("a", string="Methode Samen Eten")
        self.assertEqual(method["lang"], "nl")
        self.assertEqual(method.find_next_sibling("span").get_text(), in_english("(in het Nederlands)"))
        self.assertIsNotNone(page.find("a", string="Peer review on loneliness"))

        self.assertIn(self.issue.url, language_links(response, "nl"))
        self.assertIn(self.english_issue.url, language_links(self.client.get(self.issue.url), "en"))
