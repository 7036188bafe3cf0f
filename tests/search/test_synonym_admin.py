"""Editors keep the synonym list in the admin (*Instellingen › Synoniemen*); the search uses it at once."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse

from core.caching import content_version
from partners.setup import set_up_partner
from search.models import SynonymGroup
from search.views_admin import synonym_viewset
from tests.factories.knowledge import build_site
from tests.partners.test_permissions import account
from tests.search.helpers import result_titles, standard_page
from tests.utils import soup, visible_text

INDEX = synonym_viewset.get_url_name("index")
ADD = synonym_viewset.get_url_name("add")
EDIT = synonym_viewset.get_url_name("edit")
DELETE = synonym_viewset.get_url_name("delete")
HOME = "wagtailadmin_home"


def group_form(words, language="nl", note=""):
    return {"words": words, "language": language, "note": note}


class SynonymAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = build_site(theme_slugs=()).home  # a partner's section goes below the news index
        standard_page(home, "De huiskamer van de wijk", body="Elke dinsdag koffie in de huiskamer.")
        standard_page(home, "Het trefpunt aan de Dorpsstraat", body="Het trefpunt is open voor iedereen.")
        cls.editor = account("redacteur", Group.objects.get(name="Redacteuren"))
        cls.chief = account("hoofdredacteur", Group.objects.get(name="Hoofdredactie"))
        cls.partner_user = account("movisie", set_up_partner("Movisie").group)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_a_new_group_is_used_by_the_next_search_below_the_literal_word(self):
        self.assertEqual(result_titles(self.client, "/zoeken/", "huiskamer"), ["De huiskamer van de wijk"])
        version = content_version()

        response = self.client.post(reverse(ADD), group_form("huiskamer, trefpunt", note="Ontmoeten"))

        self.assertRedirects(response, reverse(INDEX))
        group = SynonymGroup.objects.get(words="huiskamer, trefpunt")
        self.assertEqual((group.language, group.note), ("nl", "Ontmoeten"))
        self.assertNotEqual(content_version(), version)
        self.assertEqual(
            result_titles(self.client, "/zoeken/", "huiskamer"),
            ["De huiskamer van de wijk", "Het trefpunt aan de Dorpsstraat"],
        )
        # A group works both ways.
        self.assertEqual(
            result_titles(self.client, "/zoeken/", "trefpunt"),
            ["Het trefpunt aan de Dorpsstraat", "De huiskamer van de wijk"],
        )

    def test_a_changed_or_deleted_group_changes_the_search_at_once(self):
        group = SynonymGroup.objects.create(words="huiskamer, trefpunt")
        self.assertEqual(len(result_titles(self.client, "/zoeken/", "huiskamer")), 2)

        self.client.post(reverse(EDIT, args=(group.pk,)), group_form("huiskamer, buurtkamer"))
        self.assertEqual(result_titles(self.client, "/zoeken/", "huiskamer"), ["De huiskamer van de wijk"])
        self.client.post(reverse(EDIT, args=(group.pk,)), group_form("huiskamer, trefpunt"))
        self.assertEqual(len(result_titles(self.client, "/zoeken/", "huiskamer")), 2)

        response = self.client.post(reverse(DELETE, args=(group.pk,)))

        self.assertRedirects(response, reverse(INDEX))
        self.assertFalse(SynonymGroup.objects.filter(pk=group.pk).exists())
        self.assertEqual(result_titles(self.client, "/zoeken/", "huiskamer"), ["De huiskamer van de wijk"])

    def test_one_word_is_refused_with_a_dutch_message_and_nothing_is_saved(self):
        count = SynonymGroup.objects.count()

        response = self.client.post(reverse(ADD), group_form("huiskamer"))

        self.assertEqual(response.status_code, 200)
        self.assertIn("Geef minstens twee woorden, gescheiden door een komma.", visible_text(response))
        self.assertEqual(SynonymGroup.objects.count(), count)
        # What the editor typed stays in the form.
        self.assertEqual(soup(response).select_one("#id_words").get_text().strip(), "huiskamer")

    def test_empty_words_and_an_unknown_language_are_refused_in_dutch(self):
        count = SynonymGroup.objects.count()

        response = self.client.post(reverse(ADD), group_form("", language="xx"))

        text = visible_text(response)
        self.assertIn("Dit is een verplicht veld.", text)
        self.assertIn("Selecteer een geldige keuze.", text)
        self.assertEqual(SynonymGroup.objects.count(), count)

    def test_the_link_from_the_search_report_fills_the_form_in(self):
        response = self.client.get(reverse(ADD), {"woorden": "  buurtkamer ", "taal": "en"})

        html = soup(response)
        self.assertEqual(html.select_one("#id_words").get_text().strip(), "buurtkamer,")
        self.assertEqual(html.select_one("#id_language option[selected]")["value"], "en")

    def test_a_link_with_several_words_or_a_strange_language_is_filled_in_safely(self):
        response = self.client.get(reverse(ADD), {"woorden": "dorphuis, dorpshuis", "taal": "xx<script>"})

        html = soup(response)
        self.assertEqual(html.select_one("#id_words").get_text().strip(), "dorphuis, dorpshuis")
        self.assertEqual(html.select_one("#id_language option[selected]")["value"], "nl")
        self.assertNotContains(response, "xx<script>")
        long = self.client.get(reverse(ADD), {"woorden": "a" * 5000})
        self.assertEqual(len(soup(long).select_one("#id_words").get_text().strip().rstrip(",")), 200)

    def test_the_list_filters_by_language_and_searches_words_and_notes(self):
        SynonymGroup.objects.all().delete()
        SynonymGroup.objects.create(language="nl", words="huiskamer, trefpunt", note="ontmoeten")
        SynonymGroup.objects.create(language="en", words="living room, drop-in", note="meeting")

        def rows(**params):
            response = self.client.get(reverse(INDEX), params)
            self.assertEqual(response.status_code, 200)
            # The first column links each group's words to its edit form.
            return [row.select_one("td a").get_text(strip=True) for row in soup(response).select("tbody tr")]

        self.assertEqual(rows(), ["living room, drop-in", "huiskamer, trefpunt"])
        self.assertEqual(rows(language="en"), ["living room, drop-in"])
        self.assertEqual(rows(q="trefpunt"), ["huiskamer, trefpunt"])
        self.assertEqual(rows(q="meeting"), ["living room, drop-in"])
        listing = visible_text(self.client.get(reverse(INDEX)))
        for heading in ("Woorden", "Taal", "Toelichting", "Engels", "Nederlands"):
            self.assertIn(heading, listing)

    def test_both_editor_roles_find_it_under_settings(self):
        for user in (self.editor, self.chief):
            with self.subTest(user=user.username):
                self.client.force_login(user)

                home = self.client.get(reverse(HOME))

                self.assertContains(home, reverse(INDEX))
                self.assertContains(home, "Synoniemen")
                self.assertEqual(self.client.get(reverse(ADD)).status_code, 200)

    def test_a_partner_gets_no_menu_item_and_cannot_open_or_change_the_list(self):
        group = SynonymGroup.objects.create(words="huiskamer, trefpunt")
        self.client.force_login(self.partner_user)

        self.assertNotContains(self.client.get(reverse(HOME)), reverse(INDEX))
        for url in (reverse(INDEX), reverse(ADD), reverse(EDIT, args=(group.pk,))):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertRedirects(response, reverse(HOME), fetch_redirect_response=False)
        self.client.post(reverse(ADD), group_form("huiskamer, kroeg"))
        self.client.post(reverse(EDIT, args=(group.pk,)), group_form("huiskamer, kroeg"))
        self.client.post(reverse(DELETE, args=(group.pk,)))

        self.assertFalse(SynonymGroup.objects.filter(words__contains="kroeg").exists())
        self.assertTrue(SynonymGroup.objects.filter(pk=group.pk, words="huiskamer, trefpunt").exists())

    def test_an_account_without_a_role_and_a_visitor_are_sent_away(self):
        reader = get_user_model().objects.create_user("lezer", "lezer@example.org", "geheim-wachtwoord")
        for user in (reader, None):
            with self.subTest(user=user):
                self.client.logout()
                if user:
                    self.client.force_login(user)

                response = self.client.get(reverse(ADD))

                self.assertEqual(response.status_code, 302)
                self.assertIn(reverse("wagtailadmin_login"), response["Location"])
