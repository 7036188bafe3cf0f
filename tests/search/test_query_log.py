"""Searches are counted per day, language and query, shown to editors, and deleted after a year."""

import datetime
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from partners.setup import set_up_partner
from search import log
from search.models import SearchQueryDay, SearchQueryVisitor
from search.query import MAX_TERMS, terms
from search.retention import purge_search_log_daily
from tests.factories.home import dutch_home, site_settings
from tests.factories.knowledge import build_site
from tests.factories.translation import translate
from tests.partners.test_permissions import account
from tests.search.helpers import standard_page
from tests.task_support import run_due_tasks
from tests.utils import soup

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"


class LoggingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        site_settings()
        for number in range(12):
            standard_page(home, f"Dorpshuis {number}")
        translate(home)
        translate(standard_page(home, "Wijkraad"), {"Wijkraad": "Neighbourhood council"})

    def search(self, url, query, agent=BROWSER, **params):
        response = self.client.get(url, {"q": query, **params}, HTTP_USER_AGENT=agent)
        self.assertEqual(response.status_code, 200)
        return response

    def row(self, query, language="nl"):
        return SearchQueryDay.objects.get(day=timezone.localdate(), language=language, query=query)

    def test_a_search_is_counted_with_its_language_and_result_count(self):
        self.search("/zoeken/", "Dorpshuis")
        self.search("/zoeken/", "  dorpshuis  ")
        self.search("/zoeken/", "bestaatniet")
        self.search("/en/search/", "council")

        self.assertEqual((self.row("dorpshuis").searches, self.row("dorpshuis").results), (2, 12))
        self.assertEqual((self.row("bestaatniet").searches, self.row("bestaatniet").results), (1, 0))
        self.assertEqual((self.row("council", "en").searches, self.row("council", "en").results), (1, 1))
        self.assertEqual(SearchQueryDay.objects.count(), 3)

    def test_the_day_keeps_the_latest_result_count(self):
        record = log.record
        record("wijkraad", "nl", 3)
        record("wijkraad", "nl", 5)

        self.assertEqual((self.row("wijkraad").searches, self.row("wijkraad").results), (2, 5))

    def test_paging_filtering_json_autocomplete_bots_and_empty_queries_are_not_counted(self):
        self.search("/zoeken/", "dorpshuis", page="2")
        self.search("/zoeken/", "dorpshuis", soort="method")
        self.client.get(
            "/zoeken/", {"q": "dorpshuis"}, HTTP_ACCEPT="application/json", HTTP_USER_AGENT=BROWSER
        )
        self.client.get(reverse("search_suggestions"), {"q": "dorpshuis"}, HTTP_USER_AGENT=BROWSER)
        self.search("/zoeken/", "dorpshuis", agent="Mozilla/5.0 (compatible; Googlebot/2.1)")
        self.search("/zoeken/", "dorpshuis", agent="")
        self.search("/zoeken/", "   ")

        self.assertEqual(SearchQueryDay.objects.count(), 0)

    def test_addresses_and_long_numbers_are_not_stored(self):
        self.search("/zoeken/", "Jan@Example.org 0612345678 dorpshuis")

        self.assertEqual(self.row("[e-mail] [nummer] dorpshuis").searches, 1)

    def test_a_query_longer_than_the_search_uses_is_stored_only_as_the_words_it_used(self):
        words = [f"woord{number}" for number in range(20)]

        self.search("/zoeken/", " ".join(words) + " GRATIS geld via ons")

        [row] = SearchQueryDay.objects.all()
        self.assertEqual(row.query, " ".join(words[:MAX_TERMS]))
        self.assertEqual(row.query.split(), terms(" ".join(words)))
        self.assertNotIn("gratis", row.query)

    def test_the_log_keeps_the_words_the_search_read_not_the_punctuation_around_them(self):
        self.search("/zoeken/", 'Dorpshuis!!! "auto\'s" (OR) -wijk*')

        self.assertEqual(SearchQueryDay.objects.get().query, "dorpshuis auto or wijk")

    def test_links_in_a_query_are_masked_like_addresses(self):
        cases = {
            "GRATIS 500 EURO: ga naar www.scam-winactie.nl en vul uw DigiD in": (
                "gratis 500 euro ga naar [link] en vul uw"
            ),
            "dorpshuis https://example.org/aanmelden?code=1": "dorpshuis [link]",
            "dorpshuis scam.com/win": "dorpshuis [link]",
            "dorpshuis Scam-Winactie.NL": "dorpshuis [link]",
            "mail jan@example.org of bel 0612345678": "mail [e-mail] of bel [nummer]",
        }
        for query, stored in cases.items():
            with self.subTest(query=query):
                SearchQueryDay.objects.all().delete()

                self.search("/zoeken/", query)

                self.assertEqual(SearchQueryDay.objects.get().query, stored)

    def test_a_visitor_is_counted_once_a_day_by_a_keyed_hash_never_by_address(self):
        address = "203.0.113.7"
        for _ in range(3):
            self.client.get("/zoeken/", {"q": "dorpshuis"}, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=address)
        self.client.get("/zoeken/", {"q": "dorpshuis 1"}, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=address)

        rows = list(SearchQueryVisitor.objects.order_by("query"))
        self.assertEqual([row.query for row in rows], ["dorpshuis", "dorpshuis 1"])
        today = timezone.localdate()
        self.assertEqual(rows[0].visitor, log.visitor_key(today, "nl", "dorpshuis", address))
        # The same client gives another key for another query, or another day: nothing links them.
        self.assertNotEqual(rows[0].visitor, rows[1].visitor)
        tomorrow = today + datetime.timedelta(days=1)
        self.assertNotEqual(log.visitor_key(tomorrow, "nl", "dorpshuis", address), rows[0].visitor)
        # Keyed with the site's secret: the address alone does not give the key.
        with override_settings(SECRET_KEY="een-andere-sleutel"):
            self.assertNotEqual(log.visitor_key(today, "nl", "dorpshuis", address), rows[0].visitor)
        for model in (SearchQueryDay, SearchQueryVisitor):
            for values in model.objects.values():
                self.assertNotIn(address, " ".join(str(value) for value in values.values()))

    def test_a_search_that_found_nothing_keeps_no_visitor(self):
        self.client.get("/zoeken/", {"q": "bestaatniet"}, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")

        self.assertEqual(self.row("bestaatniet").searches, 1)
        self.assertFalse(SearchQueryVisitor.objects.exists())

    def test_a_search_costs_one_insert_or_two_when_it_found_something(self):
        def inserts(query):
            with CaptureQueriesContext(connection) as queries:
                self.search("/zoeken/", query)
            return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]

        self.assertEqual(len(inserts("bestaatniet")), 1)
        found = inserts("dorpshuis")
        self.assertEqual(len(found), 2)
        self.assertTrue(all("ON CONFLICT" in sql for sql in found))

    def test_a_log_that_cannot_be_written_still_gives_the_results(self):
        with (
            mock.patch.object(SearchQueryDay._meta, "db_table", "no_such_table"),
            self.assertLogs("search.log", "WARNING"),
        ):
            response = self.search("/zoeken/", "dorpshuis")

        self.assertContains(response, "12 resultaten")
        self.assertEqual(SearchQueryDay.objects.count(), 0)

    def test_any_query_is_logged_safely(self):
        for query in ('"', "a" * 5000, "x\x00y", "DROP TABLE"):
            with self.subTest(query=query[:10]):
                self.search("/zoeken/", query)
        self.assertTrue(SearchQueryDay.objects.filter(query="a" * 200).exists())


class ReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site(theme_slugs=())  # a partner's section goes below the news index
        today = timezone.localdate()
        old = today - datetime.timedelta(days=45)
        rows = [
            (today, "nl", "eenzaamheid", 7, 4),
            (today, "nl", "dorpshuis", 3, 2),
            (today, "nl", "zwembad", 5, 0),
            (old, "nl", "zwembad", 9, 0),
            (old, "nl", "oud onderwerp", 20, 0),
            (today, "en", "loneliness", 4, 1),
            (today, "en", "swimming pool", 2, 0),
        ]
        for day, language, query, searches, results in rows:
            SearchQueryDay.objects.create(
                day=day, language=language, query=query, searches=searches, results=results
            )
        cls.editor = account("redacteur", Group.objects.get(name="Redacteuren"))
        cls.partner_user = account("movisie", set_up_partner("Movisie").group)

    def report(self, **params):
        self.client.force_login(self.editor)
        response = self.client.get(reverse("search_report"), params)
        self.assertEqual(response.status_code, 200)
        return soup(response)

    def table(self, html, section_id):
        table = html.select_one(f'table[aria-labelledby="{section_id}"]')
        if table is None:
            return []
        return [
            [cell.get_text() for cell in row.select("td:not(.search-report-actions)")]
            for row in table.select("tbody tr")
        ]

    def test_the_report_shows_each_languages_popular_queries_with_counts(self):
        html = self.report()

        self.assertEqual(
            self.table(html, "search-report-nl-popular"),
            [["eenzaamheid", "7", "4"], ["zwembad", "5", "0"], ["dorpshuis", "3", "2"]],
        )
        self.assertEqual(
            self.table(html, "search-report-en-popular"),
            [["loneliness", "4", "1"], ["swimming pool", "2", "0"]],
        )

    def test_the_report_lists_the_queries_that_found_nothing(self):
        html = self.report()

        self.assertEqual(self.table(html, "search-report-nl-none"), [["zwembad", "5"]])
        self.assertEqual(self.table(html, "search-report-en-none"), [["swimming pool", "2"]])

    def test_a_longer_period_counts_older_days_too(self):
        html = self.report(dagen="90")

        self.assertEqual(
            self.table(html, "search-report-nl-none"), [["oud onderwerp", "20"], ["zwembad", "14"]]
        )
        self.assertEqual(html.select_one("#search-report-days option[selected]")["value"], "90")

    def test_an_unknown_period_is_the_last_30_days(self):
        html = self.report(dagen="abc")

        self.assertEqual(html.select_one("#search-report-days option[selected]")["value"], "30")
        self.assertEqual(self.table(html, "search-report-nl-none"), [["zwembad", "5"]])

    def test_editors_find_it_in_the_reports_menu(self):
        self.client.force_login(self.editor)

        home = self.client.get(reverse("wagtailadmin_home"))

        self.assertContains(home, reverse("search_report"))

    def test_a_partner_cannot_open_the_report_nor_see_it_in_the_menu(self):
        self.client.force_login(self.partner_user)

        response = self.client.get(reverse("search_report"))

        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), reverse("search_report"))

    def test_editors_manage_promoted_results_and_partners_do_not(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(reverse("wagtailsearchpromotions:index")).status_code, 200)
        self.assertEqual(self.client.get(reverse("wagtailsearchpromotions:add")).status_code, 200)

        self.client.force_login(self.partner_user)
        response = self.client.get(reverse("wagtailsearchpromotions:index"))
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)

    def test_wagtails_own_search_terms_report_is_not_offered(self):
        # It reads hits this site never records: it would always be empty.
        admin = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "geheim")
        self.client.force_login(admin)

        home = self.client.get(reverse("wagtailadmin_home"))

        self.assertContains(home, reverse("search_report"))
        self.assertNotContains(home, reverse("wagtailsearchpromotions:search_terms"))

    def test_a_visitor_is_sent_to_the_login(self):
        response = self.client.get(reverse("search_report"))

        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("wagtailadmin_login"), response["Location"])


TASKS_IN_THE_DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASK = "core.retention.purge_personal_data_daily"


def purge_search_log():
    """The search log's retention policies, through the one purge (``core.retention``)."""
    call_command("purge_personal_data", "--only", "search", stdout=mock.Mock())


def add_day(days_ago, query="wijk"):
    return SearchQueryDay.objects.create(
        day=timezone.localdate() - datetime.timedelta(days=days_ago), language="nl", query=query, searches=1
    )


@override_settings(SEARCH_LOG_RETENTION_DAYS=365)
class RetentionTests(TestCase):
    def test_purge_deletes_only_days_past_the_retention_period(self):
        kept = [add_day(0, "vandaag"), add_day(365, "precies een jaar")]
        add_day(366, "te oud")
        add_day(800, "veel te oud")

        purge_search_log()

        self.assertCountEqual(SearchQueryDay.objects.all(), kept)

    @override_settings(SEARCH_LOG_RETENTION_DAYS=30)
    def test_the_setting_says_how_long(self):
        add_day(31)
        add_day(30, "net op tijd")

        purge_search_log()

        self.assertEqual(list(SearchQueryDay.objects.values_list("query", flat=True)), ["net op tijd"])

    def test_visitors_hashes_go_with_their_day_and_after_the_popular_window(self):
        def visitor(days_ago):
            day = timezone.localdate() - datetime.timedelta(days=days_ago)
            return SearchQueryVisitor.objects.create(day=day, language="nl", query="wijk", visitor="x")

        kept = [visitor(0), visitor(log.POPULAR_DAYS)]
        visitor(log.POPULAR_DAYS + 1)
        visitor(400)

        purge_search_log()

        self.assertCountEqual(SearchQueryVisitor.objects.all(), kept)

    @override_settings(SEARCH_LOG_RETENTION_DAYS=30)
    def test_a_shorter_retention_takes_the_visitors_hashes_too(self):
        day = timezone.localdate() - datetime.timedelta(days=31)
        SearchQueryVisitor.objects.create(day=day, language="nl", query="wijk", visitor="x")

        purge_search_log()

        self.assertFalse(SearchQueryVisitor.objects.exists())

    def test_schedule_says_to_use_cron_when_the_backend_cannot_wait(self):
        with self.assertRaisesMessage(CommandError, "cron"):
            call_command("purge_personal_data", "--schedule")


@override_settings(TASKS=TASKS_IN_THE_DATABASE, SEARCH_LOG_RETENTION_DAYS=365)
class DailyTaskTests(TestCase):
    def queued(self):
        return DBTaskResult.objects.filter(task_path=TASK, status="READY")

    def test_the_scheduled_task_purges_and_queues_itself_for_the_next_day(self):
        add_day(400)
        call_command("purge_personal_data", "--schedule", stdout=mock.Mock())
        call_command("purge_search_log", "--schedule", stdout=mock.Mock())  # a second deploy, old name
        self.assertEqual(self.queued().count(), 1)

        run_due_tasks()

        self.assertFalse(SearchQueryDay.objects.exists())
        [next_run] = self.queued()
        self.assertGreater(next_run.run_after, timezone.now() + datetime.timedelta(hours=23))
        # A run queued under the old task name before the upgrade runs as the one daily task.
        self.assertEqual(purge_search_log_daily.module_path, TASK)
