"""Assembling a kwartaalupdate as a choice: candidates per section, a sensible pre-selection, ticks.

What an editor of Team Leefbaarheid expects: an import of many knowledge items does not flood the
issue (five are ticked, the newest); the programme's own news and partner articles have a section;
nothing closed or cancelled is offered; "Alles kiezen"/"Niets kiezen" work without JavaScript and
save nothing; "Concept maken" makes the draft with exactly what was ticked, under the plain title,
and opens it. A Redacteur may do this and finds it in the menu; a partner may not.
"""

import datetime
import io

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from newsletter.assembly import PRESELECTED, assemble_issue, candidates
from newsletter.models import NewsletterIssuePage
from partners.setup import set_up_partner
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    PilotPageFactory,
    SubsidyPageFactory,
    build_site,
)
from tests.home.test_editor_roles import account

QUARTER = "2026-Q4"
URL = "/admin/kwartaalupdate/samenstellen/"
OVERVIEW = "/admin/kwartaalupdate/"


def moment(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=timezone.get_current_timezone())


def published(page, when):
    type(page).objects.filter(pk=page.pk).update(first_published_at=when)
    return page


def issue_titles(issue):
    issue = NewsletterIssuePage.objects.get(pk=issue.pk).get_latest_revision_as_object()
    return {
        block.value["kind"]: [item["page"].title for item in block.value["items"]]
        for block in issue.sections
        if block.block_type == "section"
    }


class QuarterContent(TestCase):
    """A quarter as an import leaves it: seven knowledge items, news of every kind, open and closed
    subsidies, meetings coming, cancelled and held."""

    @classmethod
    def setUpTestData(cls):
        tree = cls.tree = build_site(theme_slugs=())
        cls.knowledge = [
            published(
                KnowledgeItemPageFactory(parent=tree.knowledge_index, title=f"Methode {day}"),
                moment(2026, 10, day),
            )
            for day in range(1, 8)
        ]
        news = tree.news_index
        for title, category, day in [
            ("Nieuwe website", "programme", 3),
            ("Artikel van Movisie", "partner", 4),
            ("Monitor 2026", "monitor", 5),
            ("Alliantie groeit", "alliance", 6),
            ("Pilot Zutphen leert", "pilot", 7),
        ]:
            published(
                NewsPageFactory(
                    parent=news, title=title, category=category, date=datetime.date(2026, 11, day)
                ),
                moment(2026, 11, day),
            )
        published(SubsidyPageFactory(parent=tree.subsidy_index, title="Open regeling"), moment(2026, 11, 1))
        published(
            SubsidyPageFactory(parent=tree.subsidy_index, title="Gesloten regeling", status="closed"),
            moment(2026, 11, 2),
        )
        published(
            SubsidyPageFactory(
                parent=tree.subsidy_index, title="Regeling uit 2022", deadline=datetime.date(2022, 6, 1)
            ),
            moment(2026, 11, 3),
        )
        MeetingPageFactory(parent=tree.meeting_index, title="Intervisie eenzaamheid", days=10)
        MeetingPageFactory(parent=tree.meeting_index, title="Afgelast overleg", days=12, cancelled=True)
        # Held in the quarter, and over by now.
        start = moment(2026, 10, 15)
        cls.held_with_report = MeetingPageFactory(
            parent=tree.meeting_index,
            title="Met verslag",
            start=start,
            end=start + datetime.timedelta(hours=1),
            report="<p>We spraken over dorpshuizen.</p>",
        )
        MeetingPageFactory(
            parent=tree.meeting_index,
            title="Zonder verslag",
            start=start,
            end=start + datetime.timedelta(hours=1),
        )
        published(PilotPageFactory(parent=tree.pilot_index, title="Pilot Presikhaaf"), moment(2026, 11, 10))
        cls.draft = KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Concept-methode", live=False)

    def section(self, sections, kind):
        return next(section for section in sections if section.kind == kind)


class CandidateTests(QuarterContent):
    def test_an_import_does_not_flood_the_issue_five_newest_are_ticked(self):
        section = self.section(candidates(QUARTER, self.tree.home.locale), "knowledge")

        self.assertEqual(section.total, 7)
        self.assertEqual([page.title for page in section.pages][:2], ["Methode 7", "Methode 6"])
        ticked = [page.title for page in section.pages if page.pk in section.preselected]
        self.assertEqual(ticked, ["Methode 7", "Methode 6", "Methode 5", "Methode 4", "Methode 3"])
        self.assertEqual(len(ticked), PRESELECTED)

    def test_programme_news_and_partner_articles_have_their_own_sections(self):
        sections = candidates(QUARTER, self.tree.home.locale)
        titles = {section.kind.value: [page.title for page in section.pages] for section in sections}

        self.assertEqual(titles["programme"], ["Nieuwe website"])
        self.assertEqual(titles["partners"], ["Artikel van Movisie"])
        self.assertEqual(titles["monitor"], ["Monitor 2026"])
        self.assertEqual(titles["alliance"], ["Alliantie groeit"])
        # Pilots with news: the new pilot and the news about a pilot, newest first.
        self.assertEqual(titles["pilots"], ["Pilot Presikhaaf", "Pilot Zutphen leert"])

    def test_nothing_closed_expired_cancelled_or_unpublished_is_offered(self):
        sections = candidates(QUARTER, self.tree.home.locale)
        titles = {section.kind.value: [page.title for page in section.pages] for section in sections}

        self.assertEqual(titles["subsidies"], ["Open regeling"])
        self.assertEqual(titles["meetings"], ["Intervisie eenzaamheid"])
        self.assertNotIn("Concept-methode", titles["knowledge"])

    def test_held_meetings_with_a_report_come_first_and_are_ticked(self):
        section = self.section(candidates(QUARTER, self.tree.home.locale), "meetings_held")

        self.assertEqual([page.title for page in section.pages], ["Met verslag", "Zonder verslag"])
        self.assertEqual(section.preselected, [self.held_with_report.pk])

    def test_the_command_takes_the_same_preselection_and_the_plain_title(self):
        call_command("assemble_issue", "--quarter", QUARTER, stdout=io.StringIO())

        issue = NewsletterIssuePage.objects.get()
        self.assertEqual(issue.title, "Kwartaalupdate herfst 2026")
        self.assertEqual(len(issue_titles(issue)["knowledge"]), PRESELECTED)
        self.assertNotIn("subsidies", {k for k, v in issue_titles(issue).items() if "Gesloten regeling" in v})

    def test_a_selection_keeps_only_what_the_section_offered(self):
        knowledge = self.knowledge[0]
        issue = assemble_issue(
            QUARTER, "nl", selection={"knowledge": [knowledge.pk, self.draft.pk], "programme": [knowledge.pk]}
        )

        self.assertEqual(issue_titles(issue), {"knowledge": ["Methode 1"]})


class ScreenTests(QuarterContent):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = account("redacteur", "Redacteuren")
        cls.chief = account("hoofdredacteur", "Hoofdredactie")
        cls.partner = account("movisie", set_up_partner("Movisie").group)

    def test_a_redacteur_sees_every_section_with_the_preselection_ticked(self):
        self.client.force_login(self.editor)
        response = self.client.get(URL, {"quarter": "2026-q4", "language": "nl"})

        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        for heading in (
            "Nieuws van het programma",
            "Artikelen van partners",
            "Bijeenkomsten die zijn geweest",
        ):
            self.assertIn(heading, html)
        newest, oldest = self.knowledge[-1], self.knowledge[0]
        self.assertIn(f'value="{newest.pk}" id="kies-knowledge-{newest.pk}" checked', html)
        self.assertIn(f'value="{oldest.pk}" id="kies-knowledge-{oldest.pk}">', html)
        self.assertContains(response, "5 van 7 gekozen")
        self.assertFalse(NewsletterIssuePage.objects.exists())

    def test_select_all_and_none_work_without_javascript_and_save_nothing(self):
        self.client.force_login(self.editor)
        data = {"quarter": QUARTER, "language": "nl", "kies-knowledge": [self.knowledge[-1].pk]}

        everything = self.client.post(URL, {**data, "alles": "knowledge"})
        self.assertContains(everything, "7 van 7 gekozen")
        oldest = self.knowledge[0]
        self.assertContains(everything, f'value="{oldest.pk}" id="kies-knowledge-{oldest.pk}" checked')

        nothing = self.client.post(URL, {**data, "niets": "knowledge"})
        self.assertContains(nothing, "0 van 7 gekozen")
        self.assertNotContains(nothing, f'id="kies-knowledge-{self.knowledge[-1].pk}" checked')
        self.assertFalse(NewsletterIssuePage.objects.exists())

    def test_concept_maken_makes_the_draft_with_what_was_ticked_and_opens_it(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            URL,
            {
                "quarter": QUARTER,
                "language": "nl",
                "kies-knowledge": [self.knowledge[0].pk],
                "kies-programme": [page.pk for page in candidates(QUARTER, self.tree.home.locale)[2].pages],
                "kies-partners": ["999999", "niet-een-nummer"],
                "maken": "1",
            },
        )

        issue = NewsletterIssuePage.objects.get()
        self.assertRedirects(response, f"/admin/pages/{issue.pk}/edit/", fetch_redirect_response=False)
        self.assertEqual(issue.title, "Kwartaalupdate herfst 2026")
        self.assertFalse(issue.live)
        self.assertEqual(issue_titles(issue), {"programme": ["Nieuwe website"], "knowledge": ["Methode 1"]})

    def test_a_bad_or_taken_quarter_is_said_in_the_form(self):
        self.client.force_login(self.editor)
        response = self.client.get(URL, {"quarter": "herfst", "language": "nl"})
        self.assertContains(response, "bijvoorbeeld 2026-Q4", status_code=400)

        assemble_issue(QUARTER)
        response = self.client.get(URL, {"quarter": QUARTER, "language": "nl"})
        self.assertContains(response, "al een kwartaalupdate", status_code=400)
        self.assertContains(response, "„Kwartaalupdate herfst 2026” openen", status_code=400)

    def test_both_editor_roles_find_kwartaalupdate_in_the_menu(self):
        for user in (self.editor, self.chief):
            self.client.force_login(user)
            dashboard = self.client.get("/admin/")
            self.assertContains(dashboard, OVERVIEW)
            overview = self.client.get(OVERVIEW)
            self.assertContains(overview, "Nieuw nummer samenstellen")

    def test_the_overview_lists_issues_with_their_state(self):
        assemble_issue(QUARTER)
        self.client.force_login(self.editor)
        response = self.client.get(OVERVIEW)
        self.assertContains(response, "Kwartaalupdate herfst 2026")
        self.assertContains(response, "concept")

    def test_a_partner_reaches_neither_screen_nor_sees_the_menu_item(self):
        self.client.force_login(self.partner)
        for url in (OVERVIEW, f"{URL}?quarter={QUARTER}&language=nl"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertNotIn("samenstellen", response.get("Location", ""))
        response = self.client.post(URL, {"quarter": QUARTER, "language": "nl", "maken": "1"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(NewsletterIssuePage.objects.exists())
        self.assertNotContains(self.client.get("/admin/"), OVERVIEW)

    def test_the_archive_edit_form_has_a_visible_assembly_button(self):
        self.client.force_login(self.editor)
        response = self.client.get(f"/admin/pages/{self.tree.newsletter_index.pk}/edit/")
        self.assertContains(
            response,
            f'class="button" href="/admin/kwartaalupdate/archief/{self.tree.newsletter_index.pk}'
            '/samenstellen/"',
        )
