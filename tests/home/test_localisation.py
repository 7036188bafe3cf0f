"""English pages have English URLs, old English URLs still work, and no page is a dead end in
English: ``home/localisation.py`` and ``core/localisation.py``.

The English slug is wagtail-localize's override of the synchronised ``slug``; Wagtail's own
redirects app turns every old URL into a permanent redirect. A page with no English translation
answers its ``/en/`` URL with the Dutch page and a notice, and English listings say how much more
there is in Dutch.
"""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from home.localisation import give_own_slugs, translated_slug
from knowledge.models import KnowledgeIndexPage, KnowledgeItemPage
from tests.factories.knowledge import KnowledgeItemPageFactory, build_site
from tests.factories.translation import translate
from tests.utils import language_links, soup

NOTICE = "This page is not available in English yet; here is the Dutch version."


def sync(page):
    """An editor's "Sync translated pages": the Dutch page's current content to every translation."""
    source = TranslationSource.objects.get_for_instance(page)
    source.update_from_db()
    with TestCase.captureOnCommitCallbacks(execute=True):
        for target in source.translations.all():
            target.save_target(publish=True)


class EnglishSiteTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=("eenzaamheid",))
        cls.english = Locale.objects.get(language_code="en")
        translate(cls.tree.home, {"Leefbaarheid Gelderland": "Livability Gelderland"})
        cls.index = cls.tree.knowledge_index
        cls.english_index = translate(cls.index, {cls.index.title: "Knowledge base"})
        cls.theme = cls.tree.themes["eenzaamheid"]
        translate(cls.tree.theme_index, {cls.tree.theme_index.title: "Themes"})
        cls.english_theme = translate(cls.theme, {"Eenzaamheid": "Loneliness"})
        cls.items = [
            KnowledgeItemPageFactory(
                parent=cls.index, title=f"Methode {n}", slug=f"methode-{n}", themes=[cls.theme]
            )
            for n in range(5)
        ]
        cls.english_item = translate(cls.items[0], {"Methode 0": "Method 0"})

    def give_english_slugs(self):
        with self.captureOnCommitCallbacks(execute=True):
            return give_own_slugs(self.english)


class EnglishSlugTests(EnglishSiteTestCase):
    def test_english_pages_get_slugs_from_their_english_titles_and_serve_there(self):
        changed = self.give_english_slugs()

        self.assertIn("knowledge-base", [path.rstrip("/").rsplit("/", 1)[-1] for path in changed.values()])
        for url, page in [
            ("/en/knowledge-base/", self.english_index),
            ("/en/knowledge-base/method-0/", self.english_item),
            ("/en/themes/loneliness/", self.english_theme),
        ]:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertEqual(response.context["page"].pk, page.pk, url)
        # The Dutch site keeps its Dutch URLs.
        self.assertEqual(self.client.get("/kennisbank/").context["page"].pk, self.index.pk)

    def test_the_dutch_page_links_to_the_english_url(self):
        self.give_english_slugs()

        self.assertEqual(
            language_links(self.client.get("/kennisbank/methode-0/"), "en"), ["/en/knowledge-base/method-0/"]
        )

    def test_later_syncs_from_the_dutch_page_keep_the_english_slug(self):
        self.give_english_slugs()
        self.index.introduction = "Alle methoden op een rij."
        self.index.slug = "kennisbank-nieuw"
        self.index.save_revision().publish()

        sync(self.index)

        english = KnowledgeIndexPage.objects.get(pk=self.english_index.pk)
        self.assertEqual(english.slug, "knowledge-base")
        self.assertEqual(english.introduction, "Alle methoden op een rij.")  # the sync did happen
        self.assertEqual(self.client.get("/en/knowledge-base/method-0/").status_code, 200)
        self.assertEqual(translated_slug(english), "knowledge-base")

    def test_giving_slugs_twice_changes_nothing(self):
        self.give_english_slugs()

        self.assertEqual(self.give_english_slugs(), {})

    def test_an_editor_sets_the_english_slug_in_the_translation_editor(self):
        editor = get_user_model().objects.create_user("redacteur", "redacteur@example.org", "x")
        editor.groups.add(Group.objects.get(name="Redacteuren"))
        self.client.force_login(editor)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.english_item.pk]))
        props = json.loads(soup(response).find(class_="js-translation-editor")["data-props"])
        [slug] = [
            s for s in props["segments"] if s["type"] == "synchronised_value" and s["contentPath"] == "slug"
        ]
        self.assertEqual(slug["value"], "methode-0")

        response = self.client.put(
            slug["editUrl"],
            encode_multipart(BOUNDARY, {"value": "method-zero"}),
            content_type=MULTIPART_CONTENT,
        )
        self.assertIn(response.status_code, (200, 201))
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("wagtailadmin_pages:edit", args=[self.english_item.pk]), {"action": "publish"}
            )
        self.assertEqual(response.status_code, 302)
        self.client.logout()

        self.assertEqual(
            self.client.get("/en/kennisbank/method-zero/").context["page"].pk, self.english_item.pk
        )
        response = self.client.get("/en/kennisbank/methode-0/")
        self.assertEqual((response.status_code, response["Location"]), (301, "/en/kennisbank/method-zero/"))


class OldEnglishUrlTests(EnglishSiteTestCase):
    def test_the_old_index_url_redirects_permanently_with_its_query_string(self):
        self.give_english_slugs()

        response = self.client.get("/en/kennisbank/?thema=eenzaamheid&page=2")

        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "/en/knowledge-base/?thema=eenzaamheid&page=2")

    def test_old_deep_urls_redirect_permanently_to_their_new_english_url(self):
        self.give_english_slugs()

        for old, new in [
            ("/en/kennisbank/", "/en/knowledge-base/"),
            ("/en/kennisbank/methode-0/", "/en/knowledge-base/method-0/"),
            ("/en/themas/eenzaamheid/", "/en/themes/loneliness/"),
        ]:
            response = self.client.get(old)
            self.assertEqual((response.status_code, response["Location"]), (301, new), old)
            self.assertEqual(self.client.get(new).status_code, 200, new)

    def test_a_redirect_without_a_query_string_gets_none(self):
        self.give_english_slugs()

        self.assertEqual(self.client.get("/en/kennisbank/")["Location"], "/en/knowledge-base/")


class UntranslatedPageTests(EnglishSiteTestCase):
    def test_an_untranslated_items_english_url_leads_to_the_dutch_page_with_a_notice(self):
        self.give_english_slugs()
        item = self.items[3]

        for url in ["/en/kennisbank/methode-3/", "/en/knowledge-base/methode-3/"]:
            response = self.client.get(url + "?utm_source=mail")
            self.assertEqual(response.status_code, 302, url)  # temporary: a translation may follow
            self.assertEqual(response["Location"], "/kennisbank/methode-3/?utm_source=mail&niet-vertaald=en")

        response = self.client.get(response["Location"])
        self.assertEqual(response.context["page"].pk, item.pk)
        notice = soup(response).select_one("main .untranslated-notice")
        self.assertIsNotNone(notice)
        self.assertEqual(notice["lang"], "en")
        self.assertEqual(soup(response).html["lang"], "nl")
        self.assertIn(NOTICE, notice.get_text(" ", strip=True))
        home = notice.find("a")
        self.assertEqual((home["href"], home["hreflang"]), ("/en/", "en"))

    def test_the_language_switcher_of_an_untranslated_page_stays_on_it_and_shows_the_notice(self):
        response = self.client.get("/kennisbank/methode-3/")
        [link] = language_links(response, "en")
        self.assertEqual(link, "/kennisbank/methode-3/")
        self.assertIn(
            "/kennisbank/methode-3/?niet-vertaald=en",
            [a["href"] for a in soup(response).select(".language-switcher a")],
        )

        response = self.client.get("/kennisbank/methode-3/?niet-vertaald=en")
        self.assertEqual(response.status_code, 200)
        self.assertIsNotNone(soup(response).select_one(".untranslated-notice[lang=en]"))

    def test_a_translated_pages_dutch_path_under_en_leads_to_its_translation(self):
        self.give_english_slugs()

        response = self.client.get("/en/knowledge-base/methode-0/?a=1")

        self.assertEqual(
            (response.status_code, response["Location"]), (302, "/en/knowledge-base/method-0/?a=1")
        )

    def test_no_notice_on_a_translated_page_or_without_the_parameter(self):
        for url in [
            "/kennisbank/methode-0/?niet-vertaald=en",
            "/kennisbank/methode-3/",
            "/kennisbank/?niet-vertaald=xx",
        ]:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertIsNone(soup(response).select_one(".untranslated-notice"), url)

    def test_a_truly_unknown_url_is_still_an_english_404(self):
        for url in [
            "/en/bestaat-niet/",
            "/en/kennisbank/bestaat-niet/",
            "/en/knowledge-base/methode-3/verder/",
        ]:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertEqual(soup(response).html["lang"], "en", url)

    def test_a_draft_or_private_dutch_page_is_not_revealed(self):
        draft = KnowledgeItemPageFactory(parent=self.index, title="Concept", slug="concept", live=False)

        self.assertEqual(self.client.get(f"/en/kennisbank/{draft.slug}/").status_code, 404)


class MoreInDutchTests(EnglishSiteTestCase):
    def more_in_dutch(self, response):
        return soup(response).select_one(".listing__more-in-source")

    def test_the_english_listing_says_how_many_more_items_are_in_dutch_and_links_to_them(self):
        response = self.client.get("/en/kennisbank/")

        offer = self.more_in_dutch(response)
        self.assertIsNotNone(offer)
        self.assertIn("4 more items are available in Dutch", offer.get_text(" ", strip=True))
        link = offer.find("a")
        self.assertEqual((link["href"], link["hreflang"]), ("/kennisbank/", "nl"))

    def test_the_count_follows_the_filters_and_the_link_keeps_them(self):
        other = KnowledgeItemPageFactory(parent=self.index, title="Zonder thema", kind="tool")
        response = self.client.get("/en/kennisbank/?soort=tool")

        offer = self.more_in_dutch(response)
        expected = KnowledgeItemPage.objects.filter(locale=self.index.locale, kind="tool", live=True)
        expected = expected.exclude(pk=self.items[0].pk).count()
        self.assertIn(other, KnowledgeItemPage.objects.filter(kind="tool"))
        self.assertIn(f"{expected} more item", offer.get_text(" ", strip=True))
        self.assertEqual(offer.find("a")["href"], "/kennisbank/?soort=tool")

    def test_unpublished_dutch_items_are_not_counted(self):
        for item in self.items[1:3]:
            item.unpublish()

        offer = self.more_in_dutch(self.client.get("/en/kennisbank/"))

        self.assertIn("2 more items are available in Dutch", offer.get_text(" ", strip=True))

    def test_nothing_is_offered_when_everything_is_translated_or_on_the_dutch_listing(self):
        for item in self.items[1:]:
            translate(item)

        self.assertIsNone(self.more_in_dutch(self.client.get("/en/kennisbank/")))
        self.assertIsNone(self.more_in_dutch(self.client.get("/kennisbank/")))
