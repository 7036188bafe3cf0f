"""Knowledge items and pilots name their organisation ``organisation``, as news items do.

``source_organisation`` (a knowledge item's source) and ``supporting_organisation`` (the knowledge
organisation that helps a pilot) meant what a news item's ``organisation`` means: the
organisation a page is from or by. One name lets search, the kwartaalupdate and the partner boxes
ask every page the same question.

Renaming the column is not all: Wagtail and wagtail-localize keep field names in their own
tables, and a row left with the old name would lose the organisation without a word:

- every revision's content (a draft opened after the rename would show no organisation);
- wagtail-localize's copy of the source page (``TranslationSource.content_json``), from which
  translations are synchronised, and its translation contexts (an editor's override of the
  organisation in a translation is kept under the field's path);
- Wagtail's reference index (the "usage" of an organisation names the field).

The last two key a row by a UUID of its path (``uuid5`` of the path in a namespace of each
library's own, as they stood when this migration was written); ``tests/knowledge/
test_organisation_migration.py`` checks the result against what the libraries make themselves.
"""

import json
import uuid

from django.db import migrations

RENAMED = {"knowledgeitempage": "source_organisation", "pilotpage": "supporting_organisation"}
NEW = "organisation"
# The namespaces of ``TranslationContext.path_id`` and ``ReferenceIndex.content_path_hash``.
LOCALIZE_PATHS = uuid.UUID("fcab004a-2b50-11ea-978f-2e728ce88125")
REFERENCE_PATHS = uuid.UUID("bdc70d8b-e7a2-4c2a-bf43-2a3e3fcbbe86")


def _rename_key(content, old, new):
    if isinstance(content, dict) and old in content:
        content[new] = content.pop(old)
        return True
    return False


def _rename(apps, schema_editor, forwards=True):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    TranslationContext = apps.get_model("wagtail_localize", "TranslationContext")
    for model, field in RENAMED.items():
        old, new = (field, NEW) if forwards else (NEW, field)
        content_type = ContentType.objects.filter(app_label="knowledge", model=model).first()
        if content_type is None:
            continue  # a new database: no rows of this type yet
        for revision in Revision.objects.filter(content_type=content_type).iterator():
            if _rename_key(revision.content, old, new):
                revision.save(update_fields=["content"])
        for source in TranslationSource.objects.filter(specific_content_type=content_type).iterator():
            content = json.loads(source.content_json)
            if _rename_key(content, old, new):
                source.content_json = json.dumps(content)
                source.save(update_fields=["content_json"])
        # A translation context belongs to the translated object, whose content type is the base
        # page type: the object's source says which page type it is.
        objects = TranslationSource.objects.filter(specific_content_type=content_type).values("object_id")
        TranslationContext.objects.filter(object_id__in=objects, path=old).update(
            path=new, path_id=uuid.uuid5(LOCALIZE_PATHS, new), field_path=new
        )
        # Rows of the reference index name the field twice: its model path and its content path.
        for reference in ReferenceIndex.objects.filter(content_type=content_type, model_path=old).iterator():
            reference.model_path = new
            reference.content_path = new + reference.content_path[len(old) :]
            reference.content_path_hash = uuid.uuid5(REFERENCE_PATHS, reference.content_path)
            reference.save(update_fields=["model_path", "content_path", "content_path_hash"])


def forwards(apps, schema_editor):
    _rename(apps, schema_editor, forwards=True)


def backwards(apps, schema_editor):
    _rename(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0004_knowledge_item_external_id"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.RenameField("knowledgeitempage", "source_organisation", NEW),
        migrations.RenameField("pilotpage", "supporting_organisation", NEW),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
