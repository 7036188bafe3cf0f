"""Private pages and drafts stay out of everything an anonymous visitor can browse or read.

A page is private when it or an ancestor has a view restriction (a password, a login, a group).
Every listing, theme page, the home page, search, the menu, the sitemap and the news feed narrow
their pages through ``core.visibility.visible()``; these tests check each of them from the
outside, through the test client, and with the cache warm from before the change, because that
is how the probe saw a password-protected item, a login-only news item and an unpublished
section come back. Links and text are read from ``<main>`` (or the header, for the menu), so a
title that happens to be in the footer can't make a test pass or fail.
"""

import datetime
import xml.etree.ElementTree as ET

from django.contrib.auth.models import Group, User
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from knowledge.models import KnowledgeItemPage, MeetingPage, NewsPage, PilotPage, SubsidyPage, ThemePage
from tests.factories.home import FooterLinkFactory, StandardPageFactory, dutch_home, site_settings
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    PilotPageFactory,
    SubsidyPageFactory,
    ThemePageFactory,
    build_site,
)
from tests.factories.translation import translate
from tests.utils import alternate_links, hrefs, listed, main_text, path_of, soup

PASSWORD = "kernteam-2024"
# Every page below says this word, so one search finds all of them if nothing held them back.
SEARCH_WORD = "buurtkracht"
# The page types a theme page shows in its sections, and those the home page shows.
THEME_TAGGED = (KnowledgeItemPage, MeetingPage, NewsPage, PilotPage)
ON_HOME_PAGE = (MeetingPage, NewsPage, PilotPage, SubsidyPage, ThemePage)
# The listings with a theme filter.
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def restrict(page, restriction_type, group=None):
    """Put a view restriction on ``page``, as an editor does with the page's privacy setting."""
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=restriction_type,
        password=PASSWORD if restriction_type == PageViewRestriction.PASSWORD else "",
    )
    if group is not None:
        restriction.groups.add(group)
    return restriction


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def intro(title):
    return f"Over {SEARCH_WORD}: {title}."


def build_content():
    """A site where each listing holds a page that stays public, and pages that will not.

    Per section: ``shown`` stays public; ``restricted`` will get a view restriction of its own;
    ``unpublished`` is live now and will be unpublished; ``draft`` was never published. The
    pages to hide are the newest, soonest or first in their section, so a home page section that
    shows only three would show them first if it let them through. Every page is tagged with
    the theme "Eenzaamheid" and carries ``SEARCH_WORD``.
    """
    tree = build_site(theme_slugs=("eenzaamheid",))
    theme = tree.themes["eenzaamheid"]
    today = timezone.localdate()
    content = {"tree": tree, "theme": theme}

    def four(factory, parent, titles, **per_role):
        pages = {}
        for role, title in titles.items():
            kwargs = {"parent": parent, "title": title, "introduction": intro(title)}
            kwargs.update(per_role.get(role, {}))
            if role == "draft":
                kwargs["live"] = False
            pages[role] = factory(**kwargs)
        return pages

    themed = {"themes": [theme]}
    content["knowledge"] = four(
        KnowledgeItemPageFactory,
        tree.knowledge_index,
        {
            "shown": "Buurtcirkel voor ouderen",
            "restricted": "Zilverberk methode",
            "unpublished": "Koperwiek aanpak",
            "draft": "Distelvink schets",
        },
        **dict.fromkeys(("shown", "restricted", "unpublished", "draft"), themed),
    )
    content["news"] = four(
        NewsPageFactory,
        tree.news_index,
        {
            "shown": "Buurthuis Ede heropend",
            "restricted": "Ledenbericht Roerdomp",
            "unpublished": "Ingetrokken bericht Grutto",
            "draft": "Conceptbericht Kievit",
        },
        shown={**themed, "date": today - datetime.timedelta(days=30)},
        restricted={**themed, "date": today - datetime.timedelta(days=1)},
        unpublished={**themed, "date": today - datetime.timedelta(days=2)},
        draft={**themed, "date": today - datetime.timedelta(days=3)},
    )
    content["pilots"] = four(
        PilotPageFactory,
        tree.pilot_index,
        {
            "shown": "Samen in Malburgen",
            "restricted": "Proefproject Wielewaal",
            "unpublished": "Gestopte pilot Merel",
            "draft": "Pilotidee Lijster",
        },
        shown={**themed, "start_date": datetime.date(2022, 1, 1)},
        restricted={**themed, "start_date": datetime.date(2024, 3, 1)},
        unpublished={**themed, "start_date": datetime.date(2024, 2, 1)},
        draft={**themed, "start_date": datetime.date(2024, 1, 1)},
    )
    content["meetings"] = four(
        MeetingPageFactory,
        tree.meeting_index,
        {
            "shown": "Intervisie Arnhem",
            "restricted": "Besloten sessie Boomklever",
            "unpublished": "Afgelaste bijeenkomst Specht",
            "draft": "Bijeenkomst in voorbereiding Gaai",
        },
        shown={**themed, "days": 40},
        restricted={**themed, "days": 3},
        unpublished={**themed, "days": 5},
        draft={**themed, "days": 7},
    )
    content["subsidies"] = four(
        SubsidyPageFactory,
        tree.subsidy_index,
        {
            "shown": "Dorpshuizenregeling",
            "restricted": "Regeling Havik",
            "unpublished": "Vervallen regeling Buizerd",
            "draft": "Regeling in de maak Sperwer",
        },
        shown={"deadline": today + datetime.timedelta(days=90)},
        restricted={"deadline": today + datetime.timedelta(days=10)},
        unpublished={"deadline": today + datetime.timedelta(days=11)},
        draft={"deadline": today + datetime.timedelta(days=12)},
    )
    content["themes"] = four(
        ThemePageFactory,
        tree.theme_index,
        {"restricted": "Thema Ijsvogel", "unpublished": "Oud thema Zwaluw", "draft": "Nieuw thema Reiger"},
    )
    content["themes"]["shown"] = theme
    theme.introduction = intro(theme.title)
    theme.save_revision().publish()

    # A section of the site (in the menu) whose pages are private through it, and a menu page
    # that is still a draft.
    content["team_section"] = StandardPageFactory(
        parent=tree.home,
        title="Kernteam",
        slug="kernteam",
        show_in_menus=True,
        introduction=intro("Kernteam"),
    )
    content["team_minutes"] = StandardPageFactory(
        parent=content["team_section"],
        title="Notulen Steenuil",
        slug="notulen",
        introduction=intro("Notulen Steenuil"),
    )
    content["about"] = StandardPageFactory(
        parent=tree.home,
        title="Over het programma",
        slug="over",
        show_in_menus=True,
        introduction=intro("Over het programma"),
    )
    content["coming_soon"] = StandardPageFactory(
        parent=tree.home, title="Binnenkort Patrijs", slug="binnenkort", show_in_menus=True, live=False
    )
    content["readers"] = Group.objects.create(name="Partners")
    return content


def hide(content):
    """Make private and unpublish what ``build_content`` marked, the way an editor does."""
    restriction_types = {
        # As the probe found them: a password on a knowledge item, a login on a news item.
        "knowledge": PageViewRestriction.PASSWORD,
        "news": PageViewRestriction.LOGIN,
        "pilots": PageViewRestriction.GROUPS,
        "meetings": PageViewRestriction.PASSWORD,
        "subsidies": PageViewRestriction.LOGIN,
        "themes": PageViewRestriction.PASSWORD,
    }
    for section, restriction_type in restriction_types.items():
        group = content["readers"] if restriction_type == PageViewRestriction.GROUPS else None
        restrict(content[section]["restricted"], restriction_type, group=group)
        content[section]["unpublished"].unpublish()
    # The section page only: its pages below are private through it.
    restrict(content["team_section"], PageViewRestriction.LOGIN)


SECTIONS = ("knowledge", "news", "pilots", "meetings", "subsidies", "themes")


def pages_of(content, *roles, sections=SECTIONS):
    return [content[section][role] for section in sections for role in roles]


def hidden_pages(content):
    return [*pages_of(content, "restricted", "unpublished", "draft"), content["team_minutes"]]


class VisitorSurfacesMixin:
    """What an anonymous visitor reads on each part of the site, and the checks on it."""

    def get_ok(self, url, **params):
        response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200, url)
        return response

    def listing_urls(self):
        tree = self.content["tree"]
        return {
            "knowledge": tree.knowledge_index.url,
            "news": tree.news_index.url,
            "pilots": tree.pilot_index.url,
            "meetings": tree.meeting_index.url,
            "subsidies": tree.subsidy_index.url,
            "themes": tree.theme_index.url,
        }

    def assert_main_leaves_out(self, response, pages):
        """None of ``pages`` is linked or named in ``<main>``."""
        self.assertEqual(listed(response, pages), set())
        text = main_text(response)
        for page in pages:
            self.assertNotIn(page.title, text)

    def sitemap_paths(self):
        response = self.get_ok("/sitemap.xml")
        root = ET.fromstring(response.content)
        return {path_of(loc.text) for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)}

    def feed_paths(self):
        response = self.get_ok(self.content["tree"].news_index.url + "rss/")
        channel = ET.fromstring(response.content).find("channel")
        return {path_of(item.findtext("link")) for item in channel.iter("item")}

    def menu_paths(self, response):
        return {path_of(href) for href in hrefs(response, within="header")}

    # --- the checks --------------------------------------------------------------------------

    def check_listings(self, hidden, shown):
        for section, url in self.listing_urls().items():
            with self.subTest(listing=url):
                response = self.get_ok(url)
                self.assertEqual(listed(response, hidden), set())
                self.assert_main_leaves_out(response, hidden)
                index = self.index_of(section)
                own = [page for page in shown if page.path.startswith(index.path) and page.pk != index.pk]
                self.assertEqual(listed(response, own), {page.title for page in own})

    def index_of(self, section):
        tree = self.content["tree"]
        return {
            "knowledge": tree.knowledge_index,
            "news": tree.news_index,
            "pilots": tree.pilot_index,
            "meetings": tree.meeting_index,
            "subsidies": tree.subsidy_index,
            "themes": tree.theme_index,
        }[section]

    def check_theme_page(self, hidden, shown):
        response = self.get_ok(self.content["theme"].url)
        self.assert_main_leaves_out(response, hidden)
        tagged = [page for page in shown if isinstance(page, THEME_TAGGED)]
        self.assertEqual(listed(response, tagged), {page.title for page in tagged})

    def check_home_page(self, hidden, shown):
        response = self.get_ok("/")
        self.assert_main_leaves_out(response, hidden)
        on_home = [page for page in shown if isinstance(page, ON_HOME_PAGE)]
        self.assertEqual(listed(response, on_home), {page.title for page in on_home})

    def search_pages(self, query):
        """Every page of results for ``query``, following the pagination to its 404."""
        responses = [self.get_ok("/zoeken/", q=query)]
        for number in range(2, 10):
            response = self.client.get("/zoeken/", {"q": query, "page": number})
            if response.status_code == 404:
                return responses
            self.assertEqual(response.status_code, 200)
            responses.append(response)
        raise AssertionError(f"More than 9 pages of results for {query!r}")

    def check_search(self, hidden, shown):
        found = set()
        for response in self.search_pages(SEARCH_WORD):
            self.assert_main_leaves_out(response, hidden)
            found |= listed(response, shown)
        self.assertEqual(found, {page.title for page in shown})

    def check_sitemap(self, hidden, shown):
        paths = self.sitemap_paths()
        self.assertEqual({page.url for page in hidden} & paths, set())
        self.assertLessEqual({page.url for page in shown}, paths)

    def check_feed(self, hidden, shown):
        paths = self.feed_paths()
        self.assertEqual({page.url for page in hidden} & paths, set())
        news = [page for page in shown if isinstance(page, NewsPage)]
        self.assertEqual({page.url for page in news} & paths, {page.url for page in news})


class PrivateAndDraftPagesAreLeftOutTests(VisitorSurfacesMixin, TestCase):
    """Restricted, unpublished and draft pages, set up before the first request."""

    @classmethod
    def setUpTestData(cls):
        cls.content = build_content()
        hide(cls.content)

    def setUp(self):
        self.hidden = hidden_pages(self.content)
        self.shown = pages_of(self.content, "shown")

    def test_listings_show_public_pages_and_no_private_or_draft_page(self):
        self.check_listings(self.hidden, self.shown)

    def test_the_theme_page_sections_show_no_private_or_draft_page(self):
        self.check_theme_page(self.hidden, self.shown)

    def test_the_home_page_sections_show_no_private_or_draft_page(self):
        self.check_home_page(self.hidden, self.shown)

    def test_search_finds_public_pages_only(self):
        self.check_search(self.hidden, [*self.shown, self.content["about"]])

    def test_searching_a_private_page_by_its_own_title_finds_nothing(self):
        for page in self.hidden:
            with self.subTest(page=page.title):
                response = self.get_ok("/zoeken/", q=page.title)
                self.assertEqual(listed(response, [page]), set())
                self.assertIn("0 resultaten", main_text(response))

    def test_the_sitemap_lists_public_pages_only(self):
        self.check_sitemap([*self.hidden, self.content["team_section"]], self.shown)

    def test_the_news_feed_lists_public_news_only(self):
        self.check_feed(self.hidden, self.shown)

    def test_the_menu_leaves_out_a_restricted_section_and_a_draft_page(self):
        for url in ("/", self.content["about"].url, self.content["tree"].knowledge_index.url):
            with self.subTest(url=url):
                response = self.get_ok(url)
                menu = self.menu_paths(response)
                self.assertIn(self.content["about"].url, menu)
                self.assertIn(self.content["tree"].subsidy_index.url, menu)
                self.assertNotIn(self.content["team_section"].url, menu)
                self.assertNotIn("/binnenkort/", menu)

    def test_the_home_page_quick_links_leave_out_a_restricted_section_and_a_draft_page(self):
        response = self.get_ok("/")
        linked = {path_of(href) for href in hrefs(response, within="main")}
        self.assertIn(self.content["about"].url, linked)
        self.assertNotIn(self.content["team_section"].url, linked)
        self.assertNotIn("/binnenkort/", linked)
        self.assertNotIn("Kernteam", main_text(response))

    def test_the_theme_overview_leaves_out_a_private_theme(self):
        response = self.get_ok(self.content["tree"].theme_index.url)
        self.assertEqual(listed(response, self.hidden), set())
        self.assertEqual(listed(response, [self.content["theme"]]), {"Eenzaamheid"})


class PrivatePageAnswersTests(TestCase):
    """A private page is for its own visitor: no shared cache or proxy may keep its answer.

    ``core.http`` marks the answer ``private`` when the page or an ancestor is restricted, also
    for an anonymous visitor who entered the password (whose answer would otherwise be public).
    """

    @classmethod
    def setUpTestData(cls):
        cls.content = build_content()
        hide(cls.content)
        cls.item = cls.content["knowledge"]["restricted"]
        cls.news = cls.content["news"]["restricted"]

    def assert_private(self, response):
        directives = cache_control(response)
        self.assertIn("private", directives)
        self.assertNotIn("public", directives)
        self.assertFalse(any(d.startswith(("s-maxage", "max-age=3")) for d in directives), directives)

    def enter_password(self, page):
        restriction = PageViewRestriction.objects.get(page=page)
        url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
        response = self.client.post(url, {"password": PASSWORD, "return_url": page.url})
        self.assertEqual(response.status_code, 302)

    def test_a_visitor_without_the_password_gets_the_password_form_not_the_item(self):
        response = self.client.get(self.item.url)

        self.assertEqual(response.status_code, 200)
        self.assert_private(response)
        self.assertNotIn(self.item.goal, response.content.decode())
        self.assertContains(response, 'type="password"')

    def test_a_visitor_who_entered_the_password_reads_the_item_in_a_private_answer(self):
        self.enter_password(self.item)

        response = self.client.get(self.item.url)

        self.assertEqual(response.status_code, 200)
        self.assertIn(self.item.goal, main_text(response))
        self.assert_private(response)
        self.assertNotIn("ETag", response)

    def test_a_login_only_news_item_sends_an_anonymous_visitor_to_the_login_privately(self):
        response = self.client.get(self.news.url)

        self.assertEqual(response.status_code, 302)
        self.assert_private(response)

    def test_a_logged_in_reader_reads_the_login_only_news_item_in_a_private_answer(self):
        self.client.force_login(User.objects.create_user("lezer", password="x"))

        response = self.client.get(self.news.url)

        self.assertEqual(response.status_code, 200)
        self.assertIn(self.news.title, main_text(response))
        self.assert_private(response)

    def test_a_page_below_a_restricted_section_is_private_too(self):
        minutes = self.content["team_minutes"]

        anonymous = self.client.get(minutes.url)
        self.assertEqual(anonymous.status_code, 302)
        self.assert_private(anonymous)

        self.client.force_login(User.objects.create_user("lezer", password="x"))
        reader = self.client.get(minutes.url)
        self.assertEqual(reader.status_code, 200)
        self.assert_private(reader)

    def test_a_public_page_beside_them_stays_public(self):
        # The control: the checks above can tell a private answer from a public one.
        response = self.client.get(self.content["knowledge"]["shown"].url)

        self.assertEqual(response.status_code, 200)
        self.assertIn("public", cache_control(response))
        self.assertNotIn("private", cache_control(response))

    def test_unpublished_and_draft_pages_answer_not_found(self):
        for page in pages_of(self.content, "unpublished", "draft"):
            with self.subTest(page=page.title):
                self.assertEqual(self.client.get(page.url).status_code, 404)


class HiddenRightAfterTheChangeTests(VisitorSurfacesMixin, TestCase):
    """Restricting or unpublishing shows on the very next request, though the cache is warm.

    Every surface is rendered first, so its fragments, the menu and the list of private sections
    are in the cache with the pages that are about to be hidden; the checks before the change
    prove they were there. Only then are the pages restricted and unpublished.
    """

    @classmethod
    def setUpTestData(cls):
        cls.content = build_content()

    def setUp(self):
        self.to_hide = pages_of(self.content, "restricted", "unpublished") + [self.content["team_minutes"]]
        self.shown = pages_of(self.content, "shown")
        self.drafts = pages_of(self.content, "draft")

    def warm_everything(self):
        """Render every surface and check it shows what is about to be hidden."""
        everyone = [*self.shown, *self.to_hide]
        self.check_listings(self.drafts, everyone)
        self.check_theme_page(self.drafts, everyone)
        self.check_search(self.drafts, everyone)
        self.check_sitemap(self.drafts, everyone)
        self.check_feed(self.drafts, everyone)
        home = self.get_ok("/")
        # Three per section on the home page: the soonest and newest, which are the ones to hide.
        on_home = [page for page in self.to_hide if isinstance(page, ON_HOME_PAGE)]
        self.assertEqual(listed(home, on_home), {page.title for page in on_home})

    def test_restricted_and_unpublished_pages_leave_every_surface_on_the_next_request(self):
        self.warm_everything()

        hide(self.content)

        hidden = [*self.to_hide, *self.drafts]
        self.check_listings(hidden, self.shown)
        self.check_theme_page(hidden, self.shown)
        self.check_home_page(hidden, self.shown)
        self.check_search(hidden, self.shown)
        self.check_sitemap(hidden, self.shown)
        self.check_feed(hidden, self.shown)

    def test_a_browser_revalidating_its_copy_of_a_listing_gets_the_new_listing(self):
        url = self.content["tree"].knowledge_index.url
        item = self.content["knowledge"]["restricted"]
        before = self.get_ok(url)
        self.assertEqual(listed(before, [item]), {item.title})

        restrict(item, PageViewRestriction.PASSWORD)

        after = self.client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
        self.assertEqual(after.status_code, 200)
        self.assertEqual(listed(after, [item]), set())

    def test_a_browser_revalidating_its_copy_of_an_item_that_became_private_gets_no_304(self):
        item = self.content["knowledge"]["restricted"]
        before = self.get_ok(item.url)
        self.assertIn(item.goal, main_text(before))

        restrict(item, PageViewRestriction.PASSWORD)

        after = self.client.get(item.url, HTTP_IF_NONE_MATCH=before["ETag"])
        self.assertEqual(after.status_code, 200)
        self.assertNotIn(item.goal, after.content.decode())
        self.assertIn("private", cache_control(after))

    def test_a_restricted_section_leaves_the_menu_and_its_pages_leave_search_at_once(self):
        section, minutes = self.content["team_section"], self.content["team_minutes"]
        self.assertIn(section.url, self.menu_paths(self.get_ok("/")))
        self.assertEqual(listed(self.get_ok("/zoeken/", q=SEARCH_WORD), [minutes]), {minutes.title})

        restrict(section, PageViewRestriction.LOGIN)

        for url in ("/", self.content["about"].url):
            with self.subTest(url=url):
                self.assertNotIn(section.url, self.menu_paths(self.get_ok(url)))
        self.assertEqual(listed(self.get_ok("/zoeken/", q=SEARCH_WORD), [minutes, section]), set())
        self.assertNotIn(minutes.url, self.sitemap_paths())

    def test_an_unpublished_section_leaves_the_menu_and_the_home_page_at_once(self):
        subsidies = self.content["tree"].subsidy_index
        for url in ("/", self.content["about"].url):
            self.assertIn(subsidies.url, self.menu_paths(self.get_ok(url)))
        self.assertIn(subsidies.url, {path_of(h) for h in hrefs(self.get_ok("/"), within="main")})

        subsidies.unpublish()

        for url in ("/", self.content["about"].url, self.content["tree"].knowledge_index.url):
            with self.subTest(url=url):
                self.assertNotIn(subsidies.url, self.menu_paths(self.get_ok(url)))
        self.assertNotIn(subsidies.url, {path_of(h) for h in hrefs(self.get_ok("/"), within="main")})
        self.assertNotIn(subsidies.url, self.sitemap_paths())
        self.assertEqual(self.client.get(subsidies.url).status_code, 404)


class RestrictedListingSectionTests(VisitorSurfacesMixin, TestCase):
    """A restriction on a whole section (the leernetwerk) makes every meeting in it private.

    The meetings have no restriction of their own; the home page and theme pages gather them
    from the whole site, not from their section, so only the ancestor rule keeps them out.
    """

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=("eenzaamheid",))
        cls.theme = cls.tree.themes["eenzaamheid"]
        cls.meeting = MeetingPageFactory(
            parent=cls.tree.meeting_index,
            title="Intervisie Fuut",
            introduction=intro("Intervisie Fuut"),
            themes=[cls.theme],
        )

    def test_its_meetings_leave_home_theme_search_sitemap_and_the_menu(self):
        meetings = self.tree.meeting_index
        before = self.get_ok("/")
        self.assertEqual(listed(before, [self.meeting]), {self.meeting.title})
        self.assertIn(meetings.url, self.menu_paths(before))
        self.assertEqual(listed(self.get_ok(self.theme.url), [self.meeting]), {self.meeting.title})

        restrict(meetings, PageViewRestriction.LOGIN)

        home = self.get_ok("/")
        self.assert_main_leaves_out(home, [self.meeting])
        self.assertNotIn(meetings.url, self.menu_paths(home))
        self.assertNotIn(meetings.url, {path_of(h) for h in hrefs(home, within="main")})
        self.assert_main_leaves_out(self.get_ok(self.theme.url), [self.meeting])
        self.assertEqual(listed(self.get_ok("/zoeken/", q=SEARCH_WORD), [self.meeting]), set())
        self.assertEqual({meetings.url, self.meeting.url} & self.sitemap_paths(), set())

    def test_the_section_and_its_meetings_answer_privately(self):
        restrict(self.tree.meeting_index, PageViewRestriction.LOGIN)

        for url in (self.tree.meeting_index.url, self.meeting.url):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn("private", cache_control(response))


class PrivateThemeTests(TestCase):
    """A theme page made private must not be named or linked from public pages either.

    Items keep their tag to a theme that becomes private. The tags on cards and item pages
    (``knowledge.models.themes._localise_themes``) and the theme filter's choices
    (``knowledge.models.filters.theme_filter``) read ``ThemePage.objects.live()`` instead of
    ``visible()``, so today they show a private theme's title and link to it: these tests are
    marked as expected failures until that is fixed, and turn red (strict) once it is.
    """

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=("eenzaamheid",))
        cls.public_theme = cls.tree.themes["eenzaamheid"]
        cls.private_theme = ThemePageFactory(
            parent=cls.tree.theme_index, title="Thema Ijsvogel", slug="ijsvogel"
        )
        restrict(cls.private_theme, PageViewRestriction.PASSWORD)
        themes = [cls.public_theme, cls.private_theme]
        cls.item = KnowledgeItemPageFactory(
            parent=cls.tree.knowledge_index, title="Buurtcirkel", themes=themes
        )
        cls.news = NewsPageFactory(parent=cls.tree.news_index, title="Buurthuis Ede heropend", themes=themes)

    def main_links(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response, {path_of(href) for href in hrefs(response, within="main")}

    def test_the_private_theme_is_left_out_of_the_theme_overview_and_the_home_page(self):
        # The part that works: the overview and the home page use visible().
        for url in (self.tree.theme_index.url, "/"):
            with self.subTest(url=url):
                response, links = self.main_links(url)
                self.assertIn(self.public_theme.url, links)
                self.assertNotIn(self.private_theme.url, links)

    def test_cards_of_public_items_do_not_link_to_the_private_theme(self):
        for index in (self.tree.knowledge_index, self.tree.news_index):
            response, links = self.main_links(index.url)
            self.assertIn(self.public_theme.url, links)  # the card shows its public theme
            self.assertNotIn(self.private_theme.url, links)
            self.assertNotIn(self.private_theme.title, main_text(response))

    def test_a_public_item_page_does_not_link_to_the_private_theme(self):
        response, links = self.main_links(self.item.url)
        self.assertIn(self.public_theme.url, links)
        self.assertNotIn(self.private_theme.url, links)

    def test_the_theme_filter_does_not_offer_the_private_theme(self):
        # A filter offers only the choices that find something: the two listings whose pages are
        # tagged with both themes.
        for index in (self.tree.knowledge_index, self.tree.news_index):
            response, _links = self.main_links(index.url)
            options = [option.get("value") for option in soup(response).select('select[name="thema"] option')]
            self.assertIn(self.public_theme.slug, options)
            self.assertNotIn(self.private_theme.slug, options)


class PrivateLinkTargetsTests(TestCase):
    """Links the site shell makes by itself must not point at a private page either.

    Two places read ``live`` where the rest of the site reads ``visible()``: the footer falls back
    to the chosen page when it has no visible translation (``home.shell._footer_links``), and the
    language links and ``hreflang`` alternates take any live translation
    (``home.shell.language_links``)."""

    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        site_settings()
        cls.privacy = StandardPageFactory(parent=home, title="Privacyverklaring Oehoe", slug="privacy")
        cls.old = StandardPageFactory(parent=home, title="Oude verklaring Kwartel", slug="oud")
        FooterLinkFactory(page=cls.privacy)
        FooterLinkFactory(page=cls.old)
        cls.report = StandardPageFactory(parent=home, title="Jaarverslag", slug="jaarverslag")
        translate(home)
        cls.report_en = translate(cls.report, {"Jaarverslag": "Annual report"})

    def footer_paths(self):
        return {path_of(href) for href in hrefs(self.client.get("/"), within="footer")}

    def test_the_footer_drops_a_link_to_a_page_that_was_unpublished(self):
        # The control for the test below: the footer does leave out what is not live.
        self.assertIn(self.old.url, self.footer_paths())

        self.old.unpublish()

        self.assertNotIn(self.old.url, self.footer_paths())

    def test_the_footer_drops_a_link_to_a_page_made_private(self):
        self.assertIn(self.privacy.url, self.footer_paths())

        restrict(self.privacy, PageViewRestriction.LOGIN)

        self.assertNotIn(self.privacy.url, self.footer_paths())

    def test_a_public_page_does_not_point_readers_or_search_engines_to_a_private_translation(self):
        restrict(self.report_en, PageViewRestriction.LOGIN)

        response = self.client.get(self.report.url)

        self.assertEqual(response.status_code, 200)
        self.assertNotIn(self.report_en.url, {path_of(href) for href in hrefs(response)})
        self.assertNotIn(self.report_en.url, alternate_links(response).values())
