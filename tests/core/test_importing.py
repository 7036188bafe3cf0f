"""The one create-or-update of pages from records (``core.importing``), tested through a small importer.

What every importer of the site relies on: a record is known again by its key and left alone
while its data (and the mapping version) did not change; a new page gets a slug its siblings
don't have and block ids that stay the same; a record that fails is undone completely while the
others land; a run that is stopped keeps the batches it finished and the next run carries on;
the pages are written, indexed and published the way Wagtail does it, with their index entries
written per batch instead of queued per save.
"""

import re
import uuid

from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TestCase, TransactionTestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision, WorkflowState
from wagtail.search.models import IndexEntry

from core.importing import (
    Counts,
    FreeSlugs,
    PageImport,
    Publication,
    Record,
    content_hash,
    free_slug,
    stable_block_id,
)
from knowledge.models import KnowledgeItemPage, Organisation
from tests.factories.knowledge import build_site
from tests.utils import links_to

NAMESPACE = uuid.UUID("2c7e1f4a-9b0d-4e3a-8f6c-1d2e3f4a5b6c")
INDEX_WRITE = re.compile(r'INSERT INTO "?wagtailsearch_indexentry"?\s')
TASKS_IN_THE_DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class ItemsImport(PageImport):
    """A minimal importer: ``{"key", "title", "summary"}`` records as knowledge items."""

    batch_size = 2
    slug_fallback = "item"

    def __init__(self, index, publication=Publication.PUBLISH, *, broken=(), stop_at=None, **options):
        super().__init__(publication, **options)
        self.index, self.broken, self.stop_at = index, set(broken), stop_at
        self.source = Organisation.objects.filter(slug="movisie").first()
        self.known = {page.external_id: page for page in KnowledgeItemPage.objects.exclude(external_id="")}

    def read(self, raw):
        if not raw.get("key"):
            raise ValidationError("key ontbreekt")
        return Record(key=raw["key"], data={"title": raw["title"], "summary": raw.get("summary", "")})

    def find(self, record):
        return self.known.get(record.key)

    def is_current(self, page, record):
        return page.import_hash == self.digest(record)

    def parent(self, record):
        return self.index

    def new_page(self, record, parent):
        return KnowledgeItemPage(locale_id=parent.locale_id)

    def page_to_update(self, page, record):
        return KnowledgeItemPage.objects.get(pk=page.pk)

    def fill(self, page, record):
        if record.key == self.stop_at:
            raise KeyboardInterrupt
        page.external_id, page.import_hash = record.key, self.digest(record)
        page.title, page.introduction = record.data["title"], record.data["summary"]
        page.organisation = self.source
        block_id = stable_block_id(NAMESPACE, "item", record.key, "body")
        page.body = [{"type": "paragraph", "value": f"<p>{record.data['summary']}</p>", "id": block_id}]

    def written(self, record, page, revision, created):
        if record.key in self.broken:
            raise RuntimeError("kapot na het publiceren")
        self.known[record.key] = KnowledgeItemPage.objects.get(pk=page.pk)


def items(*keys, **fields):
    return [
        (n, {"key": key, "title": f"Buurtcirkel {key}", "summary": "Samen koken.", **fields})
        for n, key in enumerate(keys, 1)
    ]


class RecordTests(TestCase):
    def test_the_hash_changes_with_the_data_and_the_mapping_version_not_the_order_of_fields(self):
        data = {"title": "Buurtcirkel", "year": 2021, "themes": ["eenzaamheid"]}
        same = {"themes": ["eenzaamheid"], "year": 2021, "title": "Buurtcirkel"}

        self.assertEqual(content_hash(data, "1"), content_hash(same, "1"))
        self.assertNotEqual(content_hash(data, "1"), content_hash({**data, "year": 2022}, "1"))
        self.assertNotEqual(content_hash(data, "1"), content_hash(data, "2"))
        self.assertEqual(len(content_hash(data, "1")), 64)

    def test_block_ids_are_stable_valid_uuids_that_differ_per_block_and_import(self):
        first = stable_block_id(NAMESPACE, "import", "movisie-1", "body")

        self.assertEqual(first, stable_block_id(NAMESPACE, "import", "movisie-1", "body"))
        self.assertEqual(str(uuid.UUID(first)), first)
        self.assertNotEqual(first, stable_block_id(NAMESPACE, "import", "movisie-2", "body"))
        self.assertNotEqual(first, stable_block_id(uuid.uuid4(), "import", "movisie-1", "body"))

    def test_a_free_slug_gets_the_first_free_number_and_stays_within_its_length(self):
        self.assertEqual(free_slug("Buurtcirkel in Ede!", set(), "item"), "buurtcirkel-in-ede")
        self.assertEqual(free_slug("Buurtcirkel", {"buurtcirkel", "buurtcirkel-2"}, "item"), "buurtcirkel-3")
        self.assertEqual(free_slug("?!", set(), "item"), "item")
        long = free_slug("a" * 200, {"a" * 20}, "item", length=20)
        self.assertEqual(long, "a" * 18 + "-2")

    def test_a_free_slug_among_a_querysets_rows(self):
        site = build_site(theme_slugs=())
        Organisation.objects.create(name="Movisie", slug="movisie", locale=site.home.locale)

        slug = free_slug("Movisie", Organisation.objects.filter(locale=site.home.locale), "organisatie")

        self.assertEqual(slug, "movisie-2")

    def test_free_slugs_below_a_parent_are_read_once_and_handed_out_once(self):
        site = build_site(theme_slugs=())
        site.knowledge_index.add_child(instance=KnowledgeItemPage(title="Buurtcirkel", slug="buurtcirkel"))
        slugs = FreeSlugs()

        with self.assertNumQueries(1):
            claimed = [slugs.claim(site.knowledge_index, "Buurtcirkel", "item") for _ in range(3)]
        slugs.release(site.knowledge_index, "buurtcirkel-3")

        self.assertEqual(claimed, ["buurtcirkel-2", "buurtcirkel-3", "buurtcirkel-4"])
        self.assertEqual(slugs.claim(site.knowledge_index, "Buurtcirkel", "item"), "buurtcirkel-3")

    def test_counts_add_up_and_keep_the_reasons(self):
        counts, batch = Counts(), Counts()
        batch.add("created", 2)
        batch.fail(7, "title ontbreekt")
        counts.merge(batch)

        self.assertEqual((counts.created, counts.failed, counts.written), (2, 1, 2))
        self.assertEqual(counts.problems, [(7, "title ontbreekt")])
        with self.assertRaises(ValueError):
            counts.add("deleted")


class ImportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(theme_slugs=())
        cls.index = cls.site.knowledge_index
        cls.movisie = Organisation.objects.create(name="Movisie", slug="movisie", locale=cls.site.home.locale)

    def run_import(self, records, **options):
        run = ItemsImport(self.index, **options)
        return run, run.run(records)

    def page(self, key):
        return KnowledgeItemPage.objects.get(external_id=key)

    def assert_tree_is_valid(self):
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        self.index.refresh_from_db()
        self.assertEqual(self.index.numchild, self.index.get_children().count())


class RunTests(ImportTestCase):
    def test_new_records_become_published_pages_an_editor_would_recognise(self):
        _run, counts = self.run_import(items("a", "b", "c"))

        self.assertEqual((counts.created, counts.updated, counts.unchanged, counts.failed), (3, 0, 0, 0))
        page = self.page("b")
        self.assertTrue(page.live)
        self.assertEqual(page.slug, "buurtcirkel-b")
        self.assertEqual(page.live_revision, page.latest_revision)
        self.assertEqual(
            list(PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True)),
            ["wagtail.create", "wagtail.publish"],
        )
        self.assertEqual(self.client.get(page.url).status_code, 200)
        self.assert_tree_is_valid()

    def test_a_second_run_updates_what_changed_and_leaves_the_rest_alone(self):
        self.run_import(items("a", "b"))
        untouched = self.page("a").latest_revision_id

        _run, counts = self.run_import(items("a") + items("b", summary="Samen eten."))

        self.assertEqual((counts.created, counts.updated, counts.unchanged), (0, 1, 1))
        self.assertEqual(self.page("a").latest_revision_id, untouched)
        changed = self.page("b")
        self.assertEqual(changed.introduction, "Samen eten.")
        self.assertEqual(Revision.page_revisions.filter(object_id=str(changed.pk)).count(), 2)
        self.assertEqual(changed.body[0].id, stable_block_id(NAMESPACE, "item", "b", "body"))

    def test_a_new_mapping_version_rewrites_every_page_once(self):
        self.run_import(items("a", "b"))

        class Remapped(ItemsImport):
            mapping_version = "2"

        counts = Remapped(self.index).run(items("a", "b"))
        again = Remapped(self.index).run(items("a", "b"))

        self.assertEqual((counts.updated, counts.unchanged), (2, 0))
        self.assertEqual((again.updated, again.unchanged), (0, 2))

    def test_two_records_with_one_title_get_two_slugs(self):
        self.run_import(items("a", "b", title="Buurtcirkel"))

        self.assertEqual(
            sorted(self.index.get_children().values_list("slug", flat=True)), ["buurtcirkel", "buurtcirkel-2"]
        )

    def test_a_dry_run_counts_and_writes_nothing(self):
        _run, counts = self.run_import(items("a", "b"), dry_run=True)

        self.assertEqual(counts.created, 2)
        self.assertFalse(KnowledgeItemPage.objects.exists())

    def test_drafts_and_review(self):
        self.run_import(items("a"), publication=Publication.DRAFT)
        self.run_import(items("b"), publication=Publication.REVIEW)

        draft, in_review = self.page("a"), self.page("b")
        self.assertFalse(draft.live or in_review.live)
        self.assertEqual(draft.get_latest_revision_as_object().title, "Buurtcirkel a")
        self.assertFalse(WorkflowState.objects.for_instance(draft).exists())
        # The site's workflow "Controle door de redactie" covers every page.
        state = WorkflowState.objects.for_instance(in_review).get()
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)

    def test_progress_is_reported_after_each_batch_with_the_counts_so_far(self):
        seen = []
        ItemsImport(self.index).run(
            items("a", "b", "c"), progress=lambda counts, done: seen.append((done, counts.created))
        )

        self.assertEqual(seen, [(2, 2), (3, 3)])


class FailureTests(ImportTestCase):
    def test_a_record_that_cannot_be_read_is_reported_with_its_place(self):
        _run, counts = self.run_import(items("a") + [(9, {"key": "", "title": "Zonder sleutel"})])

        self.assertEqual((counts.created, counts.failed), (1, 1))
        self.assertEqual(counts.problems, [(9, "key ontbreekt")])

    def test_a_record_that_fails_after_its_page_was_published_leaves_no_trace_and_the_others_land(self):
        revisions, log_entries = Revision.objects.count(), PageLogEntry.objects.count()

        _run, counts = self.run_import(items("a", "b", "c"), broken={"b"})

        self.assertEqual((counts.created, counts.failed), (2, 1))
        self.assertEqual(counts.problems, [(2, "onverwachte fout (RuntimeError: kapot na het publiceren)")])
        self.assertEqual(sorted(KnowledgeItemPage.objects.values_list("external_id", flat=True)), ["a", "c"])
        self.assertEqual(Revision.objects.count(), revisions + 2)
        self.assertEqual(PageLogEntry.objects.count(), log_entries + 4)
        self.assert_tree_is_valid()

    def test_a_page_wagtail_refuses_fails_alone_and_its_slug_is_free_again(self):
        records = items("a") + [(2, {"key": "b", "title": "B" * 300})] + items("c", title="B" * 80)

        _run, counts = self.run_import(records)

        self.assertEqual((counts.created, counts.failed), (2, 1))
        self.assertEqual(counts.problems[0][0], 2)
        self.assertIn("255 tekens", counts.problems[0][1])
        self.assertEqual(self.page("c").slug, "b" * 80)
        self.assert_tree_is_valid()


class InterruptionTests(ImportTestCase):
    def test_a_stopped_run_keeps_its_finished_batches_and_the_next_run_carries_on(self):
        with self.assertRaises(KeyboardInterrupt):
            self.run_import(items("a", "b", "c", "d", "e"), stop_at="d")
        # The first batch (a, b) was committed; c was in the batch that was stopped.
        self.assertEqual(sorted(KnowledgeItemPage.objects.values_list("external_id", flat=True)), ["a", "b"])
        self.assert_tree_is_valid()

        _run, counts = self.run_import(items("a", "b", "c", "d", "e"))

        self.assertEqual((counts.created, counts.unchanged), (3, 2))
        self.assertEqual(KnowledgeItemPage.objects.count(), 5)
        self.assert_tree_is_valid()


class IndexingTests(ImportTestCase):
    @override_settings(TASKS=TASKS_IN_THE_DATABASE)
    def test_pages_are_indexed_by_the_run_itself_and_nothing_waits_for_a_worker(self):
        _run, counts = self.run_import(items("a", "b", "c"))

        self.assertEqual(counts.created, 3)
        self.assertFalse(DBTaskResult.objects.exists())
        for key in ("a", "b", "c"):
            page = self.page(key)
            self.assertEqual(IndexEntry.objects.filter(object_id=str(page.pk)).count(), 1)
            referenced = ReferenceIndex.get_references_for_object(page)
            self.assertIn(
                ("organisation", str(self.movisie.pk)),
                {(r.to_content_type.model, r.to_object_id) for r in referenced},
            )
        response = self.client.get("/zoeken/", {"q": "Buurtcirkel"})
        self.assertTrue(links_to(response, self.page("b").url, within="main"))

    @override_settings(TASKS=TASKS_IN_THE_DATABASE)
    def test_after_a_run_a_save_queues_its_index_updates_as_usual(self):
        self.run_import(items("a"))
        page = self.page("a")
        page.title = "Buurtcirkel, herzien"

        page.save_revision().publish()

        queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
        self.assertIn("modelsearch.tasks.insert_or_update_object_task", queued)
        self.assertIn("wagtail.tasks.update_reference_index_task", queued)

    def test_the_index_is_written_once_per_batch(self):
        with CaptureQueriesContext(connection) as captured:
            self.run_import(items("a", "b", "c", "d"))

        index_writes = [q for q in captured if INDEX_WRITE.search(q["sql"])]
        self.assertEqual(len(index_writes), 2)  # two batches of two

    def test_postgresql_knows_the_tables_the_run_filled(self):
        if connection.vendor != "postgresql":
            self.skipTest("ANALYZE is run on PostgreSQL only")
        self.run_import(items("a", "b", "c"))

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, reltuples FROM pg_class WHERE relname IN "
                "('knowledge_knowledgeitempage', 'wagtailcore_revision', 'wagtailsearch_indexentry')"
            )
            estimates = dict(cursor.fetchall())
        self.assertGreaterEqual(estimates["knowledge_knowledgeitempage"], 3)
        self.assertGreaterEqual(estimates["wagtailcore_revision"], 3)
        self.assertGreaterEqual(estimates["wagtailsearch_indexentry"], 3)


def last_vacuum(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = %s", [table])
        return cursor.fetchone()[0]


class VacuumTests(TransactionTestCase):
    serialized_rollback = True

    def test_a_run_outside_a_transaction_also_vacuums_the_tables_it_wrote(self):
        if connection.vendor != "postgresql":
            self.skipTest("VACUUM is run on PostgreSQL only")
        site = build_site(theme_slugs=())
        before = {table: last_vacuum(table) for table in ("wagtailcore_page", "wagtailsearch_indexentry")}

        ItemsImport(site.knowledge_index).run(items("a", "b"))

        for table, earlier in before.items():
            vacuumed = last_vacuum(table)
            self.assertIsNotNone(vacuumed, table)
            self.assertTrue(earlier is None or vacuumed > earlier, table)
