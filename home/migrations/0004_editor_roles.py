"""The two roles of Team Leefbaarheid, and the site's workflow in Dutch.

- **Redacteuren** write, review and publish pages in both languages (page permissions on the root,
  so the Dutch and the English tree), translate them, upload images and documents, and run the
  learning network's registrations (see, add, cancel, give a place; not delete) and the pilot
  interest municipalities send (see, follow up; not delete).
- **Hoofdredactie** does all of that and manages the site: site settings, organisations and
  municipalities, users, workflows, redirects, collections, and the personal data of the
  kwartaalupdate (subscribers: export and erase), of registrations and of pilot interest (delete).

Wagtail's own default groups (*Editors*, *Moderators*) are left as they are; the site's accounts
go into these two. The default workflow Wagtail made ("Moderators approval") becomes
"Controle door de redactie", with one task "Goedkeuring redactie" that both groups may approve:
a colleague reviews when an editor asks for it, and pages from people who may not publish (such
as partners, later) wait for that approval. Editors with publish permission can still publish
directly, as Wagtail allows.

Production needs the roles too, so they are a migration, not demo data; ``seed_demo`` only puts
its demo accounts into them. Running it again changes nothing that is already there.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Redacteuren"
CHIEF_EDITORS = "Hoofdredactie"
WORKFLOW = ("Moderators approval", "Controle door de redactie")
TASK = ("Moderators approval", "Goedkeuring redactie")

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
CHIEF_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + ["bulk_delete_page"]

EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
CHIEF_COLLECTION_PERMISSIONS = EDITOR_COLLECTION_PERMISSIONS + [
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
    ("wagtailcore", "add_collection"),
    ("wagtailcore", "change_collection"),
    ("wagtailcore", "delete_collection"),
]

EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    ("registrations", "view_registration"),
    ("registrations", "add_registration"),
    ("registrations", "change_registration"),
    ("pilot_interest", "view_pilotinterest"),
    ("pilot_interest", "change_pilotinterest"),
]
CHIEF_PERMISSIONS = EDITOR_PERMISSIONS + [
    ("home", "view_sitesettings"),
    ("home", "change_sitesettings"),
    *[
        ("knowledge", f"{action}_{model}")
        for model in ("organisation", "municipality")
        for action in ("add", "change", "delete", "view")
    ],
    *[("auth", f"{action}_user") for action in ("add", "change", "delete", "view")],
    *[
        ("wagtailcore", f"{action}_{model}")
        for model in ("workflow", "task")
        for action in ("add", "change", "delete", "view")
    ],
    *[("wagtailredirects", f"{action}_redirect") for action in ("add", "change", "delete", "view")],
    ("registrations", "delete_registration"),
    ("pilot_interest", "delete_pilotinterest"),
    ("newsletter", "view_subscriber"),
    ("newsletter", "change_subscriber"),
    ("newsletter", "delete_subscriber"),
]

ROLES = {
    EDITORS: (EDITOR_PAGE_PERMISSIONS, EDITOR_COLLECTION_PERMISSIONS, EDITOR_PERMISSIONS),
    CHIEF_EDITORS: (CHIEF_PAGE_PERMISSIONS, CHIEF_COLLECTION_PERMISSIONS, CHIEF_PERMISSIONS),
}


def _permissions(apps, pairs):
    """The Permission rows for ``(app_label, codename)`` pairs; each must exist."""
    Permission = apps.get_model("auth", "Permission")
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.select_related("content_type").filter(
            codename__in={codename for _app, codename in pairs}
        )
    }
    missing = [pair for pair in pairs if pair not in found]
    if missing:
        raise RuntimeError(f"Permissions not found: {missing}")
    return [found[pair] for pair in pairs]


def create_roles(apps, schema_editor):
    # A fresh database gets its permissions only after the last migration (post_migrate): make
    # them now for the apps the roles use.
    labels = {app for app, _codename in CHIEF_PERMISSIONS + CHIEF_COLLECTION_PERMISSIONS}
    for label in labels:
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    groups = {}
    for name, (page_codenames, collection_pairs, model_pairs) in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(*_permissions(apps, model_pairs))
        for permission in _permissions(apps, [("wagtailcore", codename) for codename in page_codenames]):
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        for permission in _permissions(apps, collection_pairs):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )

    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow.objects.filter(name=WORKFLOW[0]).update(name=WORKFLOW[1])
    for task in GroupApprovalTask.objects.filter(name=TASK[0]):
        task.name = TASK[1]
        task.save(update_fields=["name"])
        task.groups.set(groups.values())


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow.objects.filter(name=WORKFLOW[1]).update(name=WORKFLOW[0])
    moderators = Group.objects.filter(name="Moderators")
    for task in GroupApprovalTask.objects.filter(name=TASK[1]):
        task.name = TASK[0]
        task.save(update_fields=["name"])
        task.groups.set(moderators)
    Group.objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_sitesettings_english_name_contact_block"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("knowledge", "0003_meeting_cancelled"),
        ("registrations", "0004_attendance_and_report"),
        ("pilot_interest", "0001_initial"),
        ("newsletter", "0003_delivery_claim_order"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
