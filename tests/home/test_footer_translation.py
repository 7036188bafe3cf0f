"""The editor-in-chief translates the footer into English in the admin, as a page is translated.

Driven through wagtail-localize's own views, as its translation editor's JavaScript calls them:
*Vertaal* on the Dutch footer (with "Engels" ticked), the translation editor that the English
footer's edit page becomes, its endpoint for one text, and *Publiceer*. English visitors then see
the English texts at once; the contact details stay the Dutch footer's.
"""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from tests.factories.home import FooterLinkFactory, StandardPageFactory, dutch_home, site_footer
from tests.factories.translation import translate
from tests.utils import soup

TRANSLATIONS = {
    "Team Leefbaarheid, Provincie Gelderland": "Team Leefbaarheid, Province of Gelderland",
    "Provincie Gelderland": "Province of Gelderland",
}


class ChiefEditorTranslatesTheFooterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        translate(home)
        cls.privacy = StandardPageFactory(parent=home, title="Privacy", slug="privacy")
        cls.footer = site_footer()
        FooterLinkFactory(page=cls.privacy, sort_order=0)
        FooterLinkFactory(url="https://www.gelderland.nl", label="Provincie Gelderland", sort_order=1)
        cls.english = Locale.objects.get(language_code="en")
        cls.chief = get_user_model().objects.create_user("hoofdredacteur", "hr@example.org", "x")
        cls.chief.groups.add(Group.objects.get(name="Hoofdredactie"))
        profile = UserProfile.get_for_user(cls.chief)
        profile.preferred_language = "nl"
        profile.save()

    def setUp(self):
        self.client.force_login(self.chief)

    def submit_url(self):
        args = ["home", "sitefooter", self.footer.pk]
        return reverse("wagtail_localize:submit_snippet_translation", args=args)

    def edit_url(self, footer):
        return reverse("wagtailsnippets_home_sitefooter:edit", args=[footer.pk])

    def test_the_translate_action_is_offered_on_the_dutch_footer(self):
        response = self.client.get(reverse("wagtailsnippets_home_sitefooter:list"))

        self.assertContains(response, self.submit_url())
        response = self.client.get(self.submit_url())
        self.assertEqual(response.status_code, 200)
        checkbox = soup(response).find("input", attrs={"name": "locales", "value": str(self.english.pk)})
        self.assertIsNotNone(checkbox, "Engels can be chosen")

    def test_the_editor_in_chief_translates_and_publishes_and_english_visitors_see_it(self):
        self.client.logout()
        self.assertIn("Provincie Gelderland", soup(self.client.get("/en/")).find("footer").get_text())
        self.client.force_login(self.chief)

        response = self.client.post(self.submit_url(), {"locales": [self.english.pk]})
        self.assertEqual(response.status_code, 302)
        english_footer = self.footer.get_translation(self.english)

        response = self.client.get(self.edit_url(english_footer))
        self.assertEqual(response.status_code, 200)
        element = soup(response).find(class_="js-translation-editor")
        self.assertIsNotNone(element, "the English footer opens in wagtail-localize's translation editor")
        segments = [s for s in json.loads(element["data-props"])["segments"] if s["type"] == "string"]
        # The texts go to the translator; the contact details and link targets do not.
        self.assertEqual(sorted(s["source"] for s in segments), sorted(TRANSLATIONS))
        for segment in segments:
            response = self.client.put(
                segment["editUrl"],
                encode_multipart(BOUNDARY, {"value": TRANSLATIONS[segment["source"]]}),
                content_type=MULTIPART_CONTENT,
            )
            self.assertIn(response.status_code, (200, 201), segment["source"])

        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.edit_url(english_footer), {"action": "publish"})
        self.assertEqual(response.status_code, 302)

        self.client.logout()
        footer = soup(self.client.get("/en/")).find("footer")
        text = " ".join(footer.get_text(" ").split())
        self.assertIn("Team Leefbaarheid, Province of Gelderland", text)
        self.assertIn("Province of Gelderland", [a.get_text() for a in footer.find_all("a")])
        self.assertNotIn("Provincie Gelderland", text)
        self.assertIn("leefbaarheid@gelderland.nl", text)
