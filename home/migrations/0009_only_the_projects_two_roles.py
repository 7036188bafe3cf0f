"""Only the project's two roles: Wagtail's default groups *Editors* and *Moderators* go.

Wagtail's first migrations make those two groups; ``0004`` made *Redacteuren* and *Hoofdredactie*
beside them. Two more groups with English names and overlapping rights made the user form's role
choice a guess, so they are removed. Anyone who was in one of them becomes a *Redacteur*: that role
writes, reviews and publishes as both did, and nobody loses their way into the admin. *Redacteuren*
and *Hoofdredactie* keep every right they had; the review task keeps its two groups.

There is no way back: the reverse step leaves the roles as they are (``0004`` recreates nothing of
Wagtail's, and a rollback needs no English groups).
"""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]
EDITORS = "Redacteuren"


def remove_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("auth", "User")
    defaults = Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS)
    if not defaults.exists():
        return
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        for user in User.objects.filter(groups__in=defaults).distinct():
            user.groups.add(editors)
    # The groups' page, collection and model permissions and their place in any review task go
    # with them (cascades on the through tables).
    defaults.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_chief_editors_keep_the_footer"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
