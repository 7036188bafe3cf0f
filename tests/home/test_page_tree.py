"""Where editors may put the site shell's pages: one home page per language at the top, standard
pages below it (and below each other), never inside the programme's overview pages."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from knowledge.models import (
    KnowledgeIndexPage,
    KnowledgeItemPage,
    MeetingIndexPage,
    MeetingPage,
    NewsIndexPage,
    NewsPage,
    PilotIndexPage,
    PilotPage,
    SubsidyIndexPage,
    SubsidyPage,
    ThemeIndexPage,
    ThemePage,
)

INDEX_PAGES = {
    ThemeIndexPage,
    KnowledgeIndexPage,
    PilotIndexPage,
    MeetingIndexPage,
    NewsIndexPage,
    SubsidyIndexPage,
}
DETAIL_PAGES = {ThemePage, KnowledgeItemPage, PilotPage, MeetingPage, NewsPage, SubsidyPage}


class HomePageTreeTests(WagtailPageTestCase):
    def test_only_a_home_page_goes_at_the_top_of_the_tree(self):
        # The root is Wagtail's plain Page, which itself can't be created: compare creatable types.
        self.assertEqual(set(Page.creatable_subpage_models()), {HomePage})
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_the_overview_pages_and_standard_pages(self):
        self.assertAllowedSubpageTypes(HomePage, INDEX_PAGES | {StandardPage})

    def test_a_home_page_never_goes_inside_another_page(self):
        for parent in {HomePage, StandardPage} | INDEX_PAGES | DETAIL_PAGES:
            with self.subTest(parent=parent.__name__):
                self.assertCanNotCreateAt(parent, HomePage)


class StandardPageTreeTests(WagtailPageTestCase):
    def test_standard_page_goes_below_the_home_page_and_other_standard_pages(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_standard_page_never_goes_inside_an_overview_or_detail_page(self):
        for parent in INDEX_PAGES | DETAIL_PAGES:
            with self.subTest(parent=parent.__name__):
                self.assertCanNotCreateAt(parent, StandardPage)
