"""Where editors may put the site shell's pages: one home page per language at the top, standard
pages below it (and below each other), never inside the programme's overview pages.

The overview pages are the sections the site declares (``core.sections``), and the detail pages
the kinds of page those overviews hold.
"""

from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from core.sections import section_index_models
from home.models import HomePage, StandardPage

INDEX_PAGES = set(section_index_models())
DETAIL_PAGES = {page_type for index_page in INDEX_PAGES for page_type in index_page.allowed_subpage_models()}


class HomePageTreeTests(WagtailPageTestCase):
    def test_only_a_home_page_goes_at_the_top_of_the_tree(self):
        # The root is Wagtail's plain Page, which itself can't be created: compare creatable types.
        self.assertEqual(set(Page.creatable_subpage_models()), {HomePage})

    def test_home_page_holds_the_overview_pages_and_standard_pages(self):
        self.assertTrue(INDEX_PAGES, "the site declares no sections")
        self.assertAllowedSubpageTypes(HomePage, INDEX_PAGES | {StandardPage})

    def test_a_home_page_never_goes_inside_another_page(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        for parent in set(get_page_models()) - {Page}:
            with self.subTest(parent=parent.__name__):
                self.assertCanNotCreateAt(parent, HomePage)


class StandardPageTreeTests(WagtailPageTestCase):
    def test_standard_page_goes_below_the_home_page_and_other_standard_pages(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_standard_page_never_goes_inside_an_overview_or_detail_page(self):
        self.assertTrue(DETAIL_PAGES, "the overviews hold no pages")
        for parent in INDEX_PAGES | DETAIL_PAGES:
            with self.subTest(parent=parent.__name__):
                self.assertCanNotCreateAt(parent, StandardPage)
