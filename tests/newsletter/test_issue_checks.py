"""Checks before sending: every page an issue names reaches every reader, in the issue's language.

``NewsletterIssuePage.problems()`` lists, in words an editor can act on, each item that is a
draft, private, in another language or gone; the issue's edit form shows the list above everything
else, with no "Versturen" button while it is not empty. A translated issue may name its source's
pages (the mail shows their translation where there is one). The editor's form tells the three
introducing texts apart: inbox line, summary, foreword.
"""

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory, TestCase
from wagtail.models import PageViewRestriction

from newsletter.admin.assembly import warn_about_problems
from newsletter.models import NewsletterIssuePage
from tests.factories.knowledge import KnowledgeItemPageFactory, MeetingPageFactory, build_site
from tests.factories.newsletter import NewsletterIssuePageFactory
from tests.factories.translation import translate
from tests.home.test_editor_roles import account


def sections(*pages, kind="knowledge"):
    return [
        {
            "type": "section",
            "value": {
                "kind": kind,
                "note": "",
                "items": [
                    {"type": "item", "id": f"i{page.pk}", "value": {"page": page.pk, "note": ""}}
                    for page in pages
                ],
            },
        }
    ]


class ProblemsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = tree = build_site(theme_slugs=())
        cls.good = KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Openbare methode")
        cls.draft = KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Concept-methode", live=False)
        cls.private = KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Afgeschermde methode")
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
        translate(tree.home)
        translate(tree.knowledge_index)
        cls.english_archive = translate(tree.newsletter_index)
        cls.english = translate(
            KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Engelse methode"),
            {"Engelse methode": "English method"},
        )
        cls.editor = account("redacteur", "Redacteuren")

    def issue(self, *pages, **kwargs):
        return NewsletterIssuePageFactory(
            parent=self.tree.newsletter_index, sections=sections(*pages), **kwargs
        )

    def test_an_issue_of_live_public_pages_in_its_language_has_no_problems(self):
        self.assertEqual(self.issue(self.good).problems(), [])

    def test_each_draft_private_or_foreign_page_is_named_with_its_section(self):
        problems = self.issue(self.good, self.draft, self.private, self.english).problems()

        self.assertEqual(
            problems,
            [
                "“Concept-methode” (Uit de kennisbank) is niet gepubliceerd.",
                "“Afgeschermde methode” (Uit de kennisbank) is afgeschermd: "
                "niet iedereen mag de pagina zien.",
                "“English method” (Uit de kennisbank) is een pagina in een andere taal dan dit nummer.",
            ],
        )

    def test_a_page_deleted_since_is_a_problem(self):
        meeting = MeetingPageFactory(parent=self.tree.meeting_index, title="Weg")
        issue = self.issue(meeting)
        meeting.delete()

        issue = NewsletterIssuePage.objects.get(pk=issue.pk)
        self.assertEqual(len(issue.problems()), 1)
        self.assertIn("niet meer bestaat", issue.problems()[0])

    def test_a_call_to_action_to_a_draft_is_a_problem(self):
        issue = self.issue()
        issue.sections = [
            {
                "type": "call_to_action",
                "value": {"text": "", "label": "Lees", "page": self.draft.pk, "url": ""},
            }
        ]
        self.assertEqual(issue.problems(), ["“Concept-methode” (Oproep met knop) is niet gepubliceerd."])

    def test_a_translated_issue_may_name_its_sources_pages(self):
        source = self.issue(self.good, title="Kwartaalupdate herfst 2026")
        english_issue = translate(source, {"Kwartaalupdate herfst 2026": "Quarterly update autumn 2026"})

        self.assertEqual(english_issue.locale.language_code, "en")
        self.assertEqual(english_issue.problems(), [])
        # Not so for a Dutch issue that names an English page: it was never translated from English.
        self.assertEqual(len(self.issue(self.english).problems()), 1)

    def test_the_edit_form_warns_and_offers_no_send_button_until_resolved(self):
        issue = self.issue(self.good, self.draft)
        issue.save_revision().publish()
        self.client.force_login(self.editor)

        response = self.client.get(f"/admin/pages/{issue.pk}/edit/")

        self.assertContains(response, "Dit nummer kan nog niet worden verstuurd")
        self.assertContains(response, "“Concept-methode” (Uit de kennisbank) is niet gepubliceerd.")
        self.assertContains(response, 'data-issue-problems="1"')
        self.assertNotContains(response, f'class="button" href="/admin/kwartaalupdate/{issue.pk}/versturen/"')
        # The test mail and the preview as a subscriber are visible buttons, not only in the "…" menu.
        self.assertContains(response, f'href="/admin/kwartaalupdate/{issue.pk}/testmail/"')
        self.assertContains(response, f'href="/admin/kwartaalupdate/{issue.pk}/als-abonnee/"')
        # Their layout's stylesheet reaches the editor (Wagtail 8 ignores ``insert_editor_css``).
        self.assertContains(response, "/static/css/newsletter-admin.css")

        self.draft.save_revision().publish()
        response = self.client.get(f"/admin/pages/{issue.pk}/edit/")
        self.assertContains(response, 'data-issue-problems="0"')
        self.assertContains(response, f'class="button" href="/admin/kwartaalupdate/{issue.pk}/versturen/"')

    def test_the_three_introducing_texts_say_what_each_is_for(self):
        issue = self.issue(self.good)
        self.client.force_login(self.editor)

        response = self.client.get(f"/admin/pages/{issue.pk}/edit/")

        for label in ("Regel in de inbox", "Samenvatting", "Voorwoord"):
            self.assertContains(response, label)
        self.assertContains(response, "naast het onderwerp")
        self.assertContains(response, "Staat in het archief, de RSS-feed")
        self.assertContains(response, "Het welkomstwoord bovenaan het nummer")
        self.assertNotContains(response, ">Introductie<")
        self.assertNotContains(response, ">Inleiding<")

    def test_publishing_an_issue_with_problems_says_it_cannot_be_sent_yet(self):
        request = RequestFactory().post("/admin/")
        request.session = self.client.session
        request._messages = FallbackStorage(request)
        warn_about_problems(request, self.issue(self.good))
        warn_about_problems(request, self.issue(self.draft))

        texts = [str(message) for message in get_messages(request)]
        self.assertEqual(len(texts), 1)
        self.assertIn("nog niet klaar om te versturen", texts[0])
        self.assertIn("Concept-methode", texts[0])

    def test_a_new_issue_form_opens_with_the_checks_panel_empty(self):
        self.client.force_login(self.editor)
        response = self.client.get(
            f"/admin/pages/add/newsletter/newsletterissuepage/{self.tree.newsletter_index.pk}/"
        )
        self.assertContains(response, "Regel in de inbox")
        self.assertNotContains(response, "data-issue-problems")
