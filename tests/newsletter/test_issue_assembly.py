"""Assembling a draft issue from a quarter: each visible page in its section, in order, once.

Pages are made by the factories (published "now") and then given the moment they were first
published, so the test can put them inside or outside 2026-Q4 whatever today's date is.
"""

import datetime
import io

from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsletter.assembly import AssemblyError, assemble_issue
from newsletter.models import NewsletterIssuePage
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    PilotPageFactory,
    SubsidyPageFactory,
    build_site,
)
from tests.factories.translation import translate


def moment(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=timezone.get_current_timezone())


def published(page, when):
    """Say when ``page`` was first published (the factories publish it now)."""
    type(page).objects.filter(pk=page.pk).update(first_published_at=when)
    return page


def titles_by_section(issue):
    issue = NewsletterIssuePage.objects.get(pk=issue.pk).get_latest_revision_as_object()
    return {
        block.value["kind"]: [item["page"].title for item in block.value["items"]] for block in issue.sections
    }


class AssemblyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site(theme_slugs=())
        cls.tree = tree
        q4 = lambda month, day: moment(2026, month, day)  # noqa: E731

        # Meetings: all those still to come, soonest first, whenever published; not the past ones.
        published(MeetingPageFactory(parent=tree.meeting_index, title="Later", days=40), moment(2025, 1, 5))
        published(MeetingPageFactory(parent=tree.meeting_index, title="Binnenkort", days=5), q4(10, 2))
        published(MeetingPageFactory(parent=tree.meeting_index, title="Voorbij", days=-3), q4(10, 3))
        MeetingPageFactory(parent=tree.meeting_index, title="Concept-bijeenkomst", days=6, live=False)

        news = tree.news_index
        published(
            NewsPageFactory(
                parent=news, title="Monitor oud", category="monitor", date=datetime.date(2026, 10, 1)
            ),
            q4(10, 1),
        )
        published(
            NewsPageFactory(
                parent=news, title="Monitor nieuw", category="monitor", date=datetime.date(2026, 11, 20)
            ),
            q4(11, 20),
        )
        published(
            NewsPageFactory(parent=news, title="Monitor vorig kwartaal", category="monitor"),
            moment(2026, 9, 30),
        )
        published(
            NewsPageFactory(
                parent=news, title="Alliantie", category="alliance", date=datetime.date(2026, 12, 1)
            ),
            q4(12, 1),
        )
        published(NewsPageFactory(parent=news, title="Programmanieuws", category="programme"), q4(12, 2))

        published(PilotPageFactory(parent=tree.pilot_index, title="Pilot december"), q4(12, 31))
        published(PilotPageFactory(parent=tree.pilot_index, title="Pilot oktober"), q4(10, 1))
        published(PilotPageFactory(parent=tree.pilot_index, title="Pilot 2027"), moment(2027, 1, 1))

        published(SubsidyPageFactory(parent=tree.subsidy_index, title="Dorpshuisregeling"), q4(11, 1))

        private = published(
            KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Afgeschermd"), q4(11, 2)
        )
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        published(KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Methode"), q4(11, 3))
        KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Concept-methode", live=False)

        translate(tree.home)
        translate(tree.knowledge_index)
        translate(tree.newsletter_index)
        english = translate(
            KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Alleen in het Engels"),
            {"Alleen in het Engels": "English method"},
        )
        published(english, q4(11, 4))
        published(english.get_translation(tree.home.locale), moment(2025, 1, 1))

    def test_each_page_lands_in_its_section_in_order(self):
        issue = assemble_issue("2026-Q4")

        self.assertEqual(
            titles_by_section(issue),
            {
                "meetings": ["Binnenkort", "Later"],
                "programme": ["Programmanieuws"],
                "monitor": ["Monitor nieuw", "Monitor oud"],
                "pilots": ["Pilot december", "Pilot oktober"],
                "subsidies": ["Dorpshuisregeling"],
                "alliance": ["Alliantie"],
                "knowledge": ["Methode"],
            },
        )
        self.assertEqual(
            [block.value["kind"] for block in issue.sections],
            ["meetings", "programme", "monitor", "pilots", "subsidies", "alliance", "knowledge"],
        )

    def test_the_issue_is_a_draft_below_the_archive(self):
        issue = assemble_issue("2026-q4")

        self.assertFalse(issue.live)
        self.assertIsNone(issue.sent_at)
        self.assertEqual(issue.quarter, "2026-Q4")
        self.assertEqual(issue.get_parent().pk, self.tree.newsletter_index.pk)
        self.assertIsNotNone(issue.get_latest_revision())

    def test_english_issue_takes_english_pages_only(self):
        issue = assemble_issue("2026-Q4", "en")

        self.assertEqual(issue.locale.language_code, "en")
        self.assertEqual(titles_by_section(issue), {"knowledge": ["English method"]})

    def test_running_again_refuses_and_names_the_existing_issue(self):
        first = assemble_issue("2026-Q4")
        with self.assertRaisesMessage(AssemblyError, first.title):
            assemble_issue("2026-Q4")
        self.assertEqual(
            NewsletterIssuePage.objects.filter(quarter="2026-Q4", locale=first.locale).count(), 1
        )
        # Another language or quarter is a different issue.
        assemble_issue("2026-Q4", "en")
        assemble_issue("2026-Q3")
        self.assertEqual(NewsletterIssuePage.objects.count(), 3)

    def test_bad_quarter_and_language_are_refused_clearly(self):
        for quarter in ("2026-Q5", "Q4-2026", "", "2026Q4"):
            with self.assertRaisesMessage(AssemblyError, "bijvoorbeeld 2026-Q4"):
                assemble_issue(quarter)
        with self.assertRaisesMessage(AssemblyError, "xx"):
            assemble_issue("2026-Q4", "xx")
        self.assertFalse(NewsletterIssuePage.objects.exists())


class AssembleCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site(theme_slugs=())
        published(PilotPageFactory(parent=tree.pilot_index, title="Pilot"), moment(2026, 11, 1))

    def test_command_makes_a_draft_and_says_where(self):
        out = io.StringIO()
        call_command("assemble_issue", "--quarter", "2026-Q4", "--locale", "nl", stdout=out)

        issue = NewsletterIssuePage.objects.get()
        self.assertIn(f"/admin/pages/{issue.pk}/edit/", out.getvalue())
        self.assertEqual(titles_by_section(issue), {"pilots": ["Pilot"]})

    def test_command_errors_are_command_errors(self):
        with self.assertRaisesMessage(CommandError, "bijvoorbeeld 2026-Q4"):
            call_command("assemble_issue", "--quarter", "2026-13", stdout=io.StringIO())
        call_command("assemble_issue", "--quarter", "2026-Q4", stdout=io.StringIO())
        with self.assertRaisesMessage(CommandError, "al een kwartaalupdate"):
            call_command("assemble_issue", "--quarter", "2026-Q4", stdout=io.StringIO())


class AssembleAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=())
        cls.pilot = published(
            PilotPageFactory(parent=cls.tree.pilot_index, title="Pilot"), moment(2026, 11, 1)
        )
        cls.editor = User.objects.create_superuser("redacteur", "redacteur@example.org", "x")
        cls.outsider = User.objects.create_user("buiten", "buiten@example.org", "x")
        group = Group.objects.create(name="Alleen admin")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        cls.outsider.groups.add(group)
        cls.url = f"/admin/kwartaalupdate/archief/{cls.tree.newsletter_index.pk}/samenstellen/"

    def test_get_shows_the_form_and_changes_nothing(self):
        self.client.force_login(self.editor)
        response = self.client.get(self.url)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="quarter"')
        self.assertFalse(NewsletterIssuePage.objects.exists())

    def test_post_makes_the_draft_and_opens_it(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            self.url, {"quarter": "2026-Q4", "kies-pilots": self.pilot.pk, "maken": "1"}
        )

        issue = NewsletterIssuePage.objects.get()
        self.assertRedirects(response, f"/admin/pages/{issue.pk}/edit/", fetch_redirect_response=False)
        self.assertEqual(titles_by_section(issue), {"pilots": ["Pilot"]})

    def test_bad_or_repeated_quarter_shows_the_reason(self):
        self.client.force_login(self.editor)
        response = self.client.post(self.url, {"quarter": "herfst"})
        self.assertContains(response, "bijvoorbeeld 2026-Q4", status_code=400)

        self.client.post(self.url, {"quarter": "2026-Q4", "maken": "1"})
        response = self.client.post(self.url, {"quarter": "2026-Q4", "maken": "1"})
        self.assertContains(response, "al een kwartaalupdate", status_code=400)
        self.assertEqual(NewsletterIssuePage.objects.count(), 1)

    def test_the_archive_has_the_button(self):
        self.client.force_login(self.editor)
        response = self.client.get(f"/admin/pages/{self.tree.newsletter_index.pk}/")
        self.assertContains(response, self.url)

    def test_who_may_not_add_pages_is_turned_away(self):
        self.client.force_login(self.outsider)
        response = self.client.post(self.url, {"quarter": "2026-Q4", "maken": "1"})
        # Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message.
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertFalse(NewsletterIssuePage.objects.exists())
