"""Redacteuren and Hoofdredactie (migration home/0004_editor_roles) read the feed import's run log."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Redacteuren", "Hoofdredactie"]
CODENAMES = ["view_feedrun"]


def grant(apps, schema_editor):
    create_permissions(global_apps.get_app_config("partners"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="partners", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="partners", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_feed_runs_and_entries"),
        ("home", "0004_editor_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
