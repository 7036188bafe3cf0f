"""Registrations in the Wagtail admin: per meeting, filtered, searched and exported; personal data
only for those whose group was given the registration permissions."""

import csv
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import TestCase

from knowledge.models import Municipality
from registrations.models import Registration
from tests.factories.home import page_writers
from tests.factories.knowledge import MeetingPageFactory, build_site

INDEX = "/admin/aanmeldingen/"


class RegistrationAdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site(theme_slugs=())
        cls.first = MeetingPageFactory(parent=tree.meeting_index, title="Intervisie Ede")
        cls.second = MeetingPageFactory(parent=tree.meeting_index, title="Intervisie Tiel")
        ede = Municipality.objects.get(name="Ede")
        cls.anna = Registration.objects.create(
            meeting=cls.first,
            name="Anna Jansen",
            email="anna@ede.example",
            municipality=ede,
            role="policy",
            status=Registration.Status.CONFIRMED,
        )
        cls.ben = Registration.objects.create(
            meeting=cls.second,
            name="Ben Bos",
            email="ben@movisie.example",
            organisation="Movisie",
            role="other",
            status=Registration.Status.WAITLISTED,
            case="Een buurthuis dat sluit",
        )
        cls.admin = get_user_model().objects.create_superuser("beheerder", "beheer@example.org", "x")
        cls.editor = get_user_model().objects.create_user("redacteur", "r@example.org", "x")
        cls.editor.groups.add(page_writers())
        cls.editor.user_permissions.add(*Permission.objects.filter(codename="access_admin"))

    def listing(self, **params):
        return self.client.get(INDEX, params).content.decode()


class ListTests(RegistrationAdminTestCase):
    def test_filter_by_meeting_status_and_municipality_and_search(self):
        self.client.force_login(self.admin)

        self.assertIn("anna@ede.example", self.listing())
        self.assertIn("ben@movisie.example", self.listing())
        checks = [
            ({"meeting": self.first.pk}, "anna@ede.example", "ben@movisie.example"),
            ({"status": "waitlisted"}, "ben@movisie.example", "anna@ede.example"),
            ({"municipality": Municipality.objects.get(name="Ede").pk}, "anna@ede.example", "ben@movisie"),
            ({"q": "Movisie"}, "ben@movisie.example", "anna@ede.example"),
        ]
        for params, shown, hidden in checks:
            with self.subTest(params=params):
                page = self.listing(**params)
                self.assertIn(shown, page)
                self.assertNotIn(hidden, page)

    def test_csv_export_has_every_field_editors_need(self):
        self.client.force_login(self.admin)

        response = self.client.get(INDEX, {"export": "csv", "meeting": self.second.pk})

        body = b"".join(response.streaming_content).decode("utf-8-sig")
        [row] = list(csv.DictReader(io.StringIO(body), delimiter=";"))
        self.assertEqual(row["E-mailadres"], "ben@movisie.example")
        self.assertEqual(row["Bijeenkomst"], "Intervisie Tiel")
        self.assertEqual(row["Andere organisatie"], "Movisie")
        self.assertEqual(row["Casus voor de intervisie"], "Een buurthuis dat sluit")
        self.assertEqual(row["Status"], "Op de wachtlijst")

    def test_an_editor_without_the_permission_sees_no_registration(self):
        self.client.force_login(self.editor)

        for url in (INDEX, f"{INDEX}edit/{self.anna.pk}/", f"{INDEX}?export=csv"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn("anna@ede.example", response.content.decode())


class MeetingPageInTheAdminTests(RegistrationAdminTestCase):
    def test_the_meeting_page_shows_how_registration_stands_and_links_its_list(self):
        Registration.objects.filter(pk=self.ben.pk).update(meeting=self.first)
        Registration.objects.create(
            meeting=self.first, name="Nep", email="nep@dood.example", role="other", status="pending"
        )
        self.client.force_login(self.admin)

        response = self.client.get(f"/admin/pages/{self.first.pk}/edit/")

        page = " ".join(response.content.decode().split())
        for expected in (
            "<dt>Aangemeld</dt><dd>1</dd>",
            "<dt>Op de wachtlijst</dt><dd>1</dd>",
            "<dt>Nog niet bevestigd</dt><dd>1</dd>",
            "<dt>Afgemeld</dt><dd>0</dd>",
            f"{INDEX}?meeting={self.first.pk}",
        ):
            self.assertIn(expected, page)

    def test_an_editor_without_the_permission_sees_no_counts(self):
        self.client.force_login(self.editor)

        response = self.client.get(f"/admin/pages/{self.first.pk}/edit/")

        self.assertEqual(response.status_code, 200)  # the editor may edit the meeting itself
        self.assertNotIn("meeting-registrations", response.content.decode())
