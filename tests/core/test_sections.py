"""The site's sections are declared once, on their index page types, and everything reads that.

The menu, the shell's ``index_pages`` (links such as "Alle bijeenkomsten") and the demo content all
come from ``core.sections``; a section page type the home page can't hold would be a dead entry.
"""

from django.test import TestCase

from core.sections import section_index_models
from home.models import HomePage
from tests.factories.knowledge import build_site
from tests.utils import hrefs


class SectionRegistryTests(TestCase):
    def test_every_section_has_a_name_a_slug_and_its_own_place_in_the_menu(self):
        models = section_index_models()

        self.assertTrue(models)
        for attribute in ("section_name", "section_slug", "section_position"):
            values = [getattr(model, attribute) for model in models]
            self.assertEqual(len(values), len(set(values)), f"two sections share a {attribute}")
        positions = [model.section_position for model in models]
        self.assertEqual(positions, sorted(positions))

    def test_the_home_page_can_hold_every_section_once(self):
        allowed = set(HomePage.allowed_subpage_models())
        for model in section_index_models():
            with self.subTest(section=model.section_name):
                self.assertIn(model, allowed)
                self.assertEqual(model.max_count_per_parent, 1)


class SectionLinksTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=("eenzaamheid",))

    def test_the_menu_links_to_every_section_in_menu_order(self):
        response = self.client.get("/")

        menu = [href for href in hrefs(response, within="nav") if href != "/"]
        expected = [f"/{model.section_slug}/" for model in section_index_models()]
        self.assertEqual([href for href in menu if href in expected], expected)
