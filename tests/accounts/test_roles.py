"""Roles stay in their lane: only a superuser makes superusers or grants more than they hold.

Hoofdredactie manages users (README, "Editors and roles"). Wagtail would show it the
*Administrator* box and every group; here it sees neither, can't post them either, and can't open
an account that holds more than it may grant (changing that account's password would be a way in).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: F401 - the app is installed

from tests.utils import soup

User = get_user_model()


def account(username, *groups, **extra):
    user = User.objects.create_user(username, f"{username}@example.org", "geheim-wachtwoord", **extra)
    user.groups.add(*groups)
    return user


def user_form(username, groups=(), **extra):
    return {
        "username": username,
        "email": f"{username}@example.org",
        "first_name": "Nieuwe",
        "last_name": "Collega",
        "password1": "een-lang-genoeg-wachtwoord-2026",
        "password2": "een-lang-genoeg-wachtwoord-2026",
        "groups": [group.pk for group in groups],
        "is_active": "on",
        **extra,
    }


class HoofdredactieTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.chief_group = Group.objects.get(name="Hoofdredactie")
        cls.editors = Group.objects.get(name="Redacteuren")
        cls.more_rights = Group.objects.create(name="Beheer van groepen")
        cls.more_rights.permissions.add(
            Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="change_group")
        )
        cls.chief = account("hoofdredacteur", cls.chief_group)
        cls.superuser = User.objects.create_superuser("beheerder", "beheer@example.org", "geheim-wachtwoord")

    def setUp(self):
        self.client.force_login(self.chief)

    def test_the_add_form_has_no_administrator_box_and_no_group_above_its_rights(self):
        page = soup(self.client.get(reverse("wagtailusers_users:add")))
        self.assertIsNone(page.find("input", attrs={"name": "is_superuser"}))
        offered = {int(box["value"]) for box in page.find_all("input", attrs={"name": "groups"})}
        self.assertIn(self.editors.pk, offered)
        self.assertIn(self.chief_group.pk, offered)
        self.assertNotIn(self.more_rights.pk, offered)

    def test_posting_the_administrator_box_makes_no_superuser(self):
        response = self.client.post(
            reverse("wagtailusers_users:add"), user_form("nieuw", [self.editors], is_superuser="on")
        )
        self.assertEqual(response.status_code, 302)
        created = User.objects.get(username="nieuw")
        self.assertFalse(created.is_superuser)
        self.assertEqual(list(created.groups.all()), [self.editors])

    def test_a_group_with_more_rights_is_refused(self):
        response = self.client.post(reverse("wagtailusers_users:add"), user_form("nieuw", [self.more_rights]))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(User.objects.filter(username="nieuw").exists())

    def test_it_can_not_make_an_editor_a_superuser(self):
        colleague = account("collega", self.editors)
        form = user_form("collega", [self.editors], is_superuser="on")
        del form["password1"], form["password2"]
        self.client.post(reverse("wagtailusers_users:edit", args=[colleague.pk]), form)
        colleague.refresh_from_db()
        self.assertFalse(colleague.is_superuser)

    def test_it_can_not_open_or_delete_a_superuser(self):
        for view in ("edit", "delete"):
            response = self.client.get(reverse(f"wagtailusers_users:{view}", args=[self.superuser.pk]))
            self.assertNotEqual(response.status_code, 200, view)
        form = user_form(
            "beheerder", password1="overgenomen-wachtwoord-2026", password2="overgenomen-wachtwoord-2026"
        )
        self.client.post(reverse("wagtailusers_users:edit", args=[self.superuser.pk]), form)
        self.superuser.refresh_from_db()
        self.assertTrue(self.superuser.check_password("geheim-wachtwoord"))

    def test_it_can_not_take_over_an_account_above_it(self):
        above = account("groepsbeheerder", self.more_rights)
        response = self.client.get(reverse("wagtailusers_users:edit", args=[above.pk]))
        self.assertNotEqual(response.status_code, 200)

    def test_the_bulk_role_action_offers_and_accepts_only_its_own_groups(self):
        colleague = account("collega", self.editors)
        url = reverse("wagtail_bulk_action", args=["auth", "user", "assign_role"]) + f"?id={colleague.pk}"
        page = soup(self.client.get(url))
        offered = {option["value"] for option in page.select("select[name=role] option") if option["value"]}
        self.assertNotIn(str(self.more_rights.pk), offered)
        self.assertIn(str(self.editors.pk), offered)
        self.client.post(url, {"role": self.more_rights.pk})
        self.assertFalse(colleague.groups.filter(pk=self.more_rights.pk).exists())

    def test_the_bulk_actions_leave_a_superuser_alone(self):
        url = reverse("wagtail_bulk_action", args=["auth", "user", "set_active_state"])
        self.client.post(f"{url}?id={self.superuser.pk}", {"mark_as_active": "False"})
        self.superuser.refresh_from_db()
        self.assertTrue(self.superuser.is_active)


class SuperuserTests(TestCase):
    def test_a_superuser_still_makes_superusers(self):
        superuser = User.objects.create_superuser("beheerder", "beheer@example.org", "geheim-wachtwoord")
        self.client.force_login(superuser)
        page = soup(self.client.get(reverse("wagtailusers_users:add")))
        self.assertIsNotNone(page.find("input", attrs={"name": "is_superuser"}))
        self.client.post(reverse("wagtailusers_users:add"), user_form("tweede", is_superuser="on"))
        self.assertTrue(User.objects.get(username="tweede").is_superuser)
