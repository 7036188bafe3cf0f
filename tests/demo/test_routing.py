"""A visitor asks for a URL and gets the page Wagtail's own routing would give them.

``home/routing.py`` replaces Wagtail's walk down the tree (two queries per level) with a cached
table of ``url_path``s and the deepest matching page's own ``route``. These tests load the demo
content once, add drafts and private pages to it, and resolve every path below each language's
home page both ways: ``HomePage.route`` (ours) and ``wagtail.models.Page.route`` (Wagtail's). Both
must name the same page, of the same type, with the same view arguments, or both raise ``Http404``.
"""

import inspect
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.db import connection
from django.db.models import Model
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from wagtail.models import Page, PageViewRestriction

from core.caching import bump_content_version, content_version
from home.models import HomePage
from knowledge.models import KnowledgeItemPage, NewsIndexPage, NewsPage
from tests.factories.home import StandardPageFactory
from tests.factories.knowledge import NewsPageFactory

pytestmark = pytest.mark.django_db

NOT_FOUND = "404"
MISSING = "bestaat-niet"


@pytest.fixture(scope="module")
def tree(demo_site, django_db_blocker):
    """The demo content plus what it lacks: drafts, private pages and a deeper branch."""
    with django_db_blocker.unblock():
        dutch = HomePage.objects.get(locale__language_code="nl", depth=2)
        english = HomePage.objects.get(locale__language_code="en", depth=2)
        about = dutch.get_children().get(slug="over")
        news_index = NewsIndexPage.objects.get(locale=dutch.locale)

        # A live page below a draft, a draft below a live page, and a branch five levels deep.
        concept = StandardPageFactory(parent=dutch, slug="concept", live=False)
        StandardPageFactory(parent=concept, slug="gepubliceerd-onder-concept")
        StandardPageFactory(parent=about, slug="nog-niet-klaar", live=False)
        team = StandardPageFactory(parent=about, slug="team")
        StandardPageFactory(parent=team, slug="arnhem")
        NewsPageFactory(parent=news_index, slug="conceptbericht", live=False)
        StandardPageFactory(parent=english, slug="draft", live=False)

        # A live page whose draft renames it: the published slug is what counts.
        item = KnowledgeItemPage.objects.filter(locale=dutch.locale).first()
        item.slug = "hernoemd-in-concept"
        item.save_revision()

        # A private section (password) and a private branch (login), in both languages.
        knowledge_index = dutch.get_children().get(slug="kennisbank")
        PageViewRestriction.objects.create(
            page=knowledge_index, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
        internal = StandardPageFactory(parent=dutch, slug="intern")
        StandardPageFactory(parent=internal, slug="verslag")
        PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)
        PageViewRestriction.objects.create(
            page=about.get_translation(english.locale), restriction_type=PageViewRestriction.LOGIN
        )
        return SimpleNamespace(dutch=dutch, english=english, homes=(dutch, english))


# Resolving a path both ways ----------------------------------------------------------------------


def comparable(value):
    """Route arguments in a form ``==`` can compare: pages by type and pk, views by function."""
    if inspect.ismethod(value):
        return (value.__func__, comparable(value.__self__))
    if isinstance(value, Model):
        return (type(value), value.pk)
    if isinstance(value, (list, tuple)):
        return tuple(comparable(item) for item in value)
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    return value


def resolve(route, home, components):
    """What ``route`` answers for ``components`` below ``home``: (type, pk, args, kwargs) or 404."""
    request = RequestFactory().get(home.url + "".join(f"{component}/" for component in components))
    try:
        page, args, kwargs = route(home, request, list(components))
    except Http404:
        return NOT_FOUND
    return (type(page), page.pk, comparable(args), comparable(kwargs))


def ours(home, components):
    return resolve(HomePage.route, home, components)


def wagtails(home, components):
    return resolve(Page.route, home, components)


def differences(home, paths):
    """The paths our routing answers differently from Wagtail's, with both answers."""
    found = []
    for components in paths:
        answers = ours(home, components), wagtails(home, components)
        if answers[0] != answers[1]:
            found.append((home.url + "/".join(components), *answers))
    return found


def components_of(home, page):
    return page.url_path[len(home.url_path) :].strip("/").split("/")


def pages_below(home):
    return list(Page.objects.descendant_of(home).order_by("path"))


def is_private(page):
    return bool(page.get_view_restrictions())


# Every page in the tree --------------------------------------------------------------------------


def test_a_visitor_gets_every_live_public_page_as_wagtail_routes_it(tree):
    # Among them the live page below a draft (``concept/gepubliceerd-onder-concept``).
    for home in tree.homes:
        pages = [page for page in pages_below(home) if page.live and not is_private(page)]
        assert pages, home.url
        paths = [components_of(home, page) for page in pages]

        assert differences(home, [[], *paths]) == []
        assert [ours(home, path)[:2] for path in paths] == [(page.specific_class, page.pk) for page in pages]


def test_a_visitor_gets_no_draft_either_way(tree):
    for home in tree.homes:
        drafts = [page for page in pages_below(home) if not page.live]
        assert drafts, home.url
        paths = [components_of(home, page) for page in drafts]

        assert differences(home, paths) == []
        assert {ours(home, path) for path in paths} == {NOT_FOUND}


def test_a_live_page_with_a_renaming_draft_is_found_at_its_published_url_only(tree):
    item = KnowledgeItemPage.objects.get(locale=tree.dutch.locale, has_unpublished_changes=True)
    published, drafted = ["kennisbank", item.slug], ["kennisbank", "hernoemd-in-concept"]

    assert differences(tree.dutch, [published, drafted]) == []
    assert ours(tree.dutch, published)[:2] == (KnowledgeItemPage, item.pk)
    assert ours(tree.dutch, drafted) == NOT_FOUND


def test_private_pages_route_as_wagtail_routes_them_and_the_restriction_comes_later(tree):
    # Routing never checks a view restriction: serving the page does (see the client test below).
    for home in tree.homes:
        private = [page for page in pages_below(home) if is_private(page)]
        assert private, home.url
        paths = [components_of(home, page) for page in private]

        assert differences(home, paths) == []
        live = [page for page in private if page.live]
        assert [ours(home, components_of(home, page))[:2] for page in live] == [
            (page.specific_class, page.pk) for page in live
        ]


def test_a_path_below_any_page_routes_as_wagtail_routes_it(tree):
    for home in tree.homes:
        pages = pages_below(home)
        assert differences(home, [[*components_of(home, page), MISSING] for page in pages]) == []
        leaves = [page for page in pages if page.is_leaf()]
        assert {ours(home, [*components_of(home, page), MISSING]) for page in leaves} == {NOT_FOUND}


def test_the_news_feed_below_the_news_index_routes_to_its_feed_view(tree):
    for home in tree.homes:
        news_index = NewsIndexPage.objects.get(locale=home.locale)
        feed = components_of(home, news_index) + ["rss"]

        assert differences(home, [feed, [*feed, MISSING]]) == []
        page_type, pk, (view, args, kwargs), _ = ours(home, feed)
        assert (page_type, pk, view[0].__name__) == (NewsIndexPage, news_index.pk, "rss_feed")


def test_a_news_item_with_the_slug_rss_never_takes_over_the_feed(tree):
    # Wagtail asks the routable news index for its own sub-paths before its children; a draft or a
    # live item an editor happened to call "rss" must not take the feed offline.
    news_index = NewsIndexPage.objects.get(locale=tree.dutch.locale)
    feed = components_of(tree.dutch, news_index) + ["rss"]
    for live in (False, True):
        item = NewsPageFactory(parent=news_index, title="RSS", slug="rss", live=live)
        bump_content_version()

        assert differences(tree.dutch, [feed]) == [], f"live={live}"
        assert ours(tree.dutch, feed)[2][0][0].__name__ == "rss_feed"
        item.delete()


def test_paths_that_match_no_page_are_not_found_either_way(tree):
    paths = [
        [MISSING],
        [MISSING, "kennisbank"],
        ["kennis"],  # the start of a real slug
        ["KENNISBANK"],  # slugs are matched exactly
        ["home"],  # the home page's own slug is not part of its children's URLs
        ["home", "kennisbank"],
        ["kennisbank", MISSING, "verder"],
    ]
    for home in tree.homes:
        assert differences(home, paths) == []
        assert {ours(home, path) for path in paths} == {NOT_FOUND}


# Changes after the routing table was cached ------------------------------------------------------


def test_a_live_page_deleted_after_the_table_was_cached_is_not_found_either_way(tree):
    item = KnowledgeItemPage.objects.filter(locale=tree.dutch.locale).last()
    path = ["kennisbank", item.slug]
    assert ours(tree.dutch, path) != NOT_FOUND  # builds and caches the table

    item.delete()

    assert ours(tree.dutch, path) == wagtails(tree.dutch, path) == NOT_FOUND


def test_a_new_page_in_place_of_one_deleted_after_the_table_was_cached_is_found_either_way(tree):
    news_index = NewsIndexPage.objects.get(locale=tree.dutch.locale)
    path = ["nieuws", "conceptbericht"]
    assert ours(tree.dutch, path) == NOT_FOUND  # builds and caches the table
    version = content_version()

    Page.objects.get(url_path=f"{news_index.url_path}conceptbericht/").delete()
    replacement = NewsPageFactory(parent=news_index, slug="conceptbericht")

    # Neither deleting a draft nor adding a page without publishing it changes the content
    # version: the cached table still lists the deleted page.
    assert content_version() == version
    assert ours(tree.dutch, path) == wagtails(tree.dutch, path) == (type(replacement), replacement.pk, (), {})


def test_a_page_renamed_or_moved_after_the_table_was_cached_is_found_at_its_new_url_only(tree):
    team = Page.objects.get(url_path=f"{tree.dutch.url_path}over/team/").specific
    old_path = ["over", "team", "arnhem"]
    assert ours(tree.dutch, old_path) != NOT_FOUND  # builds and caches the table

    team.slug = "ons-team"
    team.save_revision().publish()
    renamed = ["over", "ons-team", "arnhem"]
    assert differences(tree.dutch, [old_path, renamed]) == []
    assert (ours(tree.dutch, old_path), ours(tree.dutch, renamed)[0]) == (NOT_FOUND, type(team))

    Page.objects.get(pk=team.pk).move(tree.dutch.get_children().get(slug="contact"), "last-child")
    moved = ["contact", "ons-team", "arnhem"]
    assert differences(tree.dutch, [renamed, moved]) == []
    assert (ours(tree.dutch, renamed), ours(tree.dutch, moved)[0]) == (NOT_FOUND, type(team))


# What the table saves ----------------------------------------------------------------------------


def queries(route, home, components):
    with CaptureQueriesContext(connection) as captured:
        route(home, RequestFactory().get("/"), list(components))
    return len(captured)


def test_the_url_table_is_read_once_per_content_version(tree):
    path = ["over", "team", "arnhem"]
    bump_content_version()  # as a publish does: the cached table is out of date

    first = queries(HomePage.route, tree.dutch, path)
    second = queries(HomePage.route, tree.dutch, path)

    assert second < first


def test_a_deep_page_costs_no_more_queries_than_a_shallow_one_and_fewer_than_wagtails_walk(tree):
    shallow, deep = ["over"], ["over", "team", "arnhem"]
    HomePage.route(tree.dutch, RequestFactory().get("/"), list(deep))  # caches the table

    assert queries(HomePage.route, tree.dutch, deep) == queries(HomePage.route, tree.dutch, shallow)
    assert queries(HomePage.route, tree.dutch, deep) < queries(Page.route, tree.dutch, deep)
    assert queries(Page.route, tree.dutch, shallow) < queries(Page.route, tree.dutch, deep)


# Through the test client -------------------------------------------------------------------------


def test_a_visitor_gets_what_wagtails_routing_would_serve_for_each_kind_of_url(tree, client):
    dutch, english = tree.dutch, tree.english
    english_item = KnowledgeItemPage.objects.filter(locale=english.locale).first()
    # The whole Dutch kennisbank is behind a password.
    private_item = KnowledgeItemPage.objects.filter(locale=dutch.locale, has_unpublished_changes=False)[0]
    expected = [
        # (home, path, what the visitor gets)
        (dutch, [], "page"),
        (dutch, ["themas", "eenzaamheid"], "page"),
        (dutch, ["concept", "gepubliceerd-onder-concept"], "page"),
        (dutch, ["over", "team", "arnhem"], "page"),
        (english, [], "page"),
        (english, components_of(english, english_item), "page"),
        (dutch, ["nieuws", "rss"], "feed"),
        (english, ["news", "rss"], "feed"),
        (dutch, components_of(dutch, private_item), "password form"),
        (dutch, ["intern", "verslag"], "login"),
        (english, ["about-the-programme"], "login"),
        (dutch, ["nieuws", "conceptbericht"], "not found"),
        (dutch, ["themas", "eenzaamheid", MISSING], "not found"),
        (dutch, [MISSING], "not found"),
    ]
    for home, path, outcome in expected:
        url = home.url + "".join(f"{component}/" for component in path)
        response = client.get(url)
        routed = wagtails(home, path)
        if outcome == "not found":
            assert (response.status_code, routed) == (404, NOT_FOUND), url
            continue
        page_type, pk, _, _ = routed
        if outcome == "page":
            assert response.status_code == 200, url
            assert (type(response.context["page"]), response.context["page"].pk) == (page_type, pk), url
        elif outcome == "feed":
            assert response.status_code == 200, url
            assert response["Content-Type"].startswith("application/rss+xml"), url
            assert Page.objects.get(pk=pk).title in response.content.decode(), url
        elif outcome == "password form":
            # The form unlocks the very page Wagtail's routing found, and shows none of it.
            assert response.status_code == 200, url
            action = response.context["action_url"]
            assert action.rstrip("/").endswith(f"/{pk}"), url
            assert private_item.goal not in response.content.decode(), url
        else:
            with translation.override(home.locale.language_code):
                login = reverse("wagtailcore_login")
            assert response.status_code == 302, url
            assert response["Location"] == f"{login}?next={quote(url)}", url


# English URLs (home/localisation.py) --------------------------------------------------------------


def test_the_english_sections_have_english_slugs(tree):
    sections = {page.slug for page in tree.english.get_children()}

    assert {"themes", "knowledge-base", "learning-network", "news", "pilots", "grants"} <= sections
    assert not {"themas", "kennisbank", "leernetwerk", "nieuws"} & sections


def test_every_english_page_has_the_slug_of_its_english_title_and_routes_as_wagtail_routes_it(tree):
    pages = [page for page in pages_below(tree.english) if page.live]
    translated = [page for page in pages if page.slug != "draft"]

    assert [page.slug for page in translated] == [slugify(page.title) for page in translated]
    assert differences(tree.english, [components_of(tree.english, page) for page in pages]) == []


def follow(client, url):
    """Where ``url`` leads: the redirects on the way (status, location), and the final answer."""
    hops, response = [], client.get(url)
    while response.status_code in (301, 302) and len(hops) < 5:
        hops.append((response.status_code, response["Location"]))
        response = client.get(response["Location"])
    return hops, response


def test_an_english_page_at_its_dutch_slugs_leads_to_its_english_url(tree, client):
    for english_page in [page for page in pages_below(tree.english) if page.live and not is_private(page)]:
        dutch_page = english_page.get_translation(tree.dutch.locale)
        old_url = "/en/" + "".join(f"{part}/" for part in components_of(tree.dutch, dutch_page))
        if old_url == english_page.url:
            continue
        hops, response = follow(client, old_url + "?van=oud")

        assert [location for _status, location in hops][-1:] == [english_page.url + "?van=oud"], old_url
        assert response.status_code == 200, old_url
        # The page Wagtail's own routing finds at the English URL.
        assert (type(response.context["page"]), response.context["page"].pk) == wagtails(
            tree.english, components_of(tree.english, english_page)
        )[:2], old_url


def test_an_untranslated_dutch_page_at_en_leads_to_itself_with_the_notice(tree, client):
    english_keys = set(
        Page.objects.filter(locale=tree.english.locale).values_list("translation_key", flat=True)
    )
    item = (
        NewsPage.objects.live()
        .filter(locale=tree.dutch.locale)
        .exclude(translation_key__in=english_keys)
        .first()
    )
    for url in [f"/en/nieuws/{item.slug}/", f"/en/news/{item.slug}/"]:
        hops, response = follow(client, url)

        assert hops == [(302, f"{item.url}?niet-vertaald=en")], url
        assert (response.status_code, response.context["page"].pk) == (200, item.pk), url
        assert response.context["page"].pk == wagtails(tree.dutch, components_of(tree.dutch, item))[1]
        assert b'class="notice untranslated-notice" lang="en"' in response.content

    # An item of the password-protected Dutch kennisbank is not revealed.
    private = KnowledgeItemPage.objects.filter(locale=tree.dutch.locale).exclude(
        translation_key__in=english_keys
    )[0]
    assert client.get(f"/en/kennisbank/{private.slug}/").status_code == 404


def test_a_truly_unknown_english_url_is_still_not_found(tree, client):
    for url in ["/en/bestaat-niet/", f"/en/knowledge-base/{MISSING}/", "/en/themes/loneliness/bestaat-niet/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert wagtails(tree.english, [part for part in url.split("/")[2:] if part]) == NOT_FOUND
