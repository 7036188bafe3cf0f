"""The no-results page's "Vaak gezocht": what several visitors found something with, never one
client's text, and never what an editor hid.

Found by an outside tester: five searches for a scam sentence made it a clickable suggestion on
the public page. Each test here searches as visitors do (the test client, one ``REMOTE_ADDR`` per
visitor) and reads the no-results page as the next visitor sees it.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse

from partners.setup import set_up_partner
from search.models import HiddenSearchQuery, SearchQueryDay
from tests.factories.knowledge import build_site
from tests.partners.test_permissions import account
from tests.search.helpers import standard_page
from tests.utils import soup

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"
SCAM = "GRATIS 500 EURO: ga naar www.scam-winactie.nl en vul uw DigiD in"
VISITORS = ["203.0.113.1", "203.0.113.2", "198.51.100.3"]


class PopularSearchesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = build_site(theme_slugs=()).home  # with the news index a partner's section needs
        standard_page(cls.home, "Buurtkamer in het dorpshuis")
        # Every word the search reads from the scam sentence is on a page: the scam finds something.
        standard_page(
            cls.home, "Winactie", body="Gratis 500 euro ga naar www scam winactie nl en vul uw DigiD in"
        )

    def search(self, query, address="203.0.113.1"):
        response = self.client.get("/zoeken/", {"q": query}, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=address)
        self.assertEqual(response.status_code, 200)
        return response

    def searched_by_three_visitors(self, query):
        for address in VISITORS:
            self.search(query, address)

    def offered(self):
        """The "Vaak gezocht" links of the no-results page, as the next visitor sees them."""
        response = self.search("bestaatnietwoord", "192.0.2.99")
        return [link.get_text() for link in soup(response).select("main .empty-state__popular a")]


class PopularSearchesTests(PopularSearchesTestCase):
    def test_a_query_three_visitors_found_something_with_is_offered(self):
        self.searched_by_three_visitors("Buurtkamer")

        self.assertEqual(self.offered(), ["buurtkamer"])
        link = soup(self.search("bestaatnietwoord")).select_one("main .empty-state__popular a")
        self.assertEqual(link["href"], "/zoeken/?q=buurtkamer")

    def test_the_scam_sentence_searched_five_times_from_one_client_never_appears(self):
        for _ in range(5):
            self.assertContains(self.search(SCAM), "Winactie")  # it finds the page each time

        html = self.search("bestaatnietwoord", "192.0.2.99").content.decode().lower()
        self.assertEqual(self.offered(), [])
        for fragment in ("scam", "winactie", "gratis", "digid", "[link]"):
            self.assertNotIn(fragment, html)

    def test_one_client_repeating_a_query_never_makes_it_popular(self):
        for _ in range(10):
            self.search("buurtkamer")

        self.assertEqual(SearchQueryDay.objects.get(query="buurtkamer").searches, 10)
        self.assertEqual(self.offered(), [])

    @override_settings(SEARCH_POPULAR_MIN_VISITORS=2)
    def test_the_number_of_visitors_is_a_setting(self):
        self.search("buurtkamer", VISITORS[0])
        self.search("buurtkamer", VISITORS[1])

        self.assertEqual(self.offered(), ["buurtkamer"])

    def test_a_query_with_a_link_is_never_offered_even_by_many_visitors(self):
        self.searched_by_three_visitors(SCAM)

        self.assertEqual(
            SearchQueryDay.objects.get(query__contains="gratis").query,
            "gratis 500 euro ga naar [link] en vul uw",
        )
        self.assertEqual(self.offered(), [])

    def test_a_query_that_found_nothing_never_appears(self):
        self.searched_by_three_visitors("wijkraad")
        # Then a page about it is published and one visitor finds it.
        standard_page(self.home, "Wijkraad")
        self.search("wijkraad", "192.0.2.50")

        self.assertEqual(SearchQueryDay.objects.get(query="wijkraad").searches, 4)
        cache.clear()  # the list the empty searches showed is no longer kept

        self.assertEqual(self.offered(), [])

    def test_a_query_whose_page_is_gone_is_no_longer_offered(self):
        page = standard_page(self.home, "Wijkraad")
        self.searched_by_three_visitors("wijkraad")
        self.assertEqual(self.offered(), ["wijkraad"])

        page.unpublish()
        self.search("wijkraad", "192.0.2.50")  # the latest search finds nothing
        cache.clear()  # the few minutes the list is kept have passed

        self.assertEqual(self.offered(), [])

    def test_the_query_being_searched_is_not_offered_to_itself(self):
        self.searched_by_three_visitors("buurtkamer")
        standard_page(self.home, "Zwembad")
        self.searched_by_three_visitors("zwembad")

        # Narrowed to a kind of page it has none of, the query finds nothing here.
        response = self.client.get(
            "/zoeken/", {"q": "  BUURTKAMER!! ", "soort": "method"}, HTTP_USER_AGENT=BROWSER
        )

        self.assertEqual(
            [a.get_text() for a in soup(response).select("main .empty-state__popular a")], ["zwembad"]
        )


def editor():
    return account("redacteur", Group.objects.get(name="Redacteuren"))


class HideTests(PopularSearchesTestCase):
    def setUp(self):
        self.searched_by_three_visitors("buurtkamer")
        self.searched_by_three_visitors("dorpshuis")
        self.assertEqual(self.offered(), ["buurtkamer", "dorpshuis"])  # and now it is cached

    def hide(self, user, query="buurtkamer", language="nl", url="search_report_hide"):
        self.client.force_login(user)
        response = self.client.post(reverse(url), {"language": language, "query": query, "dagen": "90"})
        self.client.logout()
        return response

    def test_an_editor_hides_a_query_from_the_report_and_visitors_no_longer_see_it(self):
        user = editor()
        self.client.force_login(user)
        report = soup(self.client.get(reverse("search_report")))
        form = report.select_one("#search-report-nl-offered ~ table form")
        self.assertEqual(form["action"], reverse("search_report_hide"))
        self.assertEqual(form["method"], "post")
        self.assertIsNotNone(form.select_one("input[name=csrfmiddlewaretoken]"))
        self.assertEqual(form.select_one("input[name=query]")["value"], "buurtkamer")

        response = self.hide(user)

        self.assertRedirects(
            response,
            reverse("search_report") + "?dagen=90#search-report-nl-offered",
            fetch_redirect_response=False,
        )
        self.assertEqual(self.offered(), ["dorpshuis"])  # at once: the cached list was cleared
        hidden = HiddenSearchQuery.objects.get()
        self.assertEqual((hidden.language, hidden.query, hidden.hidden_by), ("nl", "buurtkamer", user))

    def test_the_report_lists_the_hidden_query_and_it_can_be_shown_again(self):
        user = editor()
        self.hide(user)
        self.client.force_login(user)
        report = soup(self.client.get(reverse("search_report")))
        rows = report.select('table[aria-labelledby="search-report-nl-hidden"] tbody tr')
        self.assertEqual([row.select_one("td").get_text() for row in rows], ["buurtkamer"])
        offered = report.select('table[aria-labelledby="search-report-nl-offered"] tbody tr')
        self.assertEqual([row.select_one("td").get_text() for row in offered], ["dorpshuis"])

        self.hide(user, url="search_report_show")

        self.assertFalse(HiddenSearchQuery.objects.exists())
        self.assertEqual(self.offered(), ["buurtkamer", "dorpshuis"])

    def test_hiding_is_per_language(self):
        self.hide(editor(), language="en")

        self.assertEqual(self.offered(), ["buurtkamer", "dorpshuis"])

    def test_a_get_to_the_hide_url_changes_nothing(self):
        self.client.force_login(editor())

        response = self.client.get(reverse("search_report_hide"), {"language": "nl", "query": "buurtkamer"})

        self.assertEqual(response.status_code, 405)
        self.assertFalse(HiddenSearchQuery.objects.exists())
        self.assertEqual(self.offered(), ["buurtkamer", "dorpshuis"])

    def test_a_post_without_the_csrf_token_is_refused(self):
        self.client.handler.enforce_csrf_checks = True
        self.client.force_login(editor())

        response = self.client.post(reverse("search_report_hide"), {"language": "nl", "query": "buurtkamer"})

        self.assertEqual(response.status_code, 403)
        self.assertFalse(HiddenSearchQuery.objects.exists())

    def test_a_partner_cannot_hide(self):
        partner = account("movisie", set_up_partner("Movisie").group)

        response = self.hide(partner)

        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertFalse(HiddenSearchQuery.objects.exists())
        self.assertEqual(self.offered(), ["buurtkamer", "dorpshuis"])

    def test_an_account_without_admin_access_cannot_hide(self):
        visitor = get_user_model().objects.create_user("lezer", "lezer@example.org", "geheim-wachtwoord")

        response = self.hide(visitor)

        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("wagtailadmin_login"), response["Location"])
        self.assertFalse(HiddenSearchQuery.objects.exists())
        self.assertEqual(self.offered(), ["buurtkamer", "dorpshuis"])

    def test_a_post_without_a_known_language_changes_nothing(self):
        response = self.hide(editor(), language="xx")

        self.assertEqual(response.status_code, 302)
        self.assertFalse(HiddenSearchQuery.objects.exists())

    def test_the_confirmation_shows_the_query_as_text(self):
        user = editor()
        self.client.force_login(user)

        response = self.client.post(
            reverse("search_report_hide"),
            {"language": "nl", "query": "<script>alert(1)</script>"},
            follow=True,
        )

        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertNotContains(response, "<script>alert(1)</script>")
