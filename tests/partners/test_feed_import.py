"""A partner's feed, served over real HTTP, becomes draft news pages that editors approve.

What an editor expects: every new article of the partner waits in the workflow "Partnerbijdrage
beoordelen", nothing is live before they approve it, a second run makes no duplicates, a changed
article updates the draft but never a page they approved or edited, and a feed that is broken or
hostile ends in a clear line in the run log while the other partners' feeds are still imported.
"""

import time
from io import StringIO
from unittest import mock

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import WorkflowState

from knowledge.models import NewsPage
from partners.feed_import import import_all_feeds, import_feed
from partners.models import FeedEntry, FeedRun
from partners.setup import WORKFLOW_NAME, set_up_partner
from tests.factories.knowledge import OrganisationFactory, build_site
from tests.feed_server import FeedServer, stream, trickle
from tests.partners.feed_support import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    HOSTILE_HTML,
    HTML_PAGE,
    RSS_TYPE,
    atom,
    json_feed,
    partner_with_feed,
    rss,
)
from tests.partners.test_permissions import account
from tests.task_support import run_due_tasks

ARTICLES = [
    {
        "guid": "movisie-1",
        "link": "https://www.movisie.nl/artikel/eenzaamheid",
        "title": "Eenzaamheid in de wijk",
        "description": "Wat werkt tegen eenzaamheid?",
        "content": "<p>Het <strong>hele</strong> verhaal.</p>",
        "date": "Mon, 02 Nov 2026 10:00:00 +0100",
        "author": "Anna de Vries",
    },
    {
        "guid": "movisie-2",
        "link": "https://www.movisie.nl/artikel/armoede",
        "title": "Armoede en schulden",
        "content": "<p>Over geldzorgen.</p>",
        "date": "Tue, 03 Nov 2026 10:00:00 +0100",
    },
]


def latest(page):
    return page.get_latest_revision_as_object()


class FeedTestCase(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = cls.enterClassContext(FeedServer())

    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(theme_slugs=())
        cls.editor = account("redacteur", Group.objects.get(name="Redacteuren"))

    def setUp(self):
        self.server.reset()

    def serve(self, path, body=b"", content_type=RSS_TYPE, headers=None, **route):
        """Let ``GET path`` answer ``body`` (a feed, unless told otherwise); its address."""
        self.server.route(path, body=body, headers={"Content-Type": content_type, **(headers or {})}, **route)
        return self.server.url(path)

    def partner(self, name, path, body=b"", **answer):
        return partner_with_feed(name, self.serve(path, body, **answer))

    def pages_of(self, partner):
        return NewsPage.objects.child_of(partner.section).order_by("date")


class ImportTests(FeedTestCase):
    def test_rss_entries_become_drafts_in_the_partners_section_waiting_for_review(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES))

        run = import_feed(movisie)

        self.assertEqual(run.status, FeedRun.Status.OK, run.error)
        self.assertEqual((run.fetched, run.created, run.updated, run.skipped), (2, 2, 0, 0))
        pages = self.pages_of(movisie)
        self.assertEqual([page.title for page in pages], ["Eenzaamheid in de wijk", "Armoede en schulden"])
        first = pages[0]
        self.assertFalse(first.live)
        self.assertIsNone(first.first_published_at)
        self.assertEqual(first.category, NewsPage.Category.PARTNER)
        self.assertEqual(first.organisation, movisie.organisation)
        self.assertEqual(str(first.date), "2026-11-02")
        self.assertEqual(first.introduction, "Wat werkt tegen eenzaamheid?")
        self.assertEqual(first.author, "Anna de Vries")
        body = str(first.body[0].value.source)
        self.assertEqual(body, "<p>Het <strong>hele</strong> verhaal.</p>")
        self.assertIn('href="https://www.movisie.nl/artikel/eenzaamheid"', str(first.body[1].value.source))
        state = WorkflowState.objects.for_instance(first).get()
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.workflow.name, WORKFLOW_NAME)
        # Nobody sees it yet.
        self.assertEqual(self.client.get(first.url_path.removeprefix("/home")).status_code, 404)

    def test_the_reviewer_finds_the_draft_on_the_dashboard_and_approves_it(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES[:1]))
        import_feed(movisie)
        page = self.pages_of(movisie).get()
        self.client.force_login(self.editor)

        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(dashboard, "Eenzaamheid in de wijk")
        task_state = page.current_workflow_task_state
        response = self.client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
            {"comment": "Mooi stuk."},
        )

        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.client.logout()
        self.assertContains(
            self.client.get(page.url_path.removeprefix("/home")), "Het <strong>hele</strong> verhaal."
        )

    def test_atom_and_json_feeds(self):
        platform = self.partner(
            "Platform31",
            "/platform31.atom",
            atom(
                [
                    {
                        "id": "urn:p31:1",
                        "title": "Wijkaanpak",
                        "link": "https://www.platform31.nl/1",
                        "summary": "Samen met bewoners.",
                        "content": "<p>Zo pakten <em>wij</em> het aan.</p><script>alert(1)</script>",
                        "author": "Platform31",
                    }
                ]
            ),
            content_type="application/atom+xml",
        )
        kennisnet = self.partner(
            "Kennisnet",
            "/kennisnet.json",
            json_feed(
                [
                    {
                        "id": "k1",
                        "url": "https://kennisnet.example/1",
                        "title": "Buurthuis",
                        "content_html": "<p>Open.</p>",
                    }
                ]
            ),
            content_type="application/feed+json",
        )

        runs = import_all_feeds()

        self.assertEqual([run.created for run in runs], [1, 1])
        item = self.pages_of(platform).get()
        self.assertEqual(
            (item.title, item.introduction, item.live), ("Wijkaanpak", "Samen met bewoners.", False)
        )
        self.assertEqual(str(item.body[0].value.source), "<p>Zo pakten <em>wij</em> het aan.</p>")
        self.assertEqual(self.pages_of(kennisnet).get().title, "Buurthuis")
        self.assertTrue(WorkflowState.objects.for_instance(item).filter(status="in_progress").exists())

    def test_running_again_makes_no_duplicates(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES))
        import_feed(movisie)

        run = import_feed(movisie)

        self.assertEqual((run.created, run.updated, run.skipped), (0, 0, 2))
        self.assertEqual(self.pages_of(movisie).count(), 2)
        self.assertEqual(WorkflowState.objects.filter(status="in_progress").count(), 2)

    def test_an_unchanged_feed_answers_304_to_its_etag_and_nothing_changes(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES), etag='"v1"')
        import_feed(movisie)

        run = import_feed(movisie)

        self.assertEqual(run.status, FeedRun.Status.NOT_MODIFIED)
        self.assertEqual(self.server.requests[-1].header("If-None-Match"), '"v1"')
        self.assertEqual((run.fetched, run.created, run.updated), (0, 0, 0))
        self.assertEqual(self.pages_of(movisie).count(), 2)
        # The validators are kept for the run after that.
        import_feed(movisie)
        self.assertEqual(self.server.requests[-1].header("If-None-Match"), '"v1"')

    def test_a_changed_entry_updates_its_draft_with_a_new_revision(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES))
        import_feed(movisie)
        page = self.pages_of(movisie).get(title="Armoede en schulden")
        revisions = page.revisions.count()
        changed = [ARTICLES[0], {**ARTICLES[1], "title": "Armoede en schulden in Ede"}]
        self.serve("/movisie.xml", rss(changed))

        run = import_feed(movisie)

        self.assertEqual((run.created, run.updated, run.skipped), (0, 1, 1))
        page.refresh_from_db()
        self.assertEqual(page.revisions.count(), revisions + 1)
        self.assertEqual(latest(page).title, "Armoede en schulden in Ede")
        self.assertFalse(page.live)
        self.assertEqual(WorkflowState.objects.for_instance(page).filter(status="in_progress").count(), 1)

    def test_a_rejected_draft_goes_back_to_the_reviewers_when_the_partner_changes_it(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES[:1]))
        import_feed(movisie)
        page = self.pages_of(movisie).get()
        page.current_workflow_task_state.reject(user=self.editor, comment="Graag korter.")
        state = WorkflowState.objects.for_instance(page).get()
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        self.serve("/movisie.xml", rss([{**ARTICLES[0], "content": "<p>Korter.</p>"}]))

        run = import_feed(movisie)

        self.assertEqual(run.updated, 1)
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        page.refresh_from_db()
        self.assertEqual(str(latest(page).body[0].value.source), "<p>Korter.</p>")

    def test_a_page_the_editors_approved_is_left_alone(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES[:1]))
        import_feed(movisie)
        page = self.pages_of(movisie).get()
        page.current_workflow_task_state.approve(user=self.editor)
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.serve("/movisie.xml", rss([{**ARTICLES[0], "title": "Overschreven?"}]))

        run = import_feed(movisie)

        self.assertEqual((run.updated, run.skipped), (0, 1))
        page.refresh_from_db()
        self.assertEqual(page.title, "Eenzaamheid in de wijk")
        self.assertEqual(latest(page).title, "Eenzaamheid in de wijk")
        self.assertFalse(page.has_unpublished_changes)

    def test_a_draft_an_editor_changed_is_not_overwritten(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES[:1]))
        import_feed(movisie)
        page = latest(self.pages_of(movisie).get())
        page.title = "Door de redactie ingekort"
        page.save_revision(user=self.editor)
        self.serve("/movisie.xml", rss([{**ARTICLES[0], "content": "<p>Nieuw.</p>"}]))

        run = import_feed(movisie)

        self.assertEqual((run.updated, run.skipped), (0, 1))
        self.assertEqual(latest(NewsPage.objects.get(pk=page.pk)).title, "Door de redactie ingekort")

    def test_a_deleted_draft_stays_deleted(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES[:1]))
        import_feed(movisie)
        self.pages_of(movisie).get().delete()

        run = import_feed(movisie)

        self.assertEqual((run.created, run.skipped), (0, 1))
        self.assertFalse(self.pages_of(movisie).exists())

    def test_entries_with_missing_fields_are_skipped_and_counted(self):
        feed = rss(
            [ARTICLES[0], {"description": "zonder titel", "guid": "x"}, {"title": "zonder guid en link"}]
        )
        movisie = self.partner("Movisie", "/movisie.xml", feed)

        run = import_feed(movisie)

        self.assertEqual((run.fetched, run.created, run.skipped), (3, 1, 2))
        self.assertIn("zonder titel", run.skipped_entries)
        self.assertIn("zonder guid en link", run.skipped_entries)

    def test_hostile_markup_is_sanitised_in_the_stored_body(self):
        article = {**ARTICLES[0], "content": HOSTILE_HTML, "title": '<img src=x onerror="alert(1)">Titel'}
        movisie = self.partner("Movisie", "/movisie.xml", rss([article]))

        import_feed(movisie)

        page = self.pages_of(movisie).get()
        self.assertEqual(page.title, "Titel")
        stored = str(page.body[0].value.source).lower()
        for trace in (
            "<script",
            "<style",
            "<iframe",
            "<svg",
            "<img",
            "<math",
            "<form",
            "<button",
            "<object",
            "<embed",
            "<template",
            "onerror",
            "onclick",
            "onload",
            "onfocus",
            "onmouseover",
            "javascript:",
            "data:",
            "style=",
            "window.__xss",
            'id="pwned"',
        ):
            self.assertNotIn(trace, stored)
        self.assertIn(
            '<a href="https://www.movisie.nl/artikel" rel="nofollow noopener">echte link</a>', stored
        )
        self.assertIn("gewone tekst over de <strong>buurt</strong>", stored)


class BrokenFeedsTests(FeedTestCase):
    @override_settings(FEEDS_MAX_BYTES=200_000, FEEDS_DEADLINE=1.5, FEEDS_READ_TIMEOUT=1)
    def test_each_broken_or_hostile_feed_ends_in_a_clear_error_and_the_others_are_imported(self):
        self.serve("/loop-a", status=302, headers={"Location": "/loop-b"})
        self.serve("/loop-b", status=302, headers={"Location": "/loop-a"})
        broken = {
            "Bom": ("/bomb.xml", {"body": BILLION_LAUGHS}, "De feed bevat een DTD of entiteiten"),
            "Entiteit": ("/xxe.xml", {"body": EXTERNAL_ENTITY}, "De feed bevat een DTD of entiteiten"),
            "Weg": ("/gone.xml", {"status": 404, "body": b"weg"}, "404"),
            "Website": (
                "/page.html",
                {"body": HTML_PAGE, "content_type": "text/html"},
                "geen RSS-, Atom- of JSON",
            ),
            "Leeg": ("/empty.xml", {"body": b""}, "leeg"),
            # A gigabyte without a Content-Length: as good as endless.
            "Groot": (
                "/big.xml",
                {"handler": stream(10**9, length=False, content_type=RSS_TYPE)},
                "groter dan",
            ),
            "Druppel": (
                "/slow.xml",
                {"handler": trickle(rss(ARTICLES), interval=0.05, headers={"Content-Type": RSS_TYPE})},
                "niet binnen 1,5 seconden",
            ),
            "Kring": ("/loop-a", None, "doorverwijzingen"),
        }
        partners = {
            name: self.partner(name, path, **answer)
            if answer is not None
            else partner_with_feed(name, self.server.url(path))
            for name, (path, answer, _reason) in broken.items()
        }
        latin1 = rss(
            [{"guid": "c1", "title": "Café in Wijchen", "content": "<p>Koffie in het dorpshuis.</p>"}],
            encoding="latin-1",
            declaration='<?xml version="1.0" encoding="utf-8"?>',
        )
        good = self.partner("Zuid", "/zuid.xml", latin1)
        also_good = self.partner("Oost", "/oost.xml", rss(ARTICLES[:1]))

        started = time.monotonic()
        runs = {run.organisation.name: run for run in import_all_feeds()}

        durations = {name: (run.finished_at - run.started_at).total_seconds() for name, run in runs.items()}
        self.assertLess(time.monotonic() - started, 15, (durations, runs["Druppel"].error))
        for name, (_path, _answer, reason) in broken.items():
            with self.subTest(feed=name):
                run = runs[name]
                self.assertEqual(run.status, FeedRun.Status.ERROR)
                self.assertIn(reason, run.error)
                self.assertIsNotNone(run.finished_at)
                self.assertFalse(self.pages_of(partners[name]).exists())
        self.assertEqual(runs["Zuid"].created, 1)
        self.assertEqual(self.pages_of(good).get().title, "Café in Wijchen")
        self.assertEqual(runs["Oost"].created, 1)
        self.assertEqual(self.pages_of(also_good).count(), 1)
        # Nothing of /etc/passwd anywhere.
        for text in [page.title + str(page.body) for page in NewsPage.objects.all()] + [
            run.error + run.problems for run in FeedRun.objects.all()
        ]:
            self.assertNotIn("root:", text)


class CommandTests(FeedTestCase):
    def test_the_command_imports_every_partner_feed_shows_progress_and_fails_when_one_did(self):
        self.partner("Movisie", "/movisie.xml", rss(ARTICLES))
        self.partner("Platform31", "/weg.xml", b"stuk", status=500)
        set_up_partner("Zonder feed")
        out = StringIO()

        with self.assertRaisesMessage(CommandError, "1 van de 2 feeds zijn mislukt"):
            call_command("import_partner_feeds", stdout=out)

        output = out.getvalue()
        self.assertIn("Movisie", output)
        self.assertIn("2 opgehaald, 2 nieuw, 0 bijgewerkt, 0 overgeslagen", output)
        self.assertIn("Platform31", output)
        self.assertIn("mislukt: De server antwoordde 500", output)
        self.assertNotIn("Zonder feed", output)

    def test_all_feeds_fine_is_a_clean_exit(self):
        self.partner("Movisie", "/movisie.xml", rss(ARTICLES))
        out = StringIO()

        call_command("import_partner_feeds", stdout=out)

        self.assertIn("Klaar: 1 feeds, 0 mislukt.", out.getvalue())

    def test_one_url_for_one_partner(self):
        movisie = set_up_partner("Movisie")
        url = self.serve("/proef.xml", rss(ARTICLES[:1]))
        out = StringIO()

        call_command("import_partner_feeds", "--url", url, "--org", "movisie", stdout=out)

        self.assertIn("1 nieuw", out.getvalue())
        self.assertEqual(self.pages_of(movisie).count(), 1)
        self.assertEqual(FeedRun.objects.get().feed_url, url)

    def test_an_unknown_organisation_or_one_that_is_no_partner_is_refused_in_dutch(self):
        OrganisationFactory(name="Gemeente Ede")
        url = self.server.url("/x.xml")

        with self.assertRaisesMessage(CommandError, "Er is geen organisatie die Bestaat Niet heet."):
            call_command("import_partner_feeds", "--url", url, "--org", "Bestaat Niet")
        with self.assertRaisesMessage(
            CommandError, "Gemeente Ede is geen partner; maak die eerst aan met create_partner."
        ):
            call_command("import_partner_feeds", "--url", url, "--org", "Gemeente Ede")
        self.assertFalse(FeedRun.objects.exists())

    def test_an_interrupted_run_says_so_and_the_next_run_finishes_the_job(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES))
        original = NewsPage.save_revision
        calls = []

        def interrupted_on_the_second(page, *args, **kwargs):
            calls.append(page.title)
            if len(calls) == 2:
                raise KeyboardInterrupt
            return original(page, *args, **kwargs)

        with (
            mock.patch.object(NewsPage, "save_revision", interrupted_on_the_second),
            self.assertRaises(KeyboardInterrupt),
        ):
            import_feed(movisie)

        run = FeedRun.objects.get()
        self.assertEqual((run.status, run.error), (FeedRun.Status.ERROR, "De import is onderbroken."))
        self.assertEqual(self.pages_of(movisie).count(), 1)
        again = import_feed(movisie)
        self.assertEqual((again.created, again.skipped), (1, 1))
        self.assertEqual(self.pages_of(movisie).count(), 2)
        self.assertEqual(FeedEntry.objects.count(), 2)


TASKS_IN_THE_DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASK = "partners.tasks.import_partner_feeds_regularly"


@override_settings(TASKS=TASKS_IN_THE_DATABASE, FEEDS_IMPORT_INTERVAL_MINUTES=30)
class ScheduleTests(FeedTestCase):
    def queued(self):
        return DBTaskResult.objects.filter(task_path=TASK, status="READY")

    def test_schedule_queues_the_task_which_imports_and_queues_its_next_run(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES))
        out = StringIO()

        call_command("import_partner_feeds", "--schedule", stdout=out)
        call_command("import_partner_feeds", "--schedule", stdout=out)  # at every deploy: no second one

        self.assertEqual(self.queued().count(), 1)
        self.assertIn("staat al in de wachtrij", out.getvalue())
        run_due_tasks()
        self.assertEqual(self.pages_of(movisie).count(), 2)
        (following,) = self.queued()
        wait = (following.run_after - following.enqueued_at).total_seconds()
        self.assertAlmostEqual(wait, 30 * 60, delta=60)

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}})
    def test_a_backend_that_cannot_wait_is_told_to_use_cron(self):
        with self.assertRaisesMessage(CommandError, "cron"):
            call_command("import_partner_feeds", "--schedule")


class RunLogAdminTests(FeedTestCase):
    def test_an_editor_reads_the_runs_newest_first_and_cannot_change_them(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES))
        first = import_feed(movisie)
        self.serve("/movisie.xml", status=404)
        failed = import_feed(movisie)
        self.client.force_login(self.editor)

        response = self.client.get(reverse("feed_runs:index"))

        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertIn("Movisie", content)
        self.assertIn("De server antwoordde 404 Not Found.", content)
        self.assertEqual(list(response.context["object_list"]), [failed, first])
        self.assertNotIn(reverse("feed_runs:add"), content)
        self.assertContains(self.client.get(reverse("feed_runs:inspect", args=[failed.pk])), "404 Not Found")
        for url in (reverse("feed_runs:add"), reverse("feed_runs:edit", args=[first.pk])):
            self.assertEqual(self.client.get(url).status_code, 302)
        self.assertEqual(self.client.post(reverse("feed_runs:delete", args=[first.pk])).status_code, 302)
        self.assertTrue(FeedRun.objects.filter(pk=first.pk).exists())

    def test_a_partner_is_refused(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES))
        run = import_feed(movisie)
        self.client.force_login(account("movisie", movisie.group))

        for url in (reverse("feed_runs:index"), reverse("feed_runs:inspect", args=[run.pk])):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), reverse("feed_runs:index"))
