"""The contact page shows Team Leefbaarheid's details from the site's footer, never a copy of them.

An editor places the *Contactgegevens* block; it shows the team's name, the e-mail address, a
tappable phone number and both addresses as the footer holds them, in the reader's language.
Change the phone number in the footer, and the contact page (not only the footer) shows the new
one at the next view, in both languages.
"""

from django.test import TestCase

from tests.factories.home import StandardPageFactory, dutch_home, site_footer
from tests.factories.translation import translate
from tests.utils import hrefs, main_text, soup

TEAM_EN = {"Team Leefbaarheid, Provincie Gelderland": "Team Leefbaarheid, Province of Gelderland"}


class ContactDetailsBlockTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        cls.footer = site_footer()
        translate(home)
        cls.contact = StandardPageFactory(
            parent=home,
            title="Contact",
            slug="contact",
            body__0__contact_details__title="Zo bereikt u ons",
            body__1__paragraph__value="<p>We beantwoorden uw e-mail binnen vijf werkdagen.</p>",
        )
        translate(cls.contact, {"Zo bereikt u ons": "How to reach us"})
        translate(cls.footer, TEAM_EN)

    def test_the_contact_page_shows_the_details_from_the_footer_with_a_tappable_phone(self):
        response = self.client.get("/contact/")

        text = main_text(response)
        for detail in (
            "Zo bereikt u ons",
            "Team Leefbaarheid, Provincie Gelderland",
            "leefbaarheid@gelderland.nl",
            "026 359 99 99",
            "Markt 11, 6811 CG Arnhem",
            "Postbus 9090, 6800 CX Arnhem",
        ):
            self.assertIn(detail, text)
        links = hrefs(response, within="main")
        self.assertIn("tel:+31263599999", links)
        self.assertIn("mailto:leefbaarheid@gelderland.nl", links)

    def test_a_new_phone_number_in_the_footer_shows_on_the_contact_page_at_once_in_both_languages(self):
        for url in ("/contact/", "/en/contact/"):
            self.client.get(url)  # the old number is now in the cache
        self.footer.phone = "026 359 12 34"
        self.footer.save()

        # The English translation is not synced again: the number is data, read from the footer.
        for url in ("/contact/", "/en/contact/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                text = main_text(response)
                self.assertIn("026 359 12 34", text)
                self.assertNotIn("026 359 99 99", text)
                self.assertIn("tel:+31263591234", hrefs(response, within="main"))

    def test_english_readers_get_the_english_heading_and_name(self):
        response = self.client.get("/en/contact/")

        self.assertEqual(response.status_code, 200)
        text = main_text(response)
        self.assertIn("How to reach us", text)
        self.assertIn("Team Leefbaarheid, Province of Gelderland", text)
        self.assertNotIn("Provincie Gelderland", text)
        self.assertIn("tel:+31263599999", hrefs(response, within="main"))


class UntranslatedFooterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        translate(home)
        translate(
            StandardPageFactory(
                parent=home, title="Contact", slug="contact", body__0__contact_details__title=""
            )
        )

    def test_english_readers_get_the_dutch_name_marked_as_dutch_until_the_footer_is_translated(self):
        response = self.client.get("/en/contact/")

        name = soup(response).find("main").find(class_="contact-details__org")
        self.assertEqual(name.get_text(), "Team Leefbaarheid, Provincie Gelderland")
        self.assertEqual(name.get("lang"), "nl")
        self.assertIn("leefbaarheid@gelderland.nl", main_text(response))
