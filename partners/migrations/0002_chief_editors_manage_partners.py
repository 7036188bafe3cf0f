"""Hoofdredactie (migration home/0004_editor_roles) sets up partners from the admin."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CHIEF_EDITORS = "Hoofdredactie"
CODENAMES = ["add_partner", "view_partner"]


def grant(apps, schema_editor):
    create_permissions(global_apps.get_app_config("partners"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CHIEF_EDITORS).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="partners", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CHIEF_EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="partners", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("home", "0004_editor_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
