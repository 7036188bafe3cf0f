"""Where editors may put the programme's pages: each overview once below the home page, and each
kind of page only inside its own overview.

The overviews are the sections the site declares (``core.sections``); the kind of page each one
holds is its own ``subpage_types``. A new section is checked here without editing this module.
"""

from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from core.sections import section_index_models
from home.models import HomePage, StandardPage
from tests.factories.home import dutch_home


def sections():
    """``{overview page type: [the page types it holds]}`` for every section the site declares."""
    return {index_page: index_page.allowed_subpage_models() for index_page in section_index_models()}


def page_types():
    """Every page type an editor could create (Wagtail's plain ``Page`` is not one)."""
    return set(get_page_models()) - {Page}


class SectionTreeTests(WagtailPageTestCase):
    def test_each_overview_goes_below_the_home_page_only(self):
        self.assertTrue(sections(), "the site declares no sections")
        for index_page in sections():
            with self.subTest(index_page=index_page.__name__):
                self.assertAllowedParentPageTypes(index_page, {HomePage})
                self.assertCanCreateAt(HomePage, index_page)
                self.assertCanNotCreateAt(StandardPage, index_page)

    def test_each_overview_holds_one_kind_of_page_of_its_own(self):
        held = {}
        for index_page, detail_pages in sections().items():
            with self.subTest(index_page=index_page.__name__):
                self.assertEqual(len(detail_pages), 1, "an overview lists one kind of page")
                (detail_page,) = detail_pages
                self.assertNotIn(detail_page, {HomePage, StandardPage, *sections()})
                self.assertNotIn(detail_page, held, f"{held.get(detail_page)} holds it too")
                held[detail_page] = index_page

    def test_each_detail_page_goes_inside_its_own_overview_only(self):
        for index_page, detail_pages in sections().items():
            for detail_page in detail_pages:
                with self.subTest(detail_page=detail_page.__name__):
                    self.assertAllowedParentPageTypes(detail_page, {index_page})
                    self.assertCanCreateAt(index_page, detail_page)
                    for other_parent in page_types() - {index_page}:
                        self.assertCanNotCreateAt(other_parent, detail_page)

    def test_detail_pages_have_no_children(self):
        for detail_pages in sections().values():
            for detail_page in detail_pages:
                with self.subTest(detail_page=detail_page.__name__):
                    self.assertAllowedSubpageTypes(detail_page, set())


class OneOverviewPerSiteTests(WagtailPageTestCase):
    """An editor can't add a second kennisbank next to the first: the menu would show it twice."""

    def test_an_overview_can_be_added_once_per_home_page(self):
        home = dutch_home()
        for index_page in sections():
            with self.subTest(index_page=index_page.__name__):
                self.assertTrue(index_page.can_create_at(home))
                home.add_child(instance=index_page(title=index_page.__name__, slug=index_page.section_slug))
                self.assertFalse(index_page.can_create_at(home))
