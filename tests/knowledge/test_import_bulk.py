"""A large import writes its pages a batch at a time, and they are pages like any other.

Each page is made the way an editor makes one (``add_child``, a revision, its publication:
``core.importing``), many records to a transaction. What an editor and a visitor must find
afterwards, whatever the batches: a valid tree in both languages, every page with its revision,
history, URL, search hit and reference index entries, pages editors can edit, publish and move,
a stopped run that the next run completes without doubles, and queries per page that don't grow
with the number of pages already there.
"""

import io
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from core.sanitising import sanitise_html
from knowledge import importing
from knowledge.importing import KnowledgeImport
from knowledge.models import KnowledgeItemPage
from tests.knowledge.test_import_knowledge import ImportTestCase, record
from tests.utils import links_to


def records(count, prefix="b", **fields):
    return [record(f"{prefix}-{n}", title=f"Buurtcirkel {prefix} {n}", **fields) for n in range(count)]


class TreeTests(ImportTestCase):
    def test_the_tree_is_valid_after_several_batches_in_two_languages(self):
        with mock.patch.object(KnowledgeImport, "batch_size", 3):
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

    def test_imported_pages_come_after_existing_children_and_before_new_ones(self):
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
    def test_a_stopped_run_keeps_its_finished_batches_and_the_next_run_completes_it(self):
        path = self.write("items.jsonl", records(5))
        calls = []

        def stopped_on_the_third(html):
            calls.append(html)
            if len(calls) == 3:
                raise KeyboardInterrupt  # Ctrl-C while the second batch is written
            return sanitise_html(html)

        out = io.StringIO()
        with (
            mock.patch.object(KnowledgeImport, "batch_size", 2),
            mock.patch.object(importing, "sanitise_html", stopped_on_the_third),
            self.assertRaises(CommandError) as stopped,
        ):
            call_command(
                "import_knowledge",
                str(path),
                "--publish",
                "--create-organisations",
                stdout=out,
                stderr=io.StringIO(),
            )
        self.assertEqual(stopped.exception.returncode, 130)
        self.assertIn("start dezelfde opdracht opnieuw", str(stopped.exception))
        self.assertIn("Onderbroken: 2 nieuw", out.getvalue())
        self.assertEqual(
            sorted(KnowledgeItemPage.objects.values_list("external_id", flat=True)), ["b-0", "b-1"]
        )
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))

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

    def test_progress_is_shown_while_a_long_import_runs(self):
        with (
            mock.patch.object(KnowledgeImport, "batch_size", 2),
            mock.patch("knowledge.management.commands.import_knowledge.PROGRESS_EVERY", 0),
        ):
            out, _err = self.run_import(self.write("items.jsonl", records(5)))

        self.assertIn("2 van 5 verwerkt (2 nieuw", out)
        self.assertIn("4 van 5 verwerkt (4 nieuw", out)

    def test_queries_per_page_are_bounded_and_do_not_grow_with_the_pages_already_there(self):
        def queries_per_page(count, prefix):
            path = self.write(f"{prefix}.jsonl", records(count, prefix=prefix))
            with CaptureQueriesContext(connection) as captured:
                self.run_import(path)
            return len(captured) / count

        first = queries_per_page(10, "first")
        queries_per_page(40, "between")
        later = queries_per_page(10, "later")

        # What Wagtail's own add_child, save_revision and publish cost per page, and the indexes.
        self.assertLessEqual(first, 75)
        self.assertLessEqual(later, first + 1)
        self.assertEqual(KnowledgeItemPage.objects.count(), 60)
