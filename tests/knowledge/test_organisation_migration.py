"""The migration that named every page's organisation ``organisation`` (knowledge 0005).

It rewrites the field's name where Wagtail and wagtail-localize keep it: revisions, the copy of a
source page that translations are synchronised from, translation contexts and the reference index,
the last two with a UUID of the path that each library computes itself. The test runs the
migration's own functions against rows the libraries made through their public API: back to the
old name (checked), then forwards again, which must give back exactly what the libraries made.
"""

import importlib
import json

from django.apps import apps
from django.test import TestCase
from wagtail.models import ReferenceIndex
from wagtail_localize.models import TranslationContext, TranslationSource

from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    OrganisationFactory,
    PilotPageFactory,
    build_site,
)

migration = importlib.import_module("knowledge.migrations.0005_one_organisation_field")


def snapshot(page):
    revision = page.latest_revision
    revision.refresh_from_db()
    source = TranslationSource.objects.get(object_id=page.translation_key)
    return {
        "revision": sorted(revision.content),
        "source": sorted(json.loads(source.content_json)),
        "contexts": sorted(
            TranslationContext.objects.filter(object_id=page.translation_key).values_list(
                "path", "path_id", "field_path"
            )
        ),
        "references": sorted(
            ReferenceIndex.get_references_for_object(page).values_list(
                "model_path", "content_path", "content_path_hash"
            )
        ),
    }


class OrganisationRenameTests(TestCase):
    def setUp(self):
        tree = build_site()
        self.organisation = OrganisationFactory(name="Movisie")
        self.item = KnowledgeItemPageFactory(parent=tree.knowledge_index, organisation=self.organisation)
        self.pilot = PilotPageFactory(parent=tree.pilot_index, organisation=self.organisation)
        for page in (self.item, self.pilot):
            page.save_revision()
            ReferenceIndex.create_or_update_for_object(page)
            TranslationSource.get_or_create_from_instance(page)

    def test_back_and_forth_gives_what_the_libraries_make(self):
        made = {page.pk: snapshot(page) for page in (self.item, self.pilot)}
        for page in (self.item, self.pilot):
            self.assertIn("organisation", made[page.pk]["revision"])
            self.assertIn("organisation", [path for path, _id, _field in made[page.pk]["contexts"]])
            self.assertIn("organisation", [path for path, _content, _hash in made[page.pk]["references"]])

        migration.backwards(apps, None)

        for page, old in ((self.item, "source_organisation"), (self.pilot, "supporting_organisation")):
            before = snapshot(page)
            self.assertIn(old, before["revision"])
            self.assertNotIn("organisation", before["revision"])
            self.assertIn(old, before["source"])
            self.assertIn(old, [path for path, _id, _field in before["contexts"]])
            self.assertIn(old, [path for path, _content, _hash in before["references"]])

        migration.forwards(apps, None)

        for page in (self.item, self.pilot):
            self.assertEqual(snapshot(page), made[page.pk])

    def test_a_revision_keeps_its_organisation(self):
        migration.backwards(apps, None)
        migration.forwards(apps, None)

        draft = self.item.latest_revision
        draft.refresh_from_db()
        self.assertEqual(draft.as_object().organisation, self.organisation)
