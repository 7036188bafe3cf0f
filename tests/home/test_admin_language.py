"""Editors work in a Dutch admin unless they choose English for themselves."""

from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile


class AdminLanguageTests(WagtailTestUtils, TestCase):
    def setUp(self):
        self.user = self.login()

    def test_the_admin_is_dutch_by_default(self):
        response = self.client.get(reverse("wagtailadmin_home"))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<html lang="nl"')
        self.assertContains(response, "Pagina's")
        self.assertContains(response, "Ga naar de inhoud")
        self.assertNotContains(response, "Skip to main content")

    def test_an_editor_switches_the_admin_to_english(self):
        account_url = reverse("wagtailadmin_account")
        form = querydict_from_html(self.client.get(account_url).content.decode(), form_index=0)
        form.update({"name_email-first_name": "Anna", "name_email-last_name": "de Boer"})
        form["locale-preferred_language"] = "en"

        response = self.client.post(account_url, form)

        self.assertEqual(response.status_code, 302)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, '<html lang="en"')
        self.assertContains(response, "Skip to main content")
        self.assertNotContains(response, "Pagina's")

    def test_switching_to_english_leaves_other_editors_in_dutch(self):
        profile = UserProfile.get_for_user(self.user)
        profile.preferred_language = "en"
        profile.save()
        other = self.create_superuser("collega", "collega@example.org", "geheim")
        self.client.force_login(other)

        response = self.client.get(reverse("wagtailadmin_home"))

        self.assertContains(response, '<html lang="nl"')
