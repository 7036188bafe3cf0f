"""The footer every page shows: the team's name, its contact details and links, in both languages.

The footer is a snippet (``home.models.SiteFooter``) that the site settings choose and that is
translated with wagtail-localize, like a page. Menu and footer are cached; these tests check that
an editor's change, and a translator's, shows on the very next page view.
"""

from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale, Site
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.models import SiteFooter
from tests.factories.home import FooterLinkFactory, StandardPageFactory, dutch_home, site_footer
from tests.factories.translation import translate
from tests.utils import links_to, soup

TEAM_EN = {"Team Leefbaarheid, Provincie Gelderland": "Team Leefbaarheid, Province of Gelderland"}
FOOTER_EN = {**TEAM_EN, "Provincie Gelderland": "Province of Gelderland"}
CONTACT = {
    "email": "leefbaarheid@gelderland.nl",
    "phone": "026 359 99 99",
    "visiting_address": "Markt 11, 6811 CG Arnhem",
    "postal_address": "Postbus 9090, 6800 CX Arnhem",
}


def footer_of(response):
    footer = soup(response).find("footer")
    if footer is None:
        raise AssertionError("The page has no <footer>")
    return footer


def footer_text(response):
    return " ".join(footer_of(response).get_text(" ").split())


def footer_link(response, text):
    """The footer's link with exactly this text."""
    for link in footer_of(response).find_all("a"):
        if " ".join(link.get_text(" ").split()) == text:
            return link
    raise AssertionError(f"The footer has no link {text!r}")


class FooterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        cls.privacy = StandardPageFactory(parent=home, title="Privacyverklaring", slug="privacy")
        cls.colofon = StandardPageFactory(parent=home, title="Colofon", slug="colofon")
        translate(home)
        translate(cls.privacy, {"Privacyverklaring": "Privacy statement"})
        FooterLinkFactory(page=cls.privacy, sort_order=0)
        FooterLinkFactory(page=cls.colofon, sort_order=1)
        FooterLinkFactory(url="https://www.gelderland.nl", label="Provincie Gelderland", sort_order=2)
        translate(site_footer(), FOOTER_EN)

    def test_every_page_shows_the_contact_details(self):
        for url in ("/", "/privacy/", "/en/"):
            with self.subTest(url=url):
                text = footer_text(self.client.get(url))
                for detail in CONTACT.values():
                    self.assertIn(detail, text)

    def test_english_readers_see_the_english_name_of_the_team(self):
        self.assertIn("Team Leefbaarheid, Provincie Gelderland", footer_text(self.client.get("/")))

        text = footer_text(self.client.get("/en/"))

        self.assertIn("Team Leefbaarheid, Province of Gelderland", text)
        self.assertNotIn("Provincie Gelderland", text)

    def test_stay_informed_offers_the_kwartaalupdate_in_the_readers_language(self):
        for url, text, subscribe in (
            ("/", "Meld u aan voor de kwartaalupdate", "/kwartaalupdate/aanmelden/"),
            ("/en/", "Subscribe to the quarterly update", "/en/kwartaalupdate/subscribe/"),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(footer_link(response, text)["href"], subscribe)
                self.assertEqual(self.client.get(subscribe).status_code, 200)

    def test_contact_details_are_links_that_work(self):
        response = self.client.get("/")

        self.assertContains(response, 'href="mailto:leefbaarheid@gelderland.nl"')
        self.assertContains(response, 'href="tel:+31263599999"')

    def test_footer_links_show_the_page_title_in_dutch_in_the_chosen_order(self):
        response = self.client.get("/")

        texts = [" ".join(a.get_text().split()) for a in footer_of(response).select(".site-footer__links a")]
        # The editor's links in their order; the accessibility statement is always last.
        self.assertEqual(
            texts, ["Privacyverklaring", "Colofon", "Provincie Gelderland", "Toegankelijkheidsverklaring"]
        )
        self.assertTrue(links_to(response, "/privacy/", within="footer"))
        self.assertTrue(links_to(response, "/colofon/", within="footer"))
        self.assertEqual(footer_link(response, "Provincie Gelderland")["href"], "https://www.gelderland.nl")

    def test_english_readers_get_english_titles_and_texts(self):
        response = self.client.get("/en/")

        text = footer_text(response)
        self.assertTrue(links_to(response, "/en/privacy/", within="footer"))
        self.assertIn("Privacy statement", text)
        self.assertNotIn("Privacyverklaring", text)
        link = footer_link(response, "Province of Gelderland")
        self.assertEqual(link["href"], "https://www.gelderland.nl")
        self.assertFalse(link.has_attr("lang"))
        # Not translated yet: the Dutch page, marked as Dutch, rather than no link at all.
        self.assertTrue(links_to(response, "/colofon/", within="footer"))
        self.assertEqual(footer_link(response, "Colofon").get("lang"), "nl")

    def test_a_link_added_after_the_translation_shows_its_dutch_text_marked_as_dutch(self):
        FooterLinkFactory(url="https://www.movisie.nl", label="Kennisinstituut Movisie", sort_order=3)

        link = footer_link(self.client.get("/en/"), "Kennisinstituut Movisie")

        self.assertEqual(link["href"], "https://www.movisie.nl")
        self.assertEqual(link.get("lang"), "nl")


class UntranslatedFooterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        translate(dutch_home())

    def test_english_readers_see_the_dutch_name_marked_as_dutch(self):
        name = footer_of(self.client.get("/en/")).find(class_="site-footer__org")

        self.assertEqual(name.get_text(), "Team Leefbaarheid, Provincie Gelderland")
        self.assertEqual(name.get("lang"), "nl")
        self.assertFalse(footer_of(self.client.get("/")).find(class_="site-footer__org").has_attr("lang"))


class EditorChangesShowAtOnceTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = dutch_home()
        translate(cls.home)
        cls.footer = site_footer()

    def edit_footer(self, footer, links=(), **changes):
        """Save ``footer`` in the admin's edit form, as an editor does; ``links`` are new links."""
        self.login()
        response = self.client.post(
            reverse("wagtailsnippets_home_sitefooter:edit", args=[footer.pk]),
            nested_form_data(
                {
                    "team_name": footer.team_name,
                    **CONTACT,
                    **changes,
                    "links": inline_formset(
                        [{"id": "", "ORDER": str(n), **link} for n, link in enumerate(links, start=1)]
                    ),
                }
            ),
        )
        self.assertEqual(response.status_code, 302)
        self.client.logout()

    def test_changed_contact_details_show_on_the_next_page_view_in_both_languages(self):
        translate(self.footer, TEAM_EN)
        for url in ("/", "/en/"):
            self.assertIn("leefbaarheid@gelderland.nl", footer_text(self.client.get(url)))

        self.edit_footer(self.footer, email="samenleven@gelderland.nl", phone="026 359 88 88")

        for url in ("/", "/en/"):
            with self.subTest(url=url):
                text = footer_text(self.client.get(url))
                self.assertIn("samenleven@gelderland.nl", text)
                self.assertIn("026 359 88 88", text)
                self.assertNotIn("leefbaarheid@gelderland.nl", text)
        self.assertIn("Team Leefbaarheid, Province of Gelderland", footer_text(self.client.get("/en/")))

    def test_a_translated_footer_shows_on_the_next_page_view(self):
        self.assertIn("Provincie Gelderland", footer_text(self.client.get("/en/")))

        translate(self.footer, TEAM_EN)

        self.assertIn("Team Leefbaarheid, Province of Gelderland", footer_text(self.client.get("/en/")))

        translate(self.footer, {"Team Leefbaarheid, Provincie Gelderland": "Livability Team, Gelderland"})

        self.assertIn("Livability Team, Gelderland", footer_text(self.client.get("/en/")))

    def test_a_link_added_in_the_admin_shows_on_the_next_page_view(self):
        page = StandardPageFactory(parent=self.home, title="Toegankelijkheid", slug="toegankelijkheid")
        self.assertFalse(links_to(self.client.get("/"), page.url, within="footer"))

        self.edit_footer(self.footer, links=[{"page": str(page.pk), "url": "", "label": ""}])

        response = self.client.get("/")
        self.assertTrue(links_to(response, page.url, within="footer"))
        self.assertEqual(footer_link(response, "Toegankelijkheid")["href"], page.url)
        self.assertEqual(self.footer.links.get().locale, self.footer.locale)

    def test_another_footer_chosen_in_the_settings_shows_on_the_next_page_view(self):
        self.assertIn("Team Leefbaarheid", footer_text(self.client.get("/")))
        other = SiteFooter.objects.create(
            locale=Locale.objects.get(language_code="nl"), team_name="Programmabureau Samenleven", **CONTACT
        )
        site = Site.objects.get(is_default_site=True)
        self.login()

        response = self.client.post(
            reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk]), {"footer": other.pk}
        )

        self.assertEqual(response.status_code, 302)
        self.client.logout()
        text = footer_text(self.client.get("/"))
        self.assertIn("Programmabureau Samenleven", text)
        self.assertNotIn("Team Leefbaarheid", text)

    def test_a_page_published_in_the_menu_shows_on_the_next_page_view(self):
        page = StandardPageFactory(
            parent=self.home, title="Over het programma", slug="over", show_in_menus=True, live=False
        )
        self.assertFalse(links_to(self.client.get("/"), "/over/", within="header"))

        page.save_revision().publish()

        response = self.client.get("/")
        self.assertTrue(links_to(response, "/over/", within="header"))
        self.assertContains(response, "Over het programma")
