"""An import creates its new pages a batch at a time, and they are pages like any other.

``knowledge.bulk_pages`` writes the tree paths, revisions and publication itself instead of
calling ``add_child`` and ``publish`` per page. These tests check what that must not change: the
tree is valid, every page has its revision, history, URL, search and reference index entries (in
both languages), editors can edit, publish and move the pages afterwards, an interrupted run
resumes without doubles, and the queries do not grow with the number of pages per batch.
"""

from unittest import mock

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from knowledge import importing
from knowledge.models import KnowledgeItemPage
from tests.knowledge.test_import_knowledge import ImportTestCase, record
from tests.utils import links_to


def records(count, prefix="b", **fields):
    return [record(f"{prefix}-{n}", title=f"Buurtcirkel {prefix} {n}", **fields) for n in range(count)]


class TreeTests(ImportTestCase):
    def test_the_tree_is_valid_after_several_batches_in_two_languages(self):
        with mock.patch.object(importing, "BATCH_SIZE", 3):
            self.run_import(self.write("items.jsonl", records(7) + records(4, prefix="en", language="en")))

        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        for index, count in ((self.tree.knowledge_index, 7), (self.english_index, 4)):
            index.refresh_from_db()
            self.assertEqual(index.numchild, count)
            children = index.get_children()
            self.assertEqual(children.count(), count)
            self.assertEqual(len({child.path for child in children}), count)
            for child in children:
                self.assertEqual(child.url_path, f"{index.url_path}{child.slug}/")

    def test_bulk_pages_come_after_existing_children_and_before_new_ones(self):
        self.run_import(self.write("first.jsonl", records(2, prefix="first")))
        self.run_import(self.write("second.jsonl", records(2, prefix="second")))
        by_hand = self.tree.knowledge_index.add_child(
            instance=KnowledgeItemPage(
                title="Met de hand", slug="met-de-hand", introduction="Door een redacteur."
            )
        )

        titles = [page.title for page in self.tree.knowledge_index.get_children()]
        self.assertEqual(
            titles,
            [
                "Buurtcirkel first 0",
                "Buurtcirkel first 1",
                "Buurtcirkel second 0",
                "Buurtcirkel second 1",
                by_hand.title,
            ],
        )
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))

    def test_editors_can_edit_publish_and_move_an_imported_page(self):
        self.run_import(self.write("items.jsonl", records(3)))
        page = self.item("b-1")
        editor = get_user_model().objects.create_superuser("redacteur", "r@example.nl", "geheim")
        self.client.force_login(editor)

        response = self.client.get(f"/admin/pages/{page.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Buurtcirkel b 1")

        page.title = "Buurtcirkel, herzien"
        page.save_revision(user=editor).publish(user=editor)
        page.move(self.tree.themes["eenzaamheid"].get_parent(), pos="last-child")

        page = KnowledgeItemPage.objects.get(pk=page.pk)
        self.assertEqual(page.title, "Buurtcirkel, herzien")
        self.assertEqual(page.url_path, f"{page.get_parent().url_path}{page.slug}/")
        self.assertEqual(Revision.page_revisions.filter(object_id=str(page.pk)).count(), 2)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        self.assertEqual(self.client.get(page.url).status_code, 200)


class CompletenessTests(ImportTestCase):
    def test_every_page_is_published_through_its_revision_with_its_history(self):
        self.run_import(self.write("items.jsonl", records(3)))

        for page in KnowledgeItemPage.objects.all():
            revision = Revision.page_revisions.get(object_id=str(page.pk))
            self.assertTrue(page.live)
            self.assertFalse(page.has_unpublished_changes)
            self.assertEqual(page.live_revision, revision)
            self.assertEqual(page.latest_revision, revision)
            self.assertIsNotNone(page.first_published_at)
            self.assertEqual(revision.as_object().title, page.title)
            self.assertEqual([theme.slug for theme in revision.as_object().themes.all()], ["eenzaamheid"])
            self.assertEqual(
                list(PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True)),
                ["wagtail.create", "wagtail.publish"],
            )
            self.assertEqual(self.client.get(page.url).status_code, 200)

    def test_dutch_and_english_items_are_found_and_indexed(self):
        self.run_import(
            self.write(
                "items.jsonl",
                [
                    record("z-1", title="Klussenbus", summary="Een bus vol gereedschap."),
                    record("z-2", title="Toolbus", summary="A van full of tools.", language="en"),
                ],
            )
        )
        dutch, english = self.item("z-1"), self.item("z-2", language="en")

        self.assertTrue(links_to(self.client.get("/zoeken/", {"q": "Klussenbus"}), dutch.url, within="main"))
        self.assertTrue(
            links_to(self.client.get("/en/search/", {"q": "Toolbus"}), english.url, within="main")
        )
        self.assertTrue(english.url.startswith(self.english_index.url))
        for page in (dutch, english):
            self.assertEqual(IndexEntry.objects.filter(object_id=str(page.pk)).count(), 1)
            targets = {ref.to_content_type.model for ref in ReferenceIndex.get_references_for_object(page)}
            self.assertLessEqual({"organisation", "municipality"}, targets)

    def test_a_draft_import_leaves_drafts_with_their_revision(self):
        self.run_import(self.write("items.jsonl", records(2)), "--draft")

        for page in KnowledgeItemPage.objects.all():
            self.assertFalse(page.live)
            self.assertTrue(page.has_unpublished_changes)
            self.assertIsNone(page.live_revision)
            self.assertIsNone(page.first_published_at)
            self.assertEqual(page.latest_revision.as_object().title, page.title)
        imported = KnowledgeItemPage.objects.values("pk")
        self.assertFalse(PageLogEntry.objects.filter(page__in=imported, action="wagtail.publish").exists())
        self.assertEqual(PageLogEntry.objects.filter(page__in=imported, action="wagtail.create").count(), 2)


class BatchTests(ImportTestCase):
    def test_an_interrupted_run_keeps_its_finished_batches_and_resumes(self):
        path = self.write("items.jsonl", records(5))
        real = importing.create_pages
        calls = []

        def interrupted(*args, **kwargs):
            calls.append(1)
            if len(calls) == 2:
                raise KeyboardInterrupt
            return real(*args, **kwargs)

        with (
            mock.patch.object(importing, "BATCH_SIZE", 2),
            mock.patch.object(importing, "create_pages", interrupted),
            self.assertRaises(KeyboardInterrupt),
        ):
            self.run_import(path)
        self.assertEqual(
            sorted(KnowledgeItemPage.objects.values_list("external_id", flat=True)), ["b-0", "b-1"]
        )

        out, _err = self.run_import(path)

        self.assertIn("3 nieuw, 0 bijgewerkt, 2 ongewijzigd, 0 mislukt", out)
        self.assertEqual(KnowledgeItemPage.objects.count(), 5)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))

    def test_the_same_key_twice_in_a_batch_makes_one_page(self):
        out, _err = self.run_import(
            self.write("items.jsonl", [record("t-1"), record("t-1", title="Tweede versie")])
        )

        self.assertIn("1 nieuw, 1 bijgewerkt", out)
        self.assertEqual(self.item("t-1").title, "Tweede versie")
        self.assertEqual(Revision.page_revisions.filter(object_id=str(self.item("t-1").pk)).count(), 2)

    def test_queries_do_not_grow_per_page_beyond_the_indexes(self):
        def queries(count, prefix):
            path = self.write(f"{prefix}.jsonl", records(count, prefix=prefix))
            with CaptureQueriesContext(connection) as captured:
                self.run_import(path)
            return len(captured)

        few, many = queries(5, "few"), queries(50, "many")

        # What each page still costs: the reference index (a read and a write per page). The
        # tree, revisions, publication, history and search index are written once per batch.
        self.assertLessEqual(many - few, 45 * 3)
        self.assertEqual(KnowledgeItemPage.objects.count(), 55)
