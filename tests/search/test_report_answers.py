"""The search report lists where the search had to help, and turns each row into a synonym or a
promotion in one step (*Rapporten › Zoekopdrachten*)."""

import datetime
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import SearchPromotion

from partners.setup import set_up_partner
from search import log
from search.models import Answer, SynonymGroup
from search.views_admin import synonym_viewset
from tests.factories.knowledge import build_site
from tests.partners.test_permissions import account
from tests.search.helpers import result_titles, standard_page
from tests.utils import soup

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"
HOME = "wagtailadmin_home"
SYNONYM_ADD = reverse(synonym_viewset.get_url_name("add"))
PROMOTION_ADD = reverse("search_promotion_add")


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def searched(query, language="nl", times=1, results=0, answer=Answer.LITERAL, answered_as="", day=None):
    for _ in range(times):
        log.record(query, language, results, day=day, answer=answer, answered_as=answered_as)


def table(html, section_id):
    """The rows of one list of the report: the text of each cell but the last (the actions)."""
    table = html.select_one(f'table[aria-labelledby="{section_id}"]')
    if table is None:
        return []
    return [[cell.get_text(strip=True) for cell in row.select("td")[:-1]] for row in table.select("tbody tr")]


def actions(html, section_id):
    """``{query: {link text: href}}`` for one list: what each row's action links say and open."""
    found = {}
    for row in html.select(f'table[aria-labelledby="{section_id}"] tbody tr'):
        cells = row.select("td")
        links = cells[-1].select("a")
        # The link's visible text; the query after it is for screen readers ("…: zwembad").
        found[cells[0].get_text(strip=True)] = {
            link.find(string=True, recursive=False).strip(): link["href"] for link in links
        }
    return found


def params(url):
    parts = urlsplit(url)
    return parts.path, {key: values[0] for key, values in parse_qs(parts.query).items()}


class ReportAnswerTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = build_site(theme_slugs=()).home  # a partner's section goes below the news index
        searched("zwembad", times=5)
        searched("dorpshuis", times=6, results=4)
        searched("corona", times=4, results=2, answer=Answer.EXPANDED)
        searched("participatie", times=2, results=3, answer=Answer.EXPANDED)
        searched("eenzaamhied", times=3, results=5, answer=Answer.CORRECTED, answered_as="eenzaamheid")
        # Needed a synonym last week; since then a page has the word itself: no longer on the list.
        searched("wijkraad", times=7, results=1, answer=Answer.EXPANDED, day=days_ago(7))
        searched("wijkraad", results=1)
        # Only in the longer period.
        searched(
            "dorphuis", times=9, results=2, answer=Answer.CORRECTED, answered_as="dorpshuis", day=days_ago(45)
        )
        # A masked part is nobody's search term: listed, but nothing to add.
        searched("jan@example.org zwembad", times=2)  # logged as "[e-mail] zwembad"
        searched("lonelyness", "en", times=2, results=3, answer=Answer.CORRECTED, answered_as="loneliness")
        searched("covid", "en", results=1, answer=Answer.EXPANDED)
        searched("swimming pool", "en")
        cls.editor = account("redacteur", Group.objects.get(name="Redacteuren"))
        cls.partner_user = account("movisie", set_up_partner("Movisie").group)
        cls.corona_group = SynonymGroup.objects.get(language="nl", words__startswith="corona,")

    def report(self, user=None, **query):
        self.client.force_login(user or self.editor)
        response = self.client.get(reverse("search_report"), query)
        self.assertEqual(response.status_code, 200)
        return soup(response)

    def test_each_query_is_in_the_list_of_how_its_latest_search_was_answered(self):
        html = self.report()

        self.assertEqual(table(html, "search-report-nl-none"), [["zwembad", "5"], ["[e-mail] zwembad", "2"]])
        self.assertEqual(
            table(html, "search-report-nl-expanded"), [["corona", "4", "2"], ["participatie", "2", "3"]]
        )
        self.assertEqual(table(html, "search-report-nl-corrected"), [["eenzaamhied", "3", "eenzaamheid"]])
        self.assertEqual(table(html, "search-report-en-none"), [["swimming pool", "1"]])
        self.assertEqual(table(html, "search-report-en-expanded"), [["covid", "1", "1"]])
        self.assertEqual(table(html, "search-report-en-corrected"), [["lonelyness", "2", "loneliness"]])

    def test_the_chosen_period_counts_for_the_new_lists_too(self):
        html = self.report(dagen="90")

        self.assertEqual(
            table(html, "search-report-nl-corrected"),
            [["dorphuis", "9", "dorpshuis"], ["eenzaamhied", "3", "eenzaamheid"]],
        )
        self.assertEqual(
            table(self.report(dagen="7"), "search-report-nl-corrected"), [["eenzaamhied", "3", "eenzaamheid"]]
        )

    def test_each_row_links_to_a_prefilled_synonym_and_promotion_form(self):
        html = self.report()

        none = actions(html, "search-report-nl-none")
        self.assertEqual(
            params(none["zwembad"]["Synoniem toevoegen"]), (SYNONYM_ADD, {"woorden": "zwembad", "taal": "nl"})
        )
        self.assertEqual(
            params(none["zwembad"]["Promotie toevoegen"]), (PROMOTION_ADD, {"zoekopdracht": "zwembad"})
        )
        self.assertEqual(none["[e-mail] zwembad"], {})
        # A corrected query comes with its correction: a second spelling becomes a group at once.
        corrected = actions(html, "search-report-nl-corrected")
        self.assertEqual(
            params(corrected["eenzaamhied"]["Synoniem toevoegen"]),
            (SYNONYM_ADD, {"woorden": "eenzaamhied, eenzaamheid", "taal": "nl"}),
        )
        english = actions(html, "search-report-en-corrected")
        self.assertEqual(
            params(english["lonelyness"]["Synoniem toevoegen"]),
            (SYNONYM_ADD, {"woorden": "lonelyness, loneliness", "taal": "en"}),
        )
        self.assertEqual(
            params(english["lonelyness"]["Promotie toevoegen"])[1], {"zoekopdracht": "lonelyness"}
        )
        # A query already in a group opens that group, so that it is not listed twice.
        expanded = actions(html, "search-report-nl-expanded")
        self.assertEqual(
            expanded["corona"]["Synoniem toevoegen"],
            reverse(synonym_viewset.get_url_name("edit"), args=(self.corona_group.pk,)),
        )
        self.assertEqual(params(expanded["participatie"]["Synoniem toevoegen"])[1]["woorden"], "participatie")
        # Each link names its query for screen readers.
        link = html.select_one('table[aria-labelledby="search-report-nl-none"] tbody a')
        self.assertEqual(link.get_text(), "Synoniem toevoegen: zwembad")

    def test_the_promotion_link_opens_wagtails_form_with_the_query_and_the_promotion_works(self):
        page = standard_page(self.home, "Zwemmen in Gelderland", body="Alle baden op een rij.")
        self.client.force_login(self.editor)
        self.assertEqual(result_titles(self.client, "/zoeken/", "zwembad"), [])

        form_page = self.client.get(PROMOTION_ADD, {"zoekopdracht": "zwembad"})

        form = soup(form_page).select_one("form[method=post]")
        self.assertEqual(form.select_one("#id_query_string")["value"], "zwembad")
        # The form goes to Wagtail's own add view, which checks and saves it.
        self.assertEqual(form["action"], reverse("wagtailsearchpromotions:add"))
        response = self.client.post(
            form["action"],
            {
                "query_string": form.select_one("#id_query_string")["value"],
                "editors_picks-TOTAL_FORMS": 1,
                "editors_picks-INITIAL_FORMS": 0,
                "editors_picks-MAX_NUM_FORMS": 1000,
                "editors_picks-0-DELETE": "",
                "editors_picks-0-ORDER": 0,
                "editors_picks-0-page": page.pk,
                "editors_picks-0-description": "",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(SearchPromotion.objects.filter(query__query_string="zwembad", page=page).exists())
        self.assertEqual(result_titles(self.client, "/zoeken/", "zwembad"), ["Zwemmen in Gelderland"])

    def test_the_synonym_link_opens_the_form_filled_in(self):
        html = self.report()
        url = actions(html, "search-report-nl-corrected")["eenzaamhied"]["Synoniem toevoegen"]

        form = soup(self.client.get(url))

        self.assertEqual(form.select_one("#id_words").get_text().strip(), "eenzaamhied, eenzaamheid")
        self.assertEqual(form.select_one("#id_language option[selected]")["value"], "nl")

    def test_an_account_that_may_read_the_report_but_not_add_sees_no_links(self):
        reader_group = Group.objects.create(name="Meelezers")
        reader_group.permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="view_searchqueryday"),
        )
        reader = account("meelezer", reader_group)

        html = self.report(reader)

        self.assertEqual(table(html, "search-report-nl-none")[0], ["zwembad", "5"])
        self.assertEqual(actions(html, "search-report-nl-none")["zwembad"], {})
        self.client.force_login(reader)
        for url in (f"{PROMOTION_ADD}?zoekopdracht=zwembad", f"{SYNONYM_ADD}?woorden=zwembad"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertRedirects(response, reverse(HOME), fetch_redirect_response=False)

    def test_a_partner_opens_neither_the_report_nor_the_prefilled_forms(self):
        self.client.force_login(self.partner_user)

        for url in (
            reverse("search_report"),
            f"{PROMOTION_ADD}?zoekopdracht=zwembad",
            f"{SYNONYM_ADD}?woorden=zwembad",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertRedirects(response, reverse(HOME), fetch_redirect_response=False)

    def test_a_visitor_is_sent_to_the_login(self):
        for url in (reverse("search_report"), PROMOTION_ADD, SYNONYM_ADD):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn(reverse("wagtailadmin_login"), response["Location"])

    def test_the_report_costs_the_same_queries_for_many_rows(self):
        self.client.force_login(self.editor)
        self.client.get(reverse("search_report"))  # the session and the account's permissions, once
        with CaptureQueriesContext(connection) as few:
            self.client.get(reverse("search_report"))
        # Counted now: the context reads Django's query log, which drops its oldest entries.
        few = len(few)
        for number in range(40):
            for language in ("nl", "en"):
                searched(f"niets {number}", language)
                searched(f"synoniem {number}", language, results=1, answer=Answer.EXPANDED)
                searched(
                    f"tikfout {number}", language, results=1, answer=Answer.CORRECTED, answered_as="tikfout"
                )
        for number in range(40):
            SynonymGroup.objects.create(words=f"woord{number}, ander{number}")
        # The synonyms changed what searches find: a new content version, so the first request
        # reads the site-wide caches (the sites, the locales) again, as the first one above did.
        self.client.get(reverse("search_report"))

        with self.assertNumQueries(few):
            html = soup(self.client.get(reverse("search_report")))

        self.assertEqual(len(table(html, "search-report-en-corrected")), 25)  # the report's ROWS


class LoggedAnswersTests(TestCase):
    """A visitor's real searches end up in the right list."""

    @classmethod
    def setUpTestData(cls):
        home = build_site(theme_slugs=()).home
        standard_page(home, "Covid-19 in het dorp", body="Wat de coronatijd deed met de dorpen.")
        standard_page(home, "Eenzaamheid onder ouderen", body="Samen eten helpt tegen eenzaamheid.")
        cls.editor = account("redacteur", Group.objects.get(name="Redacteuren"))

    def test_a_synonym_a_correction_and_nothing_found_are_each_listed(self):
        for query in ("covid", "corona", "eenzaamhied", "zeppelinhaven"):
            response = self.client.get("/zoeken/", {"q": query}, HTTP_USER_AGENT=BROWSER)
            self.assertEqual(response.status_code, 200)
        self.client.force_login(self.editor)

        html = soup(self.client.get(reverse("search_report")))

        self.assertEqual([row[0] for row in table(html, "search-report-nl-expanded")], ["corona"])
        self.assertEqual(table(html, "search-report-nl-corrected"), [["eenzaamhied", "1", "eenzaamheid"]])
        self.assertEqual(table(html, "search-report-nl-none"), [["zeppelinhaven", "1"]])
