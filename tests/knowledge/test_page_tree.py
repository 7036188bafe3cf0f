"""Where editors may put the programme's pages: each overview once below the home page, and each
kind of page only inside its own overview.

The overviews are the sections the site declares (``core.sections``); the kind of page each one
holds is its own ``subpage_types``. A new section is checked here without editing this module.

The one exception is a *contributor's section* (a partner's section below the news): a page type
that is no overview but holds pages of several overviews. Editors cannot add one by hand (it comes
with its group and workflow from ``set_up_partner``), and it stands inside an overview only.
"""

from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from core.sections import section_index_models
from home.models import HomePage, StandardPage
from tests.factories.home import dutch_home


def contributor_sections():
    """Page types that are no overview yet hold the pages of overviews (a partner's section)."""
    overviews = set(section_index_models())
    detail_pages = {model for overview in overviews for model in overview.allowed_subpage_models()}
    return {
        model
        for model in set(get_page_models()) - overviews - {Page, HomePage}
        if set(model.allowed_subpage_models()) & detail_pages
    }


def sections():
    """``{overview page type: [the page types it holds]}`` for every section the site declares."""
    others = contributor_sections()
    return {
        index_page: [model for model in index_page.allowed_subpage_models() if model not in others]
        for index_page in section_index_models()
    }


def contributor_parents(detail_page):
    return {section for section in contributor_sections() if detail_page in section.allowed_subpage_models()}


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
                    also = contributor_parents(detail_page)
                    self.assertAllowedParentPageTypes(detail_page, {index_page, *also})
                    self.assertCanCreateAt(index_page, detail_page)
                    for other_parent in page_types() - {index_page, *also}:
                        self.assertCanNotCreateAt(other_parent, detail_page)

    def test_detail_pages_have_no_children(self):
        for detail_pages in sections().values():
            for detail_page in detail_pages:
                with self.subTest(detail_page=detail_page.__name__):
                    self.assertAllowedSubpageTypes(detail_page, set())

    def test_a_contributors_section_is_not_made_by_hand_and_stands_in_an_overview(self):
        overviews = set(sections())
        for section in contributor_sections():
            with self.subTest(section=section.__name__):
                self.assertFalse(section.is_creatable)
                self.assertTrue(set(section.allowed_parent_page_models()) <= overviews)


class OneOverviewPerSiteTests(WagtailPageTestCase):
    """An editor can't add a second kennisbank next to the first: the menu would show it twice."""

    def test_an_overview_can_be_added_once_per_home_page(self):
        home = dutch_home()
        for index_page in sections():
            with self.subTest(index_page=index_page.__name__):
                self.assertTrue(index_page.can_create_at(home))
                home.add_child(instance=index_page(title=index_page.__name__, slug=index_page.section_slug))
                self.assertFalse(index_page.can_create_at(home))
