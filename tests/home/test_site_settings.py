"""Team Leefbaarheid's contact details and footer links, and the menu, as every page shows them.

Menu and footer are cached; these tests check that an editor's change shows up on the very next
page view, without waiting for a cache to expire.
"""

from django.test import TestCase
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.models import SiteSettings
from tests.factories.home import FooterLinkFactory, StandardPageFactory, dutch_home, site_settings
from tests.factories.translation import translate
from tests.utils import links_to, soup


def footer_text(response):
    footer = soup(response).find("footer")
    if footer is None:
        raise AssertionError("The page has no <footer>")
    return " ".join(footer.get_text(" ").split())


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

    def test_every_page_shows_the_contact_details(self):
        for url in ("/", "/privacy/", "/en/"):
            with self.subTest(url=url):
                text = footer_text(self.client.get(url))
                for detail in (
                    "leefbaarheid@gelderland.nl",
                    "Markt 11, 6811 CG Arnhem",
                    "Postbus 9090",
                    "026 359 99 99",
                ):
                    self.assertIn(detail, text)

    def test_english_readers_see_the_english_name_of_the_team(self):
        self.assertIn("Team Leefbaarheid, Provincie Gelderland", footer_text(self.client.get("/")))

        text = footer_text(self.client.get("/en/"))

        self.assertIn("Team Leefbaarheid, Province of Gelderland", text)
        self.assertNotIn("Team Leefbaarheid, Provincie Gelderland", text)

    def test_without_an_english_name_english_readers_see_the_dutch_one(self):
        settings_row = site_settings()
        settings_row.organisation_name_en = ""
        settings_row.save()

        self.assertIn("Team Leefbaarheid, Provincie Gelderland", footer_text(self.client.get("/en/")))

    def test_contact_details_are_links_that_work(self):
        response = self.client.get("/")

        self.assertContains(response, 'href="mailto:leefbaarheid@gelderland.nl"')
        self.assertContains(response, 'href="tel:+31263599999"')

    def test_footer_links_show_the_page_title_in_dutch(self):
        response = self.client.get("/")

        self.assertTrue(links_to(response, "/privacy/", within="footer"))
        self.assertIn("Privacyverklaring", footer_text(response))
        self.assertTrue(links_to(response, "/colofon/", within="footer"))
        self.assertIn("https://www.gelderland.nl", [a["href"] for a in soup(response).footer.find_all("a")])

    def test_footer_links_show_the_english_title_to_english_readers(self):
        response = self.client.get("/en/")

        text = footer_text(response)
        self.assertTrue(links_to(response, "/en/privacy/", within="footer"))
        self.assertIn("Privacy statement", text)
        self.assertNotIn("Privacyverklaring", text)
        # Not translated yet: the Dutch page, rather than no link at all.
        self.assertTrue(links_to(response, "/colofon/", within="footer"))


class EditorChangesShowAtOnceTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = dutch_home()
        site_settings()

    def test_changed_contact_details_show_on_the_next_page_view(self):
        self.assertIn("leefbaarheid@gelderland.nl", footer_text(self.client.get("/")))
        self.login()
        site = Site.objects.get(is_default_site=True)
        url = reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk])
        response = self.client.post(
            url,
            nested_form_data(
                {
                    "organisation_name": "Team Leefbaarheid, Provincie Gelderland",
                    "email": "samenleven@gelderland.nl",
                    "phone": "026 359 88 88",
                    "visiting_address": "Markt 11, 6811 CG Arnhem",
                    "postal_address": "Postbus 9090, 6800 CX Arnhem",
                    "footer_links": inline_formset([]),
                }
            ),
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(SiteSettings.for_site(site).email, "samenleven@gelderland.nl")
        self.client.logout()

        text = footer_text(self.client.get("/"))

        self.assertIn("samenleven@gelderland.nl", text)
        self.assertIn("026 359 88 88", text)
        self.assertNotIn("leefbaarheid@gelderland.nl", text)

    def test_a_new_footer_link_shows_on_the_next_page_view(self):
        page = StandardPageFactory(parent=self.home, title="Toegankelijkheid", slug="toegankelijkheid")
        self.assertFalse(links_to(self.client.get("/"), page.url, within="footer"))

        FooterLinkFactory(page=page)

        self.assertTrue(links_to(self.client.get("/"), page.url, within="footer"))

    def test_a_page_published_in_the_menu_shows_on_the_next_page_view(self):
        page = StandardPageFactory(
            parent=self.home, title="Over het programma", slug="over", show_in_menus=True, live=False
        )
        self.assertFalse(links_to(self.client.get("/"), "/over/", within="header"))

        page.save_revision().publish()

        response = self.client.get("/")
        self.assertTrue(links_to(response, "/over/", within="header"))
        self.assertContains(response, "Over het programma")
