"""An editor previews an issue as one subscriber gets it, or as chosen themes and a municipality.

Both editor roles may (Redacteuren, Hoofdredactie); a partner may not. The mail in the preview is
the real one (MJML, inlined), with the subscriber's marks and sample links instead of their own.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.users.models import UserProfile

from knowledge.models import Municipality
from newsletter.links import personal_urls
from partners.setup import set_up_partner
from tests.factories.knowledge import build_site
from tests.factories.newsletter import SubscriberFactory
from tests.newsletter.test_issue_rendering import make_issue
from tests.utils import soup


def account(username, group):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "geheim-wachtwoord")
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    return user


class PreviewAsSubscriberTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        cls.issue, cls.pages = make_issue(cls.tree)
        cls.poverty = cls.tree.themes["armoede-en-schulden"]
        cls.loneliness = cls.tree.themes["eenzaamheid"]
        cls.arnhem = Municipality.objects.get(name="Arnhem")
        cls.reader = SubscriberFactory(email="lezer@arnhem.example", municipality=cls.arnhem)
        cls.reader.themes.set([cls.poverty])
        cls.english_reader = SubscriberFactory(email="reader@ede.example", language="en")
        cls.editor = account("redacteur", Group.objects.get(name="Redacteuren"))
        cls.chief = account("hoofdredacteur", Group.objects.get(name="Hoofdredactie"))
        cls.partner = account("movisie", set_up_partner("Movisie").group)
        cls.url = reverse("newsletter_preview_subscriber", args=[cls.issue.pk])
        cls.mail_url = reverse("newsletter_preview_subscriber_mail", args=[cls.issue.pk])

    def test_both_editor_roles_see_the_mail_as_the_subscriber_gets_it(self):
        for user in (self.editor, self.chief):
            self.client.force_login(user)
            page = soup(self.client.get(self.url, {"email": "Lezer@Arnhem.example"}))
            summary = page.find("section", attrs={"aria-labelledby": "preview-heading"}).get_text(
                " ", strip=True
            )
            self.assertIn("lezer@arnhem.example", summary)
            self.assertIn("Armoede en schulden", summary)
            self.assertIn("Arnhem", summary)
            frame = page.find("iframe")
            self.assertTrue(frame["src"].startswith(self.mail_url), frame["src"])
            self.assertTrue(frame.get("title"))
            self.assertIn(
                "Buurtkamer Presikhaaf\n  Uw thema: Armoede en schulden\n  Uw gemeente: Arnhem",
                page.find("pre").get_text(),
            )

            mail = self.client.get(frame["src"])
            self.assertEqual(mail["X-Frame-Options"], "SAMEORIGIN")
            html = mail.content.decode()
            self.assertIn('<html lang="nl"', html)
            self.assertEqual(html.count("<strong>Uw thema:</strong> Armoede en schulden"), 2)  # pilot, method
            self.assertEqual(html.count("<strong>Uw gemeente:</strong> Arnhem"), 1)
            self.assertEqual(html.count(">Methode Samen Eten</a>"), 1)

    def test_the_links_in_the_preview_are_samples_not_the_subscribers_own(self):
        self.client.force_login(self.editor)
        html = self.client.get(self.mail_url, {"email": self.reader.email}).content.decode()
        self.assertIn("/voorbeeld/afmelden/", html)
        own = personal_urls(self.reader)["unsubscribe"].rsplit("/", 2)[0]  # the path without the token
        self.assertNotIn(own, html)

    def test_a_chosen_set_of_themes_and_a_municipality(self):
        self.client.force_login(self.editor)
        query = {"themes": [self.loneliness.pk, self.poverty.pk], "municipality": self.arnhem.pk}
        page = soup(self.client.get(self.url, query))
        self.assertIsNotNone(page.find("iframe"))
        html = self.client.get(self.mail_url, query).content.decode()
        self.assertIn("<strong>Uw thema:</strong> Eenzaamheid, Armoede en schulden", html)
        self.assertIn("<strong>Uw thema:</strong> Eenzaamheid</p>", html)
        self.assertIn("<strong>Uw gemeente:</strong> Arnhem", html)

        nothing = self.client.get(self.mail_url, {"municipality": ""}).content.decode()
        self.assertNotIn('class="mark"', nothing)

    def test_an_unknown_address_gets_a_clear_message(self):
        self.client.force_login(self.editor)
        response = self.client.get(self.url, {"email": "niemand@example.org"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Er is geen abonnee met dit e-mailadres.", status_code=400)
        self.assertIsNone(soup(response).find("iframe"))
        self.assertEqual(self.client.get(self.mail_url, {"email": "niemand@example.org"}).status_code, 400)

    def test_a_reader_of_a_language_the_issue_is_not_in_yet(self):
        self.client.force_login(self.editor)
        response = self.client.get(self.url, {"email": self.english_reader.email})
        self.assertContains(response, "Van dit nummer is nog geen vertaling in die taal.", status_code=400)

    def test_the_editor_finds_the_button_on_the_issue(self):
        self.client.force_login(self.editor)
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.issue.pk]))
        self.assertContains(edit, self.url)

    def test_a_partner_is_refused_and_sees_no_subscriber_data(self):
        self.client.force_login(self.partner)
        for url in (self.url, self.mail_url):
            response = self.client.get(url, {"email": self.reader.email})
            self.assertEqual(response.status_code, 302, url)
            self.assertNotIn(b"Armoede", response.content)
            self.assertNotIn(b"Buurtkamer", response.content)
