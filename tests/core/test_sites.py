"""Wagtail's per-request lookups answered from the cache give Wagtail's own answers.

``core/sites.py`` presets the request's site and the sites' root paths (Wagtail's request memos);
``BasePage`` answers ``localized_draft`` and ``get_view_restrictions`` from the cache. Each is
checked against Wagtail's own code: the site choice for every mix of host names, ports and default
site; the view restrictions for every page of a tree with private sections and aliases; and the
contract that Wagtail still reads the memos (so a Wagtail upgrade that renames them fails here,
not as a slow site).
"""

import itertools
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site, TranslatableMixin
from wagtail.models.sites import get_site_for_hostname

from core.caching import bump_content_version
from core.sites import SiteMiddleware, all_sites, site_for_host
from tests.factories.knowledge import KnowledgeItemPageFactory, build_site
from tests.factories.translation import translate

HOSTS = ("localhost", "leefbaarheid.test", "tweede.test", "onbekend.test")
PORTS = (80, 443, 8080)
# (hostname, port, is_default_site) for each site, the first replacing the demo's own.
SITE_SETS = {
    "one default site": [("localhost", 80, True)],
    "default and another host": [("localhost", 80, True), ("leefbaarheid.test", 443, False)],
    "default and one host on two ports": [
        ("localhost", 80, True),
        ("leefbaarheid.test", 443, False),
        ("leefbaarheid.test", 8080, False),
    ],
    "no default, one host on two ports": [
        ("leefbaarheid.test", 443, False),
        ("leefbaarheid.test", 8080, False),
    ],
    "the default shares a host name": [("leefbaarheid.test", 8080, True), ("leefbaarheid.test", 443, False)],
    "no default site": [("leefbaarheid.test", 443, False), ("tweede.test", 80, False)],
}


def wagtails_site(hostname, port):
    try:
        return get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        return None


class SiteChoiceTests(TestCase):
    def setUp(self):
        self.home = build_site().home

    def make_sites(self, specification):
        Site.objects.all().delete()
        for hostname, port, is_default in specification:
            Site.objects.create(hostname=hostname, port=port, is_default_site=is_default, root_page=self.home)

    def test_the_same_site_as_wagtail_for_every_host_and_port(self):
        for name, specification in SITE_SETS.items():
            self.make_sites(specification)
            sites = all_sites()
            for hostname, port in itertools.product(HOSTS, PORTS):
                with self.subTest(name, hostname=hostname, port=port):
                    ours = site_for_host(sites, hostname, port)
                    self.assertEqual(ours.pk if ours else None, wagtails_site(hostname, port))

    def test_a_saved_site_is_seen_by_the_next_request(self):
        self.make_sites(SITE_SETS["one default site"])
        self.assertEqual(site_for_host(all_sites(), "tweede.test", 80).hostname, "localhost")
        Site.objects.create(hostname="tweede.test", port=80, root_page=self.home)
        self.assertEqual(site_for_host(all_sites(), "tweede.test", 80).hostname, "tweede.test")

    def test_the_home_page_comes_in_its_own_type_without_a_query(self):
        all_sites()
        with self.assertNumQueries(0):
            site = site_for_host(all_sites(), "localhost", 80)
            self.assertEqual(type(site.root_page).__name__, "HomePage")
            self.assertEqual(site.root_page.specific, site.root_page)


class WagtailReadsTheMemosTests(TestCase):
    """The contract: Wagtail asks nothing more once the middleware has run."""

    def test_wagtail_takes_the_site_and_root_paths_from_the_request(self):
        tree = build_site()
        item = KnowledgeItemPageFactory(parent=tree.knowledge_index, slug="buurtcirkel")
        request = RequestFactory().get("/", HTTP_HOST="localhost")
        seen = {}

        def view(request):
            with (
                CaptureQueriesContext(connection) as queries,
                mock.patch.object(Site, "get_site_root_paths", side_effect=AssertionError("asked")),
            ):
                seen["site"] = Site.find_for_request(request)
                seen["url"] = item.get_url(request)
            seen["queries"] = len(queries)
            return HttpResponse()

        all_sites()  # warm, as after the first request
        SiteMiddleware(view)(request)
        self.assertEqual(seen["site"], Site.objects.get(is_default_site=True))
        self.assertEqual(seen["url"], "/kennisbank/buurtcirkel/")
        self.assertEqual(seen["queries"], 0)


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )


class ViewRestrictionTests(TestCase):
    """``get_view_restrictions`` finds what Wagtail's finds, through private sections and aliases."""

    def setUp(self):
        self.tree = build_site()
        self.private_item = KnowledgeItemPageFactory(parent=self.tree.knowledge_index, slug="besloten")
        self.public_item = KnowledgeItemPageFactory(parent=self.tree.knowledge_index, slug="open")
        restrict(self.private_item)
        restrict(self.tree.news_index)

    def assertSameAsWagtail(self):
        for page in Page.objects.filter(depth__gt=1).specific():
            with self.subTest(page=page.url_path):
                ours = sorted(r.pk for r in page.get_view_restrictions())
                wagtails = sorted(r.pk for r in Page.get_view_restrictions(page))
                self.assertEqual(ours, wagtails)

    def test_every_page_of_a_tree_with_private_sections(self):
        translate(self.tree.home)
        translate(self.tree.knowledge_index)
        self.assertSameAsWagtail()

    def test_aliases_of_private_pages_made_after_the_cache_was_warm(self):
        self.assertSameAsWagtail()  # warm
        alias = self.private_item.create_alias(parent=self.tree.pilot_index, update_slug="besloten-kopie")
        alias.create_alias(parent=self.tree.subsidy_index, update_slug="kopie-van-kopie")
        section = self.tree.news_index.create_alias(parent=self.tree.home, update_slug="nieuws-kopie")
        self.assertTrue(section.alias_of_id)
        self.assertSameAsWagtail()
        response = self.client.get("/pilots/besloten-kopie/")
        self.assertContains(response, 'name="password"')

    def test_an_alias_whose_source_becomes_private_later(self):
        # Wagtail copies a restriction to a new alias, but not one added to the source afterwards:
        # the alias is private through its source alone.
        self.public_item.create_alias(parent=self.tree.pilot_index, update_slug="open-kopie")
        self.assertContains(self.client.get("/pilots/open-kopie/"), "open-kopie")
        restrict(self.public_item)
        self.assertSameAsWagtail()
        self.assertContains(self.client.get("/pilots/open-kopie/"), 'name="password"')

    def test_a_page_outside_every_private_section_asks_no_query(self):
        bump_content_version()
        list(self.public_item.get_view_restrictions())  # warm
        with self.assertNumQueries(0):
            self.assertEqual(list(self.public_item.get_view_restrictions()), [])


class LocalizedTests(TestCase):
    def test_localized_finds_the_translation_wagtail_finds(self):
        tree = build_site()
        english_home = translate(tree.home)
        english_index = translate(tree.knowledge_index)
        for language, page, expected in (
            ("nl", tree.knowledge_index, tree.knowledge_index),
            ("en", tree.knowledge_index, english_index),
            ("en", english_home, english_home),
            ("nl", english_home, tree.home),
            ("en", tree.theme_index, tree.theme_index),  # no translation: itself
        ):
            with self.subTest(language=language, page=page.url_path), translation.override(language):
                self.assertEqual(page.localized_draft.pk, expected.pk)
                self.assertEqual(TranslatableMixin.localized_draft.fget(page).pk, expected.pk)
                self.assertEqual(page.localized.pk, expected.pk)


class AfterARestoreTests(TestCase):
    def test_migrate_retires_the_sites_cached_from_the_old_database(self):
        # A restore changes the database under the cache, sending no signal; its instructions end
        # with migrate (scripts/restore.sh), which starts a new content version.
        home = build_site().home
        self.assertEqual([site.hostname for site in all_sites()], ["localhost"])
        Site.objects.update(hostname="hersteld.test")
        self.assertEqual([site.hostname for site in all_sites()], ["localhost"])

        call_command("migrate", verbosity=0)

        self.assertEqual(
            [(site.hostname, site.root_page.pk) for site in all_sites()], [("hersteld.test", home.pk)]
        )
