"""A default synonym list for this field (``search.synonym_defaults``), and the editors' right to
keep it: both roles (migration home/0004_editor_roles) add, change and delete synonyms, as they do
search promotions (``search/0002``). Partners get nothing. Reversing removes only the untouched
defaults.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from search.synonym_defaults import DEFAULTS

GROUPS = ["Redacteuren", "Hoofdredactie"]
CODENAMES = ["add_synonymgroup", "change_synonymgroup", "delete_synonymgroup", "view_synonymgroup"]


def _permissions(apps):
    create_permissions(global_apps.get_app_config("search"), apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    return list(Permission.objects.filter(content_type__app_label="search", codename__in=CODENAMES))


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for language, groups in DEFAULTS.items():
        for words in groups:
            SynonymGroup.objects.get_or_create(language=language, words=words)
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def unseed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for language, groups in DEFAULTS.items():
        SynonymGroup.objects.filter(language=language, words__in=groups).delete()
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_synonyms_and_answers"), ("home", "0004_editor_roles")]

    operations = [migrations.RunPython(seed, unseed)]
