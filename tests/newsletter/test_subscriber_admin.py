"""Subscribers in the Wagtail admin: list, filter, search and export, one person's data, erasure.

Subscriber data is personal: only users whose group has the subscriber permissions see it. The
tests check that an ordinary editor is refused each screen, not only that the menu hides it.
"""

import csv
import io
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import TestCase
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from knowledge.models import Municipality
from newsletter.models import Subscriber, SuppressedAddress
from tests.factories.home import page_writers
from tests.factories.knowledge import build_site
from tests.factories.newsletter import SubscriberFactory

INDEX = "/admin/kwartaalupdate/abonnees/"


def export_data_url(subscriber):
    return f"{INDEX}export-data/{subscriber.pk}/"


def erase_url(subscriber):
    return f"{INDEX}delete/{subscriber.pk}/"


class SubscriberAdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site()
        cls.theme = tree.themes["eenzaamheid"]
        cls.anna = SubscriberFactory(
            email="anna@ede.example",
            name="Anna",
            municipality=Municipality.objects.get(name="Ede"),
            organisation="Team Wonen",
        )
        cls.anna.themes.set([cls.theme])
        cls.ben = SubscriberFactory(
            email="ben@tiel.example", language="en", status=Subscriber.Status.PENDING, confirmed_at=None
        )
        cls.admin = get_user_model().objects.create_superuser("beheerder", "beheer@example.org", "x")
        cls.editor = cls.make_user("redacteur", [])
        cls.viewer = cls.make_user("kijker", ["view_subscriber"])

    @classmethod
    def make_user(cls, username, codenames):
        """An editor as the site has them (Wagtail's Editors group), plus the given permissions."""
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
        user.groups.add(page_writers())
        user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
        return user


class ListTests(SubscriberAdminTestCase):
    def setUp(self):
        self.client.force_login(self.admin)

    def test_list_filter_and_search(self):
        listed = self.client.get(INDEX)
        self.assertIn("anna@ede.example", listed.content.decode())
        self.assertIn("ben@tiel.example", listed.content.decode())

        confirmed = self.client.get(INDEX, {"status": "confirmed"}).content.decode()
        self.assertIn("anna@ede.example", confirmed)
        self.assertNotIn("ben@tiel.example", confirmed)

        english = self.client.get(INDEX, {"language": "en"}).content.decode()
        self.assertIn("ben@tiel.example", english)
        self.assertNotIn("anna@ede.example", english)

        for query in ("Team Wonen", "Ede"):  # organisation, municipality
            found = self.client.get(INDEX, {"q": query}).content.decode()
            self.assertIn("anna@ede.example", found)
            self.assertNotIn("ben@tiel.example", found)

        ede = Municipality.objects.get(name="Ede")
        in_ede = self.client.get(INDEX, {"municipality": ede.pk}).content.decode()
        self.assertIn("anna@ede.example", in_ede)
        self.assertNotIn("ben@tiel.example", in_ede)

    def test_csv_export_has_every_subscriber_with_consent_and_themes(self):
        response = self.client.get(INDEX, {"export": "csv"})

        self.assertEqual(response.status_code, 200)
        self.assertIn("abonnees-kwartaalupdate.csv", response["Content-Disposition"])
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = {row["E-mailadres"]: row for row in csv.DictReader(io.StringIO(body), delimiter=";")}
        self.assertEqual(set(rows), {"anna@ede.example", "ben@tiel.example"})
        self.assertEqual(rows["anna@ede.example"]["Thema's"], "eenzaamheid")
        self.assertEqual(rows["anna@ede.example"]["Formulier of bestand"], "aanmelden")
        self.assertEqual(rows["anna@ede.example"]["Gemeente"], "Ede")

    def test_xlsx_export_is_a_spreadsheet(self):
        response = self.client.get(INDEX, {"export": "xlsx"})

        self.assertEqual(response.status_code, 200)
        self.assertIn("abonnees-kwartaalupdate.xlsx", response["Content-Disposition"])
        self.assertEqual(b"".join(response.streaming_content)[:2], b"PK")  # a zip, as xlsx files are


class PersonalDataTests(SubscriberAdminTestCase):
    def test_export_data_downloads_everything_kept_about_one_person(self):
        self.client.force_login(self.admin)

        response = self.client.get(export_data_url(self.anna))

        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        data = json.loads(response.content)
        self.assertEqual(data["email"], "anna@ede.example")
        self.assertEqual(data["themes"], [{"slug": "eenzaamheid", "title": self.theme.title}])
        self.assertEqual(data["municipality"], {"name": "Ede", "cbs_code": "GM0228"})
        self.assertEqual(data["organisation"], "Team Wonen")
        self.assertEqual(data["consent"]["source"], "form")
        self.assertIsNotNone(data["consent"]["confirmed_at"])
        self.assertNotIn("ben@tiel.example", response.content.decode())

    def test_erase_asks_first_then_keeps_only_the_hash(self):
        self.client.force_login(self.admin)
        log(self.anna, "wagtail.edit", user=self.admin)

        confirm = self.client.get(erase_url(self.anna))

        self.assertEqual(confirm.status_code, 200)
        self.assertIn("wissen", confirm.content.decode())
        self.assertTrue(Subscriber.objects.filter(pk=self.anna.pk).exists())

        response = self.client.post(erase_url(self.anna))

        self.assertRedirects(response, INDEX)
        self.assertFalse(Subscriber.objects.filter(email="anna@ede.example").exists())
        self.assertTrue(SuppressedAddress.is_suppressed("anna@ede.example"))
        self.assertFalse(
            ModelLogEntry.objects.filter(
                object_id=str(self.anna.pk), content_type__model="subscriber"
            ).exists()
        )
        self.assertEqual(Subscriber.objects.count(), 1)

    def test_the_list_and_the_edit_page_link_the_data_download(self):
        self.client.force_login(self.admin)

        for url in (INDEX, f"{INDEX}edit/{self.anna.pk}/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn(export_data_url(self.anna), response.content.decode())

    def test_erase_by_get_changes_nothing(self):
        self.client.force_login(self.admin)
        self.client.get(erase_url(self.anna))

        self.assertTrue(Subscriber.objects.filter(pk=self.anna.pk).exists())
        self.assertFalse(SuppressedAddress.is_suppressed("anna@ede.example"))


class PermissionTests(SubscriberAdminTestCase):
    def assert_refused(self, response):
        # Wagtail answers a refused admin view by sending the user back to the dashboard.
        self.assertIn(response.status_code, (302, 403))
        if response.status_code == 302:
            self.assertEqual(response["Location"], "/admin/")
        self.assertNotIn(b"anna@ede.example", response.content)

    def test_an_editor_without_the_permission_is_refused_everything(self):
        self.client.force_login(self.editor)

        self.assertEqual(self.client.get("/admin/").status_code, 200)  # an editor, just not for this
        for url in (
            INDEX,
            INDEX + "?export=csv",
            export_data_url(self.anna),
            erase_url(self.anna),
            f"{INDEX}edit/{self.anna.pk}/",
        ):
            with self.subTest(url=url):
                self.assert_refused(self.client.get(url))
        self.assert_refused(self.client.post(erase_url(self.anna)))
        self.assertTrue(Subscriber.objects.filter(pk=self.anna.pk).exists())
        self.assertNotIn(INDEX, self.client.get("/admin/").content.decode())  # not in the menu

    def test_view_permission_allows_reading_and_export_but_not_erasing(self):
        self.client.force_login(self.viewer)

        self.assertEqual(self.client.get(INDEX).status_code, 200)
        self.assertEqual(self.client.get(export_data_url(self.anna)).status_code, 200)
        self.assert_refused(self.client.post(erase_url(self.anna)))
        self.assertTrue(Subscriber.objects.filter(pk=self.anna.pk).exists())
        self.assertFalse(SuppressedAddress.is_suppressed("anna@ede.example"))

    def test_anonymous_visitors_are_sent_to_the_login(self):
        response = self.client.get(export_data_url(self.anna))

        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])
