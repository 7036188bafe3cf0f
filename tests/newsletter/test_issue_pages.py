"""The issue on the site and in the admin: archive, RSS, web page, e-mail preview, test mail.

The test mail goes through a real SMTP server on loopback (``tests.smtp_sink``), so what arrives
is what a mail client would get: a subject, a text part and an HTML part.
"""

import datetime
import xml.etree.ElementTree as ET

from django.contrib.auth.models import User
from django.test import TestCase
from django.utils import timezone

from newsletter.models import NewsletterIssuePage
from tests.factories.knowledge import PilotPageFactory, build_site
from tests.factories.newsletter import NewsletterIssuePageFactory
from tests.newsletter.test_issue_rendering import section
from tests.smtp_sink import SmtpSink


def sent(days_ago):
    return timezone.now() - datetime.timedelta(days=days_ago)


class ArchiveAndFeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site(theme_slugs=())
        cls.tree = tree
        archive = tree.newsletter_index
        NewsletterIssuePageFactory(parent=archive, title="Zomer", quarter="2026-Q3", sent_at=sent(90))
        NewsletterIssuePageFactory(parent=archive, title="Herfst", quarter="2026-Q4", sent_at=sent(1))
        NewsletterIssuePageFactory(parent=archive, title="Lente", quarter="2026-Q2", sent_at=sent(180))
        NewsletterIssuePageFactory(parent=archive, title="Nog niet verstuurd", quarter="2027-Q1")
        NewsletterIssuePageFactory(
            parent=archive, title="Concept", quarter="2027-Q1", sent_at=sent(2), live=False
        )
        cls.pilot = PilotPageFactory(parent=tree.pilot_index, title="Buurtkamer Presikhaaf")
        cls.issue = NewsletterIssuePage.objects.get(title="Herfst")
        cls.issue.sections = [section("pilots", cls.pilot, note="Kijk eens mee.")]
        cls.issue.save_revision().publish()

    def test_archive_lists_sent_issues_newest_first(self):
        response = self.client.get("/kwartaalupdate/")

        self.assertEqual(response.status_code, 200)
        self.assertEqual([issue.title for issue in response.context["issues"]], ["Herfst", "Zomer", "Lente"])
        self.assertNotContains(response, "Nog niet verstuurd")
        self.assertContains(response, 'href="/kwartaalupdate/rss/"')

    def test_archive_leads_to_the_subscribe_form_in_the_readers_language(self):
        self.assertContains(self.client.get("/kwartaalupdate/"), 'href="/kwartaalupdate/aanmelden/"')

    def test_feed_lists_the_same_issues(self):
        response = self.client.get("/kwartaalupdate/rss/")

        self.assertEqual(response.status_code, 200)
        self.assertIn("xml", response["Content-Type"])
        channel = ET.fromstring(response.content).find("channel")
        self.assertEqual(
            [item.findtext("title") for item in channel.iter("item")], ["Herfst", "Zomer", "Lente"]
        )
        self.assertEqual(channel.findtext("language"), "nl")
        self.assertTrue(channel.find("item").findtext("link").endswith(self.issue.url))

    def test_unknown_sub_path_is_404_not_500(self):
        self.assertEqual(self.client.get("/kwartaalupdate/rss/extra/").status_code, 404)

    def test_web_page_shows_the_sections_with_their_pages(self):
        response = self.client.get(self.issue.url)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'<a href="{self.pilot.url}">Buurtkamer Presikhaaf</a>', html=True)
        self.assertContains(response, "Kijk eens mee.")
        self.assertContains(response, "Pilots")

    def test_web_page_leaves_out_a_page_unpublished_since(self):
        self.pilot.unpublish()
        response = self.client.get(self.issue.url)
        self.assertNotContains(response, "Buurtkamer Presikhaaf")


class PreviewAndTestSendTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site(theme_slugs=())
        cls.pilot = PilotPageFactory(parent=tree.pilot_index, title="Buurtkamer Presikhaaf")
        cls.issue = NewsletterIssuePageFactory(
            parent=tree.newsletter_index, title="Herfst", sections=[section("pilots", cls.pilot)]
        )
        cls.editor = User.objects.create_superuser("redacteur", "redacteur@example.org", "x")
        cls.url = f"/admin/kwartaalupdate/{cls.issue.pk}/testmail/"

    def test_email_preview_mode_renders_the_personalised_email(self):
        self.client.force_login(self.editor)
        edit = self.client.get(f"/admin/pages/{self.issue.pk}/edit/")
        self.assertContains(edit, 'value="email"')  # the editor can choose the mode

        response = self.issue.make_preview_request(preview_mode="email")
        html = response.content.decode()

        self.assertEqual(response.status_code, 200)
        self.assertIn('<html lang="nl"', html)
        self.assertIn("Buurtkamer Presikhaaf", html)
        self.assertIn("/voorbeeld/afmelden/", html)
        self.assertNotIn("%%", html)

    def test_web_preview_mode_is_the_page(self):
        response = self.issue.make_preview_request(preview_mode="")
        self.assertContains(response, "Buurtkamer Presikhaaf")

    def test_test_mail_arrives_at_a_real_smtp_server(self):
        self.client.force_login(self.editor)
        with SmtpSink() as sink, sink.settings_override():
            response = self.client.post(
                self.url, {"addresses": "een@gemeente.example,\ntwee@gemeente.example"}
            )

        self.assertRedirects(response, f"/admin/pages/{self.issue.pk}/edit/", fetch_redirect_response=False)
        self.assertEqual(sorted(sink.recipients()), ["een@gemeente.example", "twee@gemeente.example"])
        # One message per address: test readers never see each other's address.
        addressed = sorted(m["To"] for m in sink.messages)
        self.assertEqual(addressed, ["een@gemeente.example", "twee@gemeente.example"])
        message = sink.messages[0]
        self.assertEqual(message["Subject"], "[Test] Herfst")
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        self.assertIn("Buurtkamer Presikhaaf", text)
        self.assertIn("Buurtkamer Presikhaaf", html)
        self.assertNotIn("%%", text + html)

    def test_bad_addresses_are_refused_and_nothing_is_sent(self):
        self.client.force_login(self.editor)
        with SmtpSink() as sink, sink.settings_override():
            for addresses in ("geen-adres", "", "a@b.example " * 11, "goed@gemeente.example, fout@"):
                response = self.client.post(self.url, {"addresses": addresses})
                self.assertEqual(response.status_code, 400, addresses)
        self.assertEqual(sink.messages, [])
        self.assertContains(response, "fout@", status_code=400)

    def test_get_only_shows_the_form(self):
        self.client.force_login(self.editor)
        with SmtpSink() as sink, sink.settings_override():
            response = self.client.get(self.url + "?addresses=een@gemeente.example")
        self.assertContains(response, 'name="addresses"')
        self.assertEqual(sink.messages, [])

    def test_dead_mail_server_is_a_message_not_a_500(self):
        self.client.force_login(self.editor)
        sink = SmtpSink()  # never started: nothing listens on its port
        with sink.settings_override():
            response = self.client.post(self.url, {"addresses": "een@gemeente.example"})
        self.assertContains(response, "mailserver", status_code=400)
