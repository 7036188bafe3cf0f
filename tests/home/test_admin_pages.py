"""An editor builds the site shell in the Wagtail admin, and readers see what the editor typed."""

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage, StandardPage
from tests.factories.home import dutch_home
from tests.utils import visible_text


class HomePageAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_editor_creates_a_home_page_that_becomes_the_front_door(self):
        root = Page.get_first_root_node()
        self.assertCanCreate(
            root,
            HomePage,
            nested_form_data(
                {
                    "title": "Leefbaar Gelderland",
                    "slug": "nieuw-thuis",
                    "hero_title": "Samen zorgen voor buurten waar mensen elkaar kennen",
                    "introduction": "Wat de provincie met gemeenten doet voor leefbare dorpen.",
                    "body": streamfield(
                        [("paragraph", rich_text("<p>Het programma loopt tot en met 2027.</p>"))]
                    ),
                }
            ),
        )
        page = HomePage.objects.get(slug="nieuw-thuis")
        # As the Sites admin saves it (a queryset update would send no signal).
        site = Site.objects.get(is_default_site=True)
        site.root_page = page
        site.save()

        response = self.client.get("/")

        self.assertEqual(response.status_code, 200)
        text = visible_text(response)
        self.assertIn("Samen zorgen voor buurten waar mensen elkaar kennen", text)
        self.assertIn("Wat de provincie met gemeenten doet voor leefbare dorpen.", text)
        self.assertIn("Het programma loopt tot en met 2027.", text)


class StandardPageAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_editor_creates_a_standard_page_with_headings_and_text(self):
        self.assertCanCreate(
            dutch_home(),
            StandardPage,
            nested_form_data(
                {
                    "title": "Over het programma",
                    "introduction": "Wie wij zijn en wat wij doen.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Waarom leefbaarheid?", "level": "h2"}),
                            ("paragraph", rich_text("<p>Iedereen hoort ergens bij.</p>")),
                        ]
                    ),
                }
            ),
        )
        page = StandardPage.objects.get(slug="over-het-programma")
        self.assertTrue(page.live)

        response = self.client.get(page.url)

        self.assertEqual(response.status_code, 200)
        text = visible_text(response)
        for expected in (
            "Over het programma",
            "Wie wij zijn en wat wij doen.",
            "Waarom leefbaarheid?",
            "Iedereen hoort ergens bij.",
        ):
            self.assertIn(expected, text)
        self.assertContains(response, "<h2")

    def test_editor_nests_a_standard_page_below_another(self):
        self.assertCanCreate(
            dutch_home(),
            StandardPage,
            nested_form_data({"title": "Over ons", "body": streamfield([])}),
        )
        parent = StandardPage.objects.get(slug="over-ons")
        self.assertCanCreate(
            parent,
            StandardPage,
            nested_form_data(
                {
                    "title": "Privacy",
                    "introduction": "Hoe wij met uw gegevens omgaan.",
                    "body": streamfield([]),
                }
            ),
        )

        response = self.client.get("/over-ons/privacy/")

        self.assertEqual(response.status_code, 200)
        self.assertIn("Hoe wij met uw gegevens omgaan.", visible_text(response))
