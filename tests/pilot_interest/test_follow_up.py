"""Following pilot interest up: who handles it, the status of many at once, and what the
municipality sent kept as it was.

As an editor of the *Redacteuren* group (the least-privileged account that may follow up): open a
submission and see what the municipality sent, read-only, above the follow-up fields; tick several
submissions in the list, choose *Status wijzigen*, pick a status and a colleague, and confirm. A
partner's account and an account that may only look get none of it.
"""

import csv
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from knowledge.models import Municipality
from partners.setup import set_up_partner
from pilot_interest.models import PilotInterest
from tests.factories.knowledge import build_site
from tests.factories.pilot_interest import PilotInterestFactory

INDEX = "/admin/belangstelling-pilots/"
BULK = "/admin/bulk/pilot_interest/pilotinterest/status/"


def account(username, group=None, first_name=""):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "geheim-wachtwoord", first_name=first_name
    )
    if group is not None:
        user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    return user


class FollowUpTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site(theme_slugs=())
        cls.ede = Municipality.objects.get(name="Ede")
        cls.anna = PilotInterestFactory(
            municipality=cls.ede, contact_name="Anna Jansen", place="Veldhuizen", challenge="Eenzaamheid."
        )
        cls.ben = PilotInterestFactory(
            municipality=Municipality.objects.get(name="Tiel"), contact_name="Ben Bos", place="Passewaaij"
        )
        cls.cor = PilotInterestFactory(
            municipality=cls.ede, contact_name="Cor Dekker", place="Bennekom", status="handled"
        )
        editors = Group.objects.get(name="Redacteuren")
        cls.editor = account("redacteur", editors, first_name="Rita")
        cls.colleague = account("collega", editors, first_name="Kees")
        cls.partner = account("movisie", set_up_partner("Movisie").group, first_name="Paula")
        cls.viewer = account("kijker", first_name="Victor")
        cls.viewer.user_permissions.add(
            *Permission.objects.filter(codename__in=["access_admin", "view_pilotinterest"])
        )


class EditTests(FollowUpTestCase):
    def test_the_original_is_shown_read_only_and_the_follow_up_is_saved(self):
        self.client.force_login(self.editor)
        url = f"{INDEX}edit/{self.anna.pk}/"

        page = self.client.get(url).content.decode()

        self.assertIn("Wat de gemeente stuurde", page)
        self.assertIn("Eenzaamheid.", page)
        self.assertNotIn('name="challenge"', page)
        self.assertNotIn('name="contact_name"', page)
        self.assertIn('name="handled_by"', page)
        self.assertLess(page.index("Wat de gemeente stuurde"), page.index('name="status"'))

        response = self.client.post(
            url,
            {
                "status": "in_contact",
                "handled_by": self.colleague.pk,
                "notes": "Kees belt dinsdag.",
                # A crafted POST cannot change what the municipality sent.
                "challenge": "Iets anders",
                "contact_name": "Iemand anders",
            },
        )

        self.assertEqual(response.status_code, 302)
        self.anna.refresh_from_db()
        self.assertEqual(
            (self.anna.status, self.anna.handled_by, self.anna.notes),
            ("in_contact", self.colleague, "Kees belt dinsdag."),
        )
        self.assertEqual((self.anna.challenge, self.anna.contact_name), ("Eenzaamheid.", "Anna Jansen"))

    def test_handled_by_offers_the_team_by_name_and_no_partner(self):
        self.client.force_login(self.editor)

        page = self.client.get(f"{INDEX}edit/{self.anna.pk}/").content.decode()

        self.assertIn(f'<option value="{self.colleague.pk}">Kees</option>', page)
        # As an option: the admin's markup holds other values ("100" as a delay) that a pk may equal.
        self.assertNotIn(f'<option value="{self.partner.pk}">', page)
        self.assertNotIn(f'<option value="{self.viewer.pk}">', page)
        response = self.client.post(
            f"{INDEX}edit/{self.anna.pk}/", {"status": "new", "handled_by": self.partner.pk}
        )
        self.assertEqual(response.status_code, 200)
        self.anna.refresh_from_db()
        self.assertIsNone(self.anna.handled_by)

    def test_the_list_shows_who_handles_a_submission(self):
        PilotInterest.objects.filter(pk=self.ben.pk).update(handled_by=self.colleague)
        self.client.force_login(self.editor)

        page = self.client.get(INDEX).content.decode()

        self.assertIn("Behandeld door", page)
        self.assertIn("Kees", page)

    def test_the_export_names_who_handles_a_submission(self):
        PilotInterest.objects.filter(pk=self.ben.pk).update(handled_by=self.colleague)
        self.client.force_login(self.editor)

        response = self.client.get(INDEX, {"export": "csv"})

        body = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = {row["Contactpersoon"]: row for row in csv.DictReader(io.StringIO(body), delimiter=";")}
        self.assertEqual(rows["Ben Bos"]["Behandeld door"], "Kees")
        self.assertEqual(rows["Anna Jansen"]["Behandeld door"], "")


class BulkStatusTests(FollowUpTestCase):
    def url(self, *submissions):
        ids = "&".join(f"id={submission.pk}" for submission in submissions)
        return f"{BULK}?{ids}&next={INDEX}"

    def test_the_list_offers_the_checkboxes_and_the_action(self):
        self.client.force_login(self.editor)

        page = self.client.get(INDEX).content.decode()

        self.assertIn("data-bulk-action-checkbox", page)
        self.assertIn('aria-label="Ede, Veldhuizen: Anna Jansen"', page)
        self.assertIn("Status wijzigen", page)

    def test_an_editor_changes_the_status_of_several_at_once(self):
        self.client.force_login(self.editor)

        confirm = self.client.get(self.url(self.anna, self.ben, self.cor))
        page = confirm.content.decode()
        self.assertEqual(confirm.status_code, 200)
        for name in ("Anna Jansen", "Ben Bos", "Cor Dekker"):
            self.assertIn(name, page)
        # Looking at the confirmation changes nothing.
        self.assertEqual(PilotInterest.objects.filter(status="handled").count(), 1)

        response = self.client.post(
            self.url(self.anna, self.ben, self.cor), {"status": "handled", "handled_by": self.colleague.pk}
        )

        self.assertRedirects(response, INDEX, fetch_redirect_response=False)
        statuses = dict(PilotInterest.objects.values_list("contact_name", "status"))
        self.assertEqual(statuses, {"Anna Jansen": "handled", "Ben Bos": "handled", "Cor Dekker": "handled"})
        self.assertEqual(set(PilotInterest.objects.values_list("handled_by", flat=True)), {self.colleague.pk})
        message = " ".join(self.client.get(INDEX).content.decode().split())
        self.assertIn("3 inzendingen hebben nu de status Afgehandeld.", message)
        self.assertEqual(ModelLogEntry.objects.filter(action="wagtail.edit", user=self.editor).count(), 3)

    def test_without_a_colleague_who_handles_them_stays(self):
        PilotInterest.objects.filter(pk=self.anna.pk).update(handled_by=self.colleague)
        self.client.force_login(self.editor)

        self.client.post(self.url(self.anna, self.ben), {"status": "in_contact", "handled_by": ""})

        self.anna.refresh_from_db()
        self.ben.refresh_from_db()
        self.assertEqual((self.anna.status, self.anna.handled_by), ("in_contact", self.colleague))
        self.assertEqual((self.ben.status, self.ben.handled_by), ("in_contact", None))

    def test_an_unknown_status_changes_nothing_and_says_so(self):
        self.client.force_login(self.editor)

        response = self.client.post(self.url(self.anna), {"status": "weg"})

        self.assertEqual(response.status_code, 200)
        self.assertIn("Selecteer een geldige keuze", response.content.decode())
        self.anna.refresh_from_db()
        self.assertEqual(self.anna.status, "new")

    def test_a_partner_and_a_viewer_can_not(self):
        for user in (self.partner, self.viewer):
            with self.subTest(user=user.username):
                self.client.force_login(user)

                confirm = self.client.get(self.url(self.anna))
                response = self.client.post(self.url(self.anna), {"status": "handled"})

                self.assertNotEqual(confirm.status_code, 200)
                self.assertNotIn("Anna Jansen", confirm.content.decode())
                self.assertNotEqual(response.status_code, 200)
                self.anna.refresh_from_db()
                self.assertEqual(self.anna.status, "new")

    def test_a_viewer_sees_the_list_without_checkboxes(self):
        self.client.force_login(self.viewer)

        page = self.client.get(INDEX).content.decode()

        self.assertIn("Anna Jansen", page)
        self.assertNotIn("data-bulk-action-checkbox", page)
