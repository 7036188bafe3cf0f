"""Team Leefbaarheid's editors read the search report and manage promoted search results.

Both roles (migration home/0004_editor_roles) get the report (``view_searchqueryday``) and
Wagtail's search promotions (add, change, delete). Partners' groups get neither.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Redacteuren", "Hoofdredactie"]
PERMISSIONS = [
    ("search", "view_searchqueryday"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
]


def _permissions(apps):
    for app_label in {app_label for app_label, _codename in PERMISSIONS}:
        create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in PERMISSIONS
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_query_log"),
        ("home", "0004_editor_roles"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
