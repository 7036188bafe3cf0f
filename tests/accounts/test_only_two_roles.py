"""The admin knows two roles, *Redacteuren* and *Hoofdredactie*, and no English ones beside them.

Migration ``home/0009`` removes Wagtail's default groups *Editors* and *Moderators*; whoever was in
one of them becomes a *Redacteur*, so nobody loses their way into the admin.
"""

import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from django.urls import reverse
from wagtail.models import GroupApprovalTask, GroupCollectionPermission, GroupPagePermission

from tests.utils import soup

migration = importlib.import_module("home.migrations.0009_only_the_projects_two_roles")


def model_permissions(name):
    return set(Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename"))


def page_permissions(name):
    return set(
        GroupPagePermission.objects.filter(group__name=name, page__depth=1).values_list(
            "permission__codename", flat=True
        )
    )


class OnlyTwoRolesTests(TestCase):
    def test_after_migrating_only_the_two_roles_exist(self):
        self.assertEqual(set(Group.objects.values_list("name", flat=True)), {"Redacteuren", "Hoofdredactie"})

    def test_the_roles_keep_their_rights(self):
        editors = model_permissions("Redacteuren")
        self.assertLessEqual(
            {
                ("wagtailadmin", "access_admin"),
                ("wagtail_localize", "submit_translation"),
                ("registrations", "add_registration"),
                ("pilot_interest", "change_pilotinterest"),
            },
            editors,
        )
        chief = model_permissions("Hoofdredactie")
        self.assertLessEqual(
            editors
            | {("auth", "change_user"), ("home", "change_sitefooter"), ("newsletter", "delete_subscriber")},
            chief,
        )
        self.assertEqual(
            page_permissions("Redacteuren"),
            {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
        )
        self.assertIn("bulk_delete_page", page_permissions("Hoofdredactie"))
        self.assertTrue(
            GroupCollectionPermission.objects.filter(
                group__name="Redacteuren", collection__depth=1, permission__codename="add_image"
            ).exists()
        )
        review = GroupApprovalTask.objects.get(name="Goedkeuring redactie")
        self.assertEqual(set(review.groups.values_list("name", flat=True)), {"Redacteuren", "Hoofdredactie"})

    def test_members_of_a_default_group_become_editors(self):
        """A site that put accounts into Wagtail's groups before the migration keeps them working."""
        moderators = Group.objects.create(name="Moderators")
        moderators.permissions.add(Permission.objects.get(codename="access_admin"))
        old_hand = get_user_model().objects.create_user("oudgediende", "oud@example.org", "x")
        old_hand.groups.add(moderators)

        migration.remove_default_groups(apps, None)

        self.assertFalse(Group.objects.filter(name="Moderators").exists())
        self.assertEqual(list(old_hand.groups.values_list("name", flat=True)), ["Redacteuren"])

    def test_the_user_form_offers_only_the_two_roles(self):
        superuser = get_user_model().objects.create_superuser("beheerder", "beheer@example.org", "x")
        self.client.force_login(superuser)
        page = soup(self.client.get(reverse("wagtailusers_users:add")))
        offered = {
            box.find_parent("label").get_text(" ", strip=True) for box in page.select("input[name=groups]")
        }
        self.assertEqual(offered, {"Redacteuren", "Hoofdredactie"})
