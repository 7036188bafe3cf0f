"""Where editors may put the programme's pages: each overview once below the home page, and each
kind of page only inside its own overview."""

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
from tests.factories.home import dutch_home
from tests.factories.knowledge import (
    KnowledgeIndexPageFactory,
    MeetingIndexPageFactory,
    NewsIndexPageFactory,
    PilotIndexPageFactory,
    SubsidyIndexPageFactory,
    ThemeIndexPageFactory,
)

# Each overview page and the only kind of page it holds.
SECTIONS = {
    ThemeIndexPage: ThemePage,
    KnowledgeIndexPage: KnowledgeItemPage,
    PilotIndexPage: PilotPage,
    MeetingIndexPage: MeetingPage,
    NewsIndexPage: NewsPage,
    SubsidyIndexPage: SubsidyPage,
}
ALL_PAGE_TYPES = {HomePage, StandardPage, *SECTIONS, *SECTIONS.values()}


class SectionTreeTests(WagtailPageTestCase):
    def test_each_overview_goes_below_the_home_page_only(self):
        for index_page in SECTIONS:
            with self.subTest(index_page=index_page.__name__):
                self.assertAllowedParentPageTypes(index_page, {HomePage})
                self.assertCanCreateAt(HomePage, index_page)
                self.assertCanNotCreateAt(StandardPage, index_page)

    def test_each_overview_holds_only_its_own_kind_of_page(self):
        for index_page, detail_page in SECTIONS.items():
            with self.subTest(index_page=index_page.__name__):
                self.assertAllowedSubpageTypes(index_page, {detail_page})

    def test_each_detail_page_goes_inside_its_own_overview_only(self):
        for index_page, detail_page in SECTIONS.items():
            with self.subTest(detail_page=detail_page.__name__):
                self.assertAllowedParentPageTypes(detail_page, {index_page})
                for other_parent in ALL_PAGE_TYPES - {index_page}:
                    self.assertCanNotCreateAt(other_parent, detail_page)

    def test_detail_pages_have_no_children(self):
        for detail_page in SECTIONS.values():
            with self.subTest(detail_page=detail_page.__name__):
                self.assertAllowedSubpageTypes(detail_page, set())

    def test_a_knowledge_item_never_goes_below_pilots_or_the_home_page(self):
        self.assertCanNotCreateAt(PilotIndexPage, KnowledgeItemPage)
        self.assertCanNotCreateAt(HomePage, KnowledgeItemPage)


class OneOverviewPerSiteTests(WagtailPageTestCase):
    """An editor can't add a second kennisbank next to the first: the menu would show it twice."""

    def test_an_overview_can_be_added_once_per_home_page(self):
        home = dutch_home()
        factories = {
            ThemeIndexPage: ThemeIndexPageFactory,
            KnowledgeIndexPage: KnowledgeIndexPageFactory,
            PilotIndexPage: PilotIndexPageFactory,
            MeetingIndexPage: MeetingIndexPageFactory,
            NewsIndexPage: NewsIndexPageFactory,
            SubsidyIndexPage: SubsidyIndexPageFactory,
        }
        for index_page, factory in factories.items():
            with self.subTest(index_page=index_page.__name__):
                self.assertTrue(index_page.can_create_at(home))
                factory(parent=home)
                self.assertFalse(index_page.can_create_at(home))
