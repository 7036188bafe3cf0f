"""Pilot-interest submissions in the Wagtail admin: listed, filtered, searched, followed up and
exported; personal data only for those whose group was given the model's permissions. And the
contact details leave a submission after the retention period.
"""

import csv
import datetime
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from knowledge.models import Municipality
from pilot_interest.models import PilotInterest
from tests.factories.home import page_writers
from tests.factories.knowledge import build_site
from tests.factories.pilot_interest import PilotInterestFactory

INDEX = "/admin/belangstelling-pilots/"


class PilotInterestAdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site(theme_slugs=())
        cls.ede = Municipality.objects.get(name="Ede")
        cls.tiel = Municipality.objects.get(name="Tiel")
        cls.anna = PilotInterestFactory(
            municipality=cls.ede,
            contact_name="Anna Jansen",
            email="anna@ede.example",
            phone="0318 68 01 11",
            place="Veldhuizen",
            challenge="Veel ouderen in Veldhuizen zijn eenzaam, het buurthuis sluit om vijf uur.",
        )
        cls.ben = PilotInterestFactory(
            municipality=cls.tiel,
            contact_name="Ben Bos",
            email="ben@tiel.example",
            place="Passewaaij",
            challenge="Jonge gezinnen met schulden vinden de weg naar hulp niet, de wijkteams zijn overvol.",
            status=PilotInterest.Status.IN_CONTACT,
            language="en",
            notes="Gebeld op maandag, afspraak in de wijk.",
        )
        cls.admin = get_user_model().objects.create_superuser("beheerder", "beheer@example.org", "x")
        cls.editor = get_user_model().objects.create_user("redacteur", "r@example.org", "x")
        cls.editor.groups.add(page_writers())
        cls.editor.user_permissions.add(*Permission.objects.filter(codename="access_admin"))

    def listing(self, **params):
        response = self.client.get(INDEX, params)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()


class ListTests(PilotInterestAdminTestCase):
    def test_the_menu_and_the_list_show_the_submissions(self):
        self.client.force_login(self.admin)

        self.assertIn("Belangstelling pilots", self.client.get("/admin/").content.decode())
        page = self.listing()
        for shown in ("Anna Jansen", "Veldhuizen", "Ben Bos", "Passewaaij", "In contact", "Nieuw"):
            self.assertIn(shown, page)

    def test_filter_by_municipality_status_and_date_and_search(self):
        PilotInterest.objects.filter(pk=self.ben.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=40)
        )
        self.client.force_login(self.admin)
        last_week = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()

        checks = [
            ({"municipality": self.ede.pk}, "Anna Jansen", "Ben Bos"),
            ({"municipality": self.tiel.pk}, "Ben Bos", "Anna Jansen"),
            ({"status": "in_contact"}, "Ben Bos", "Anna Jansen"),
            ({"status": "new"}, "Anna Jansen", "Ben Bos"),
            ({"created_at_from": last_week}, "Anna Jansen", "Ben Bos"),
            ({"created_at_to": last_week}, "Ben Bos", "Anna Jansen"),
            ({"q": "schulden"}, "Ben Bos", "Anna Jansen"),
            ({"q": "anna@ede"}, "Anna Jansen", "Ben Bos"),
            ({"q": "Passewaaij"}, "Ben Bos", "Anna Jansen"),
        ]
        for params, shown, hidden in checks:
            with self.subTest(params=params):
                page = self.listing(**params)
                self.assertIn(shown, page)
                self.assertNotIn(hidden, page)

    def test_csv_export_has_every_column_editors_need(self):
        self.client.force_login(self.admin)

        response = self.client.get(INDEX, {"export": "csv", "municipality": self.tiel.pk})

        self.assertEqual(response.status_code, 200)
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        [row] = list(csv.DictReader(io.StringIO(body), delimiter=";"))
        self.assertEqual(row["Gemeente"], "Tiel")
        self.assertEqual(row["Wijk of dorp"], "Passewaaij")
        self.assertEqual(row["Contactpersoon"], "Ben Bos")
        self.assertEqual(row["E-mailadres"], "ben@tiel.example")
        self.assertEqual(row["Uitdaging"], self.ben.challenge)
        self.assertEqual(row["Status"], "In contact")
        self.assertEqual(row["Taal"], "en")
        self.assertEqual(row["Notities"], "Gebeld op maandag, afspraak in de wijk.")
        for column in ("Ontvangen op", "Telefoon", "E-mail aan het team verstuurd op", "E-mail mislukt"):
            self.assertIn(column, row)

    def test_xlsx_export_is_offered(self):
        self.client.force_login(self.admin)

        response = self.client.get(INDEX, {"export": "xlsx"})

        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response["Content-Type"])
        self.assertIn("belangstelling-pilots", response["Content-Disposition"])


class FollowUpTests(PilotInterestAdminTestCase):
    def test_an_editor_with_the_permissions_sets_the_status_and_keeps_notes(self):
        self.client.force_login(self.admin)
        url = f"{INDEX}edit/{self.anna.pk}/"
        form = self.client.get(url)
        self.assertEqual(form.status_code, 200)
        self.assertIn("Veel ouderen in Veldhuizen", form.content.decode())

        response = self.client.post(
            url,
            {
                "municipality": self.ede.pk,
                "place": "Veldhuizen",
                "contact_name": "Anna Jansen",
                "email": "anna@ede.example",
                "phone": "0318 68 01 11",
                "challenge": self.anna.challenge,
                "status": "handled",
                "notes": "Pilot gaat in maart van start.",
            },
        )

        self.assertEqual(response.status_code, 302)
        self.anna.refresh_from_db()
        self.assertEqual((self.anna.status, self.anna.notes), ("handled", "Pilot gaat in maart van start."))

    def test_the_inspect_view_shows_the_mail_bookkeeping(self):
        PilotInterest.objects.filter(pk=self.anna.pk).update(
            acknowledgement_sent_at=None, mail_error="bevestiging aan de afzender: (451, 'Try again later')"
        )
        self.client.force_login(self.admin)

        page = self.client.get(f"{INDEX}inspect/{self.anna.pk}/").content.decode()

        self.assertIn("bevestiging aan de afzender: (451", page)
        self.assertIn("anna@ede.example", page)


class PermissionTests(PilotInterestAdminTestCase):
    def test_an_editor_without_the_permissions_sees_no_submission(self):
        self.client.force_login(self.editor)

        self.assertNotIn("Belangstelling pilots", self.client.get("/admin/").content.decode())
        for url in (
            INDEX,
            f"{INDEX}?export=csv",
            f"{INDEX}edit/{self.anna.pk}/",
            f"{INDEX}inspect/{self.anna.pk}/",
            f"{INDEX}new/",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn("anna@ede.example", response.content.decode())
                self.assertNotIn("Anna Jansen", response.content.decode())

    def test_a_group_given_the_permissions_sees_them(self):
        group = Group.objects.create(name="Team Leefbaarheid")
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="pilot_interest"),
            *Permission.objects.filter(codename="access_admin"),
        )
        member = get_user_model().objects.create_user("teamlid", "t@example.org", "x")
        member.groups.add(group)
        self.client.force_login(member)

        self.assertIn("Anna Jansen", self.listing())
        self.assertIn("anna@ede.example", self.client.get(f"{INDEX}inspect/{self.anna.pk}/").content.decode())


@override_settings(PILOT_INTEREST_RETENTION_MONTHS=24)
class RetentionTests(PilotInterestAdminTestCase):
    def test_contact_details_go_after_the_retention_period_and_the_rest_stays(self):
        long_ago = timezone.now() - datetime.timedelta(days=2 * 365 + 30)
        PilotInterest.objects.filter(pk=self.ben.pk).update(
            created_at=long_ago, mail_error="team: ben@tiel.example"
        )

        call_command("purge_personal_data", "--only", "pilot_interest", stdout=io.StringIO())

        ben = PilotInterest.objects.get(pk=self.ben.pk)
        self.assertEqual((ben.contact_name, ben.email, ben.phone, ben.mail_error), ("", "", "", ""))
        self.assertIsNotNone(ben.anonymised_at)
        self.assertEqual((ben.municipality, ben.place, ben.status), (self.tiel, "Passewaaij", "in_contact"))
        self.assertEqual(ben.challenge, self.ben.challenge)
        self.assertEqual(ben.notes, self.ben.notes)
        anna = PilotInterest.objects.get(pk=self.anna.pk)
        self.assertEqual(anna.email, "anna@ede.example")  # recent: untouched

        anonymised_at = ben.anonymised_at
        # Again: nothing changes.
        call_command("purge_personal_data", "--only", "pilot_interest", stdout=io.StringIO())
        self.assertEqual(PilotInterest.objects.get(pk=self.ben.pk).anonymised_at, anonymised_at)
