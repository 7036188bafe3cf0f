"""A translator translates a page with wagtail-localize; readers find it under /en/ and can switch
between the two languages from every page."""

from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils import WagtailTestUtils

from home.models import StandardPage
from tests.factories.home import StandardPageFactory, dutch_home
from tests.factories.translation import translate
from tests.utils import alternate_links, language_links, links_to, visible_text


class TranslatedPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        cls.about = StandardPageFactory(
            parent=home,
            title="Over het programma",
            slug="over-het-programma",
            introduction="Wie wij zijn en wat wij doen.",
            body__0__paragraph__value="<p>Het programma helpt gemeenten.</p>",
        )
        cls.privacy = StandardPageFactory(parent=home, title="Privacy", slug="privacy")
        cls.english_home = translate(home, {"Leefbaarheid Gelderland": "Livability Gelderland"})
        cls.english_about = translate(
            cls.about,
            {
                "Over het programma": "About the programme",
                "Wie wij zijn en wat wij doen.": "Who we are and what we do.",
                "Het programma helpt gemeenten.": "The programme helps municipalities.",
            },
        )
        cls.english_only = StandardPageFactory(
            parent=cls.english_home, title="For international visitors", slug="international"
        )

    def test_the_translation_is_published_under_en_with_the_english_text(self):
        response = self.client.get("/en/over-het-programma/")

        self.assertEqual(response.status_code, 200)
        text = visible_text(response)
        self.assertIn("About the programme", text)
        self.assertIn("Who we are and what we do.", text)
        self.assertIn("The programme helps municipalities.", text)
        self.assertNotIn("Het programma helpt gemeenten.", text)
        self.assertContains(response, '<html lang="en"')

    def test_the_dutch_page_keeps_its_dutch_text(self):
        response = self.client.get("/over-het-programma/")

        text = visible_text(response)
        self.assertIn("Het programma helpt gemeenten.", text)
        self.assertNotIn("The programme helps municipalities.", text)
        self.assertContains(response, '<html lang="nl"')

    def test_dutch_page_links_to_its_english_translation(self):
        response = self.client.get("/over-het-programma/")

        self.assertEqual(language_links(response, "en"), ["/en/over-het-programma/"])

    def test_english_page_links_to_its_dutch_original(self):
        response = self.client.get("/en/over-het-programma/")

        self.assertEqual(language_links(response, "nl"), ["/over-het-programma/"])

    def test_the_home_pages_link_to_each_other(self):
        self.assertEqual(language_links(self.client.get("/"), "en"), ["/en/"])
        self.assertEqual(language_links(self.client.get("/en/"), "nl"), ["/"])

    def test_a_page_without_english_translation_stays_on_itself_with_the_notice(self):
        # The link asks the page for its "not available in English" notice (home/localisation.py).
        response = self.client.get("/privacy/")

        self.assertEqual(response.status_code, 200)
        self.assertTrue(links_to(response, "/privacy/", {"niet-vertaald": "en"}))

    def test_a_page_without_dutch_original_stays_on_itself_with_the_notice(self):
        response = self.client.get("/en/international/")

        self.assertEqual(response.status_code, 200)
        self.assertTrue(links_to(response, "/en/international/", {"niet-vertaald": "nl"}))

    def test_both_languages_announce_each_other_to_search_engines(self):
        expected = {"nl": "/over-het-programma/", "en": "/en/over-het-programma/"}
        for url in expected.values():
            with self.subTest(url=url):
                alternates = alternate_links(self.client.get(url))
                self.assertEqual({code: alternates.get(code) for code in expected}, expected)

    def test_an_untranslated_page_announces_no_english_version(self):
        alternates = alternate_links(self.client.get("/privacy/"))

        self.assertNotIn("en", alternates)


class EveryBlockSurvivesTranslationTests(WagtailTestUtils, TestCase):
    """WAGTAIL-NOTES warns that some blocks crash wagtail-localize; the body uses none of those."""

    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        cls.contact = StandardPageFactory(parent=home, title="Contact", slug="contact")
        translate(home)
        translate(cls.contact, {"Contact": "Contact us"})
        cls.page = StandardPageFactory(
            parent=home,
            title="Alles over buurthuizen",
            slug="buurthuizen",
            body__0__heading__text="Waarom een buurthuis?",
            body__1__paragraph__value="<p>Een buurthuis is van iedereen.</p>",
            body__2__image__alt_text="Kinderen spelen in het buurthuis.",
            body__2__image__caption="Woensdagmiddag in De Kolk.",
            body__3__quote__quote="Hier ken ik iedereen.",
            body__4__call_to_action__title="Praat mee",
            body__4__call_to_action__button_text="Neem contact op",
            body__4__call_to_action__page=cls.contact,
            body__4__call_to_action__url="",
            body__5__key_figures__figures__0__value="43",
            body__5__key_figures__figures__0__label="buurthuizen in de regio",
            body__6__documents__title="Om te lezen",
            body__6__documents__documents__0__document__title="Handleiding buurthuis",
            body__7__table__caption="Openingstijden",
            body__8__faq__items__0__question="Wie betaalt het buurthuis?",
            body__8__faq__items__0__answer__value="<p>De gemeente en de bewoners samen.</p>",
            body__9__contact_details__title="Zo bereikt u ons",
        )

    def test_every_block_is_used_once(self):
        block_names = [block.block_type for block in self.page.body]
        self.assertEqual(sorted(block_names), sorted(StandardPage.body.field.stream_block.child_blocks))

    def test_editor_submits_the_page_for_translation_and_the_english_page_renders(self):
        self.login()
        english = Locale.objects.get(language_code="en")
        response = self.client.post(
            reverse("wagtail_localize:submit_page_translation", args=[self.page.pk]),
            {"locales": [english.pk]},
        )
        self.assertEqual(response.status_code, 302)
        draft = self.page.get_translation(english)
        self.assertFalse(draft.live)  # translations stay drafts until a translator publishes them

        translate(
            self.page,
            {
                "Alles over buurthuizen": "All about community centres",
                "Waarom een buurthuis?": "Why a community centre?",
                "Een buurthuis is van iedereen.": "A community centre belongs to everyone.",
                "Kinderen spelen in het buurthuis.": "Children playing in the community centre.",
                "Hier ken ik iedereen.": "Here I know everyone.",
                "Praat mee": "Have your say",
                "buurthuizen in de regio": "community centres in the region",
                "Openingstijden": "Opening hours",
                "Wie betaalt het buurthuis?": "Who pays for the community centre?",
                "De gemeente en de bewoners samen.": "The municipality and residents together.",
                "Zo bereikt u ons": "How to reach us",
            },
        )
        self.client.logout()

        response = self.client.get("/en/buurthuizen/")

        self.assertEqual(response.status_code, 200)
        text = visible_text(response)
        for expected in (
            "All about community centres",
            "Why a community centre?",
            "A community centre belongs to everyone.",
            "Here I know everyone.",
            "Have your say",
            "43",
            "community centres in the region",
            "Handleiding buurthuis",
            "Opening hours",
            "Who pays for the community centre?",
            "The municipality and residents together.",
            "How to reach us",
        ):
            self.assertIn(expected, text)
        self.assertContains(response, 'alt="Children playing in the community centre."')

    def test_a_call_to_action_on_an_english_page_leads_to_the_english_page(self):
        # wagtail-localize keeps the chosen (Dutch) page; the link must follow the reader's language.
        translate(self.page)

        response = self.client.get("/en/buurthuizen/")

        self.assertEqual(response.status_code, 200)
        self.assertTrue(links_to(response, "/en/contact/", within="main"))
        self.assertFalse(links_to(response, "/contact/", within="main"))
