"""An editor of Team Leefbaarheid translates a page into English and publishes it, in the admin.

Driven through the admin's own views, as the translation editor's JavaScript calls them: the
*Translate* form (with "Engels" already ticked), the translation editor page, its endpoint for one
segment, preview, and publish. The English page is then live for a visitor.
"""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from home.models import StandardPage
from tests.factories.home import StandardPageFactory, dutch_home, site_settings
from tests.factories.translation import translate
from tests.utils import soup, visible_text

TRANSLATIONS = {
    "Over het programma": "About the programme",
    "Wie wij zijn en wat wij doen.": "Who we are and what we do.",
    "Het programma helpt gemeenten.": "The programme helps municipalities.",
}


class EditorTranslatesAPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        site_settings()
        translate(home, {"Leefbaarheid Gelderland": "Livability Gelderland"})
        cls.page = StandardPageFactory(
            parent=home,
            title="Over het programma",
            slug="over-het-programma",
            introduction="Wie wij zijn en wat wij doen.",
            body__0__paragraph__value="<p>Het programma helpt gemeenten.</p>",
        )
        cls.english = Locale.objects.get(language_code="en")
        cls.editor = get_user_model().objects.create_user("redacteur", "redacteur@example.org", "x")
        cls.editor.groups.add(Group.objects.get(name="Redacteuren"))
        profile = UserProfile.get_for_user(cls.editor)
        profile.preferred_language = "nl"
        profile.save()

    def setUp(self):
        self.client.force_login(self.editor)

    def submit_url(self):
        return reverse("wagtail_localize:submit_page_translation", args=[self.page.pk])

    def editor_props(self, english_page):
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[english_page.pk]))
        self.assertEqual(response.status_code, 200)
        element = soup(response).find(class_="js-translation-editor")
        self.assertIsNotNone(element, "the English page opens in wagtail-localize's translation editor")
        return json.loads(element["data-props"])

    def put_segment(self, segment, value):
        return self.client.put(
            segment["editUrl"],
            encode_multipart(BOUNDARY, {"value": value}),
            content_type=MULTIPART_CONTENT,
        )

    def test_english_is_ticked_when_the_translate_form_opens(self):
        response = self.client.get(self.submit_url())

        self.assertEqual(response.status_code, 200)
        checkbox = soup(response).find("input", attrs={"name": "locales", "value": str(self.english.pk)})
        self.assertIsNotNone(checkbox)
        self.assertTrue(checkbox.has_attr("checked"), "Engels is ticked")

    def test_the_editor_translates_previews_and_publishes_and_a_visitor_reads_it(self):
        response = self.client.post(self.submit_url(), {"locales": [self.english.pk]})
        self.assertEqual(response.status_code, 302)
        english_page = self.page.get_translation(self.english)
        self.assertFalse(english_page.live)  # a draft until the translator publishes it

        props = self.editor_props(english_page)
        self.assertTrue(props["perms"]["canPublish"], "the editor gets a publish action")
        for segment in props["segments"]:
            if segment["type"] == "string" and segment["source"] in TRANSLATIONS:
                response = self.put_segment(segment, TRANSLATIONS[segment["source"]])
                self.assertIn(response.status_code, (200, 201), segment["source"])

        preview = self.client.get(props["previewModes"][0]["url"])
        self.assertEqual(preview.status_code, 200)
        self.assertIn("The programme helps municipalities.", visible_text(preview))

        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("wagtailadmin_pages:edit", args=[english_page.pk]), {"action": "publish"}
            )
        self.assertEqual(response.status_code, 302)

        english_page = StandardPage.objects.get(pk=english_page.pk)
        self.assertTrue(english_page.live)
        self.client.logout()
        response = self.client.get("/en/over-het-programma/")
        self.assertEqual(response.status_code, 200)
        text = visible_text(response)
        for english in TRANSLATIONS.values():
            self.assertIn(english, text)
        self.assertNotIn("Het programma helpt gemeenten.", text)
