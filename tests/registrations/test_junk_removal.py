"""Editors remove a bot's registrations in one go: find them in *Aanmeldingen*, tick them, choose
*Verwijderen als ongewenst* and confirm. Nobody at those (made-up) addresses is mailed; the places
they held go to the waitlist in its order, and each person promoted gets the usual mail.

Through the admin's real views (the list, Wagtail's bulk-action URL, its confirmation page) as an
editor of the *Redacteuren* group; a partner or an account without the permission gets nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.users.models import UserProfile

from partners.setup import set_up_partner
from registrations.models import Registration
from tests.factories.knowledge import MeetingPageFactory, build_site
from tests.mail_support import SmtpTestCase

INDEX = "/admin/aanmeldingen/"
JUNK = "/admin/bulk/registrations/registration/junk/"


def account(username, group=None):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "geheim-wachtwoord")
    if group is not None:
        user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    return user


class JunkRemovalTestCase(SmtpTestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site(theme_slugs=())
        cls.meeting = MeetingPageFactory(parent=tree.meeting_index, capacity=2, has_waitlist=True)
        cls.other_meeting = MeetingPageFactory(parent=tree.meeting_index, capacity=5)
        cls.editor = account("redacteur", Group.objects.get(name="Redacteuren"))
        cls.partner = account("movisie", set_up_partner("Movisie").group)
        cls.viewer = account("kijker")
        cls.viewer.user_permissions.add(
            *Permission.objects.filter(codename__in=["access_admin", "view_registration"])
        )
        cls.start = timezone.now() - datetime.timedelta(hours=5)

    def registration(self, email, status, meeting=None, minutes=0):
        return Registration.objects.create(
            meeting=meeting or self.meeting,
            name=email.split("@")[0].capitalize(),
            email=email,
            role="policy",
            organisation="Gemeente",
            status=status,
            created_at=self.start + datetime.timedelta(minutes=minutes),
        )

    def setUp(self):
        super().setUp()
        confirmed, waitlisted, pending = (
            Registration.Status.CONFIRMED,
            Registration.Status.WAITLISTED,
            Registration.Status.PENDING,
        )
        # The bot got both places (from before confirmation was needed) and left one unconfirmed.
        self.bot = [
            self.registration("nep1@dood.example", confirmed, minutes=1),
            self.registration("nep2@dood.example", confirmed, minutes=2),
            self.registration("nep3@dood.example", pending, minutes=3),
        ]
        # Real people wait, in this order.
        self.first = self.registration("eerste@ede.example", waitlisted, minutes=10)
        self.second = self.registration("tweede@ede.example", waitlisted, minutes=11)
        self.third = self.registration("derde@ede.example", waitlisted, minutes=12)
        self.elsewhere = self.registration("ander@ede.example", pending, meeting=self.other_meeting)

    def junk_url(self, registrations, **params):
        query = "&".join(f"id={registration.pk}" for registration in registrations)
        extra = "".join(f"&{key}={value}" for key, value in params.items())
        return f"{JUNK}?{query}{extra}&next={INDEX}"

    def post(self, url):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, follow=True)

    def statuses(self):
        return dict(Registration.objects.values_list("email", "status"))


class EditorTests(JunkRemovalTestCase):
    def test_the_list_offers_the_action_and_filters_that_find_the_junk(self):
        self.client.force_login(self.editor)

        page = self.client.get(INDEX).content.decode()
        self.assertIn("Verwijderen als ongewenst", page)
        self.assertIn(JUNK, page)
        self.assertIn(f'data-object-id="{self.bot[0].pk}"', page)
        # One by one, only a registration with a place or on the waitlist can be cancelled.
        self.assertIn(f"{INDEX}{self.bot[0].pk}/annuleren/", page)
        self.assertNotIn(f"{INDEX}{self.bot[2].pk}/annuleren/", page)

        checks = [
            ({"status": "pending"}, ["nep3@dood.example", "ander@ede.example"], ["nep1@dood.example"]),
            ({"domain": "dood.example"}, ["nep1@dood.example", "nep3@dood.example"], ["eerste@ede.example"]),
            ({"q": "@dood.example"}, ["nep2@dood.example"], ["tweede@ede.example"]),
        ]
        for params, shown, hidden in checks:
            with self.subTest(params=params):
                listing = self.client.get(INDEX, params).content.decode()
                for address in shown:
                    self.assertIn(address, listing)
                for address in hidden:
                    self.assertNotIn(address, listing)

    def test_the_list_filters_by_when_a_registration_was_sent(self):
        self.client.force_login(self.editor)
        Registration.objects.filter(pk=self.first.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=9)
        )
        # The filter's days are the editor's (Amsterdam), not UTC's: right after midnight they differ.
        day = timezone.localdate(timezone.now() - datetime.timedelta(days=9)).isoformat()

        listing = self.client.get(INDEX, {"created_at_from": day, "created_at_to": day}).content.decode()

        self.assertIn("eerste@ede.example", listing)
        self.assertNotIn("nep1@dood.example", listing)

    def test_the_confirmation_page_lists_them_and_changes_nothing(self):
        self.client.force_login(self.editor)

        page = self.client.get(self.junk_url(self.bot)).content.decode()

        for registration in self.bot:
            self.assertIn(registration.email, page)
        self.assertIn("Ja, verwijder als ongewenst", page)
        self.assertIn("geen e-mail", page)
        self.assertEqual(self.statuses()["nep1@dood.example"], "confirmed")
        self.assertEqual(self.sink.messages, [])

    def test_removing_junk_mails_nobody_of_it_and_gives_the_places_to_the_waitlist_in_order(self):
        self.client.force_login(self.editor)

        response = self.post(self.junk_url(self.bot))

        statuses = self.statuses()
        for registration in self.bot:
            self.assertEqual(statuses[registration.email], "cancelled")
        self.assertEqual(statuses["eerste@ede.example"], "confirmed")
        self.assertEqual(statuses["tweede@ede.example"], "confirmed")
        self.assertEqual(statuses["derde@ede.example"], "waitlisted")
        self.assertEqual(statuses["ander@ede.example"], "pending")
        self.assertEqual(self.sink.recipients(), ["eerste@ede.example", "tweede@ede.example"])
        for message in self.sink.messages:
            self.assertTrue(message["Subject"].startswith("Er is een plaats voor u: "))
        page = " ".join(response.content.decode().split())
        self.assertIn("3 aanmeldingen zijn verwijderd als ongewenst", page)
        self.assertIn("2 personen van de wachtlijst hebben een plaats gekregen", page)

    def test_selecting_all_in_the_filtered_list_takes_only_what_the_filter_shows(self):
        self.client.force_login(self.editor)

        self.post(f"{JUNK}?status=pending&domain=dood.example&id=all&next={INDEX}")

        statuses = self.statuses()
        self.assertEqual(statuses["nep3@dood.example"], "cancelled")
        self.assertEqual(statuses["nep1@dood.example"], "confirmed")
        self.assertEqual(statuses["ander@ede.example"], "pending")
        self.assertEqual(self.sink.messages, [])  # an unconfirmed registration held no place

    def test_a_registration_cancelled_before_is_left_alone(self):
        gone = self.registration("weg@ede.example", Registration.Status.CANCELLED)
        self.client.force_login(self.editor)

        page = self.client.get(self.junk_url([gone])).content.decode()
        self.assertIn("waren al afgemeld", page)
        self.assertNotIn("Ja, verwijder als ongewenst", page)


class PermissionTests(JunkRemovalTestCase):
    def test_a_partner_or_an_account_without_the_permission_cannot_remove_anything(self):
        for user in (self.partner, self.viewer):
            with self.subTest(user=user.username):
                self.client.force_login(user)

                page = self.client.get(self.junk_url(self.bot))
                response = self.post(self.junk_url(self.bot))

                self.assertNotEqual(page.status_code, 200)
                self.assertNotIn("nep1@dood.example", page.content.decode())
                self.assertNotIn("nep1@dood.example", response.content.decode())
                self.assertEqual(self.statuses()["nep1@dood.example"], "confirmed")
                self.assertEqual(self.statuses()["eerste@ede.example"], "waitlisted")
                self.assertEqual(self.sink.messages, [])

    def test_whoever_may_only_look_gets_no_checkboxes(self):
        self.client.force_login(self.viewer)

        page = self.client.get(INDEX).content.decode()

        self.assertIn("nep1@dood.example", page)
        self.assertNotIn("data-bulk-action-checkbox", page)
