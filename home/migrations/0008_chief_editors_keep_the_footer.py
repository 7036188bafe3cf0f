"""*Hoofdredactie* keeps the footer snippet (team name, contact details, links) and its translations,
as it kept the same details in the site settings before 0005. *Redacteuren* get nothing new.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CHIEF_EDITORS = "Hoofdredactie"
CODENAMES = [f"{action}_sitefooter" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    # A fresh database gets its permissions only after the last migration (post_migrate).
    create_permissions(global_apps.get_app_config("home"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CHIEF_EDITORS).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="home", codename__in=CODENAMES)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CHIEF_EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="home", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_footer_links_translatable"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
