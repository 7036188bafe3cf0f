"""What a partner sees in the admin's choosers and bulk actions: public pages and its own, no more.

The page chooser (browse, search, "add link" in rich text) lists what any visitor can see and the
partner's own section; a bulk action's confirmation never names a page the partner can't edit.
Image and document choosers are narrowed by Wagtail itself (collection permissions), organisations
and municipalities are public data that every chooser shows. Editors see everything as before.
"""

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page, PageViewRestriction

from knowledge.models import NewsPage
from tests.factories.home import StandardPageFactory
from tests.factories.knowledge import NewsPageFactory, SubsidyPageFactory

from .test_permissions import PartnerTestCase

OTHER_DRAFT = "Concept van Platform31"


def text_file(name):
    return ContentFile(b"Wat we deden.", name=name)


class PageChooserTests(PartnerTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other_draft = cls.platform.section.add_child(
            instance=NewsPage(title=OTHER_DRAFT, slug="concept", live=False, date="2026-01-05")
        )
        cls.own_draft = cls.movisie.section.add_child(
            instance=NewsPage(title="Concept van Movisie", slug="concept", live=False, date="2026-01-05")
        )
        cls.editors_draft = cls.site.news_index.add_child(
            instance=NewsPage(title="Concept van de redactie", slug="redactie", live=False, date="2026-01-05")
        )
        cls.private = StandardPageFactory(parent=cls.site.home, title="Besloten overleg", slug="besloten")
        PageViewRestriction.objects.create(page=cls.private, restriction_type="login")
        cls.public = NewsPageFactory(parent=cls.site.news_index, title="Openbaar concept bericht")

    def chooser_search(self, user, query):
        self.client.force_login(user)
        response = self.client.get(reverse("wagtailadmin_choose_page_search"), {"q": query})
        self.assertEqual(response.status_code, 200)
        return response

    def test_a_partner_searching_the_chooser_does_not_find_another_partners_draft(self):
        response = self.chooser_search(self.partner_user, "concept")

        self.assertNotContains(response, OTHER_DRAFT)
        self.assertNotContains(response, self.editors_draft.title)
        self.assertContains(response, self.own_draft.title)
        self.assertContains(response, self.public.title)

    def test_an_editor_searching_the_chooser_finds_every_draft(self):
        response = self.chooser_search(self.editor, "concept")

        for page in (self.other_draft, self.editors_draft, self.own_draft, self.public):
            self.assertContains(response, page.title)

    def test_a_partner_does_not_find_a_private_page(self):
        self.assertNotContains(self.chooser_search(self.partner_user, "besloten"), self.private.title)
        self.assertContains(self.chooser_search(self.editor, "besloten"), self.private.title)

    def test_a_partner_does_not_find_a_public_page_below_an_unpublished_one(self):
        # The search shows each result's parent: here the unpublished page's draft title.
        hidden = self.site.subsidy_index
        hidden.title = hidden.draft_title = "Verborgen rubriek"
        hidden.save()
        hidden.unpublish()
        SubsidyPageFactory(parent=hidden, title="Dorpshuisfonds")

        self.assertNotContains(self.chooser_search(self.partner_user, "dorpshuisfonds"), "Verborgen rubriek")
        self.assertContains(self.chooser_search(self.editor, "dorpshuisfonds"), "Verborgen rubriek")

    def test_browsing_another_partners_section_lists_no_draft(self):
        url = reverse("wagtailadmin_choose_page_child", args=[self.platform.section.pk])
        self.client.force_login(self.partner_user)

        response = self.client.get(url)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.platform.section.title)  # a public page
        self.assertNotContains(response, OTHER_DRAFT)
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(url), OTHER_DRAFT)

    def test_browsing_the_partners_own_section_lists_its_drafts(self):
        self.client.force_login(self.partner_user)

        response = self.client.get(reverse("wagtailadmin_choose_page_child", args=[self.movisie.section.pk]))

        self.assertContains(response, self.own_draft.title)

    def test_a_partner_cannot_browse_into_a_page_it_may_not_choose(self):
        self.client.force_login(self.partner_user)

        for page in (self.other_draft, self.editors_draft, self.private):
            with self.subTest(page=page.title):
                response = self.client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]))
                self.assertRefused(response)
                self.assertNotIn(page.title.encode(), response.content)

    def test_a_partner_cannot_have_another_partners_draft_returned_as_chosen(self):
        url = reverse("wagtailadmin_choose_page_chosen_multiple")
        self.client.force_login(self.partner_user)

        response = self.client.get(url, {"id": [self.public.pk, self.other_draft.pk]})

        self.assertRefused(response)
        self.assertNotIn(OTHER_DRAFT.encode(), response.content)
        self.assertContains(
            self.client.get(url, {"id": [self.public.pk, self.own_draft.pk]}), self.own_draft.title
        )

    def test_no_admin_view_names_a_page_the_partner_may_not_see(self):
        # Wagtail's move confirmation names both pages before it checks any permission.
        self.client.force_login(self.partner_user)
        own, other = self.own_draft.pk, self.other_draft.pk

        for url in (
            reverse("wagtailadmin_pages:move_confirm", args=[own, other]),
            reverse("wagtailadmin_pages:move_confirm", args=[other, own]),
            reverse("wagtailadmin_pages:revisions_index", args=[other]),
            reverse("wagtailadmin_pages:add_subpage", args=[other]),
        ):
            with self.subTest(url=url):
                response = self.client.get(url, follow=True)
                self.assertNotContains(response, OTHER_DRAFT)

    def test_the_chooser_for_a_page_type_does_not_open_at_a_page_the_partner_may_not_see(self):
        # Every subsidy lives below an index that is not published: the chooser would open there.
        index = self.site.subsidy_index
        index.title = index.draft_title = "Geheime subsidies"
        index.save()
        index.unpublish()
        SubsidyPageFactory(parent=index, title="Dorpshuisfonds")
        url = reverse("wagtailadmin_choose_page") + "?" + urlencode({"page_type": "knowledge.subsidypage"})
        self.client.force_login(self.partner_user)

        response = self.client.get(url, follow=True)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.redirect_chain[0][0].split("?")[0],
            reverse("wagtailadmin_choose_page_child", args=[Page.get_first_root_node().pk]),
        )
        self.assertNotContains(response, "Geheime subsidies")
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(url), "Geheime subsidies")

    def test_the_chooser_for_a_page_type_opens_as_wagtail_does_where_the_partner_may_look(self):
        url = reverse("wagtailadmin_choose_page") + "?" + urlencode({"page_type": "knowledge.newspage"})
        self.client.force_login(self.partner_user)

        response = self.client.get(url)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.site.news_index.title)


class MediaAndSnippetChooserTests(PartnerTestCase):
    """Wagtail narrows these itself; the tests keep it that way after an upgrade."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.own_document = Document.objects.create(
            title="Verslag van Movisie", file=text_file("verslag.txt"), collection=cls.movisie.collection
        )
        cls.other_document = Document.objects.create(
            title="Verslag van Platform31",
            file=text_file("ander.txt"),
            collection=cls.platform.collection,
        )
        cls.other_image = Image.objects.create(
            title="Foto van Platform31", file=get_test_image_file(), collection=cls.platform.collection
        )

    def test_a_partners_document_chooser_lists_its_own_collection_only(self):
        self.client.force_login(self.partner_user)

        response = self.client.get(reverse("wagtaildocs_chooser:choose"))

        self.assertContains(response, self.own_document.title)
        self.assertNotContains(response, self.other_document.title)

    def test_a_partner_cannot_have_another_collections_image_or_document_returned_as_chosen(self):
        self.client.force_login(self.partner_user)

        for url in (
            reverse("wagtailimages_chooser:chosen", args=[self.other_image.pk]),
            reverse("wagtaildocs_chooser:chosen", args=[self.other_document.pk]),
            reverse("wagtailimages_chooser:chosen_multiple") + f"?id={self.other_image.pk}",
            reverse("wagtaildocs_chooser:chosen_multiple") + f"?id={self.other_document.pk}",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotIn(b"Platform31", response.content)

    def test_the_admin_api_does_not_list_another_collections_images_or_documents(self):
        # Wagtail's admin API lists every image and document; partners get none of it.
        self.client.force_login(self.partner_user)

        for url in ("/admin/api/main/images/", "/admin/api/main/documents/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertRefused(response)
        self.client.force_login(self.editor)
        self.assertContains(self.client.get("/admin/api/main/images/"), self.other_image.title)

    def test_a_partner_chooses_organisations_like_anyone(self):
        # Organisations and municipalities are public data: every page about a partner names them.
        self.client.force_login(self.partner_user)

        response = self.client.get("/admin/snippets/choose/knowledge/organisation/")

        self.assertContains(response, self.platform.organisation.name)


class BulkActionTests(PartnerTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other_draft = cls.platform.section.add_child(
            instance=NewsPage(title=OTHER_DRAFT, slug="concept", live=False, date="2026-01-05")
        )
        cls.own_draft = cls.movisie.section.add_child(
            instance=NewsPage(title="Concept van Movisie", slug="concept", live=False, date="2026-01-05")
        )
        cls.other_image = Image.objects.create(
            title="Foto van Platform31", file=get_test_image_file(), collection=cls.platform.collection
        )
        cls.editors_image = Image.objects.create(
            title="Foto van de redactie",
            file=get_test_image_file(),
            collection=Collection.get_first_root_node(),
        )

    def bulk_url(self, action, *ids, model="wagtailcore/page", **extra):
        query = urlencode([*(("id", pk) for pk in ids), *extra.items()])
        return f"/admin/bulk/{model}/{action}/?{query}"

    def test_a_partner_never_sees_the_title_of_another_partners_page_on_a_confirmation(self):
        self.client.force_login(self.partner_user)

        for action in ("delete", "publish", "unpublish", "move"):
            with self.subTest(action=action):
                response = self.client.get(self.bulk_url(action, self.own_draft.pk, self.other_draft.pk))
                self.assertRefused(response)
                self.assertNotIn(OTHER_DRAFT.encode(), response.content)

    def test_a_partners_post_naming_another_partners_page_is_refused_and_changes_nothing(self):
        self.client.force_login(self.partner_user)

        response = self.client.post(self.bulk_url("delete", self.other_draft.pk), {"include_descendants": ""})

        self.assertRefused(response)
        self.assertTrue(Page.objects.filter(pk=self.other_draft.pk).exists())

    def test_a_partner_gets_the_confirmation_for_its_own_pages(self):
        self.client.force_login(self.partner_user)

        response = self.client.get(self.bulk_url("publish", self.own_draft.pk))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.own_draft.title)

    def test_select_all_is_allowed_in_the_partners_own_section_only(self):
        self.client.force_login(self.partner_user)

        own = self.client.get(self.bulk_url("publish", "all", childOf=self.movisie.section.pk))
        others = self.client.get(self.bulk_url("publish", "all", childOf=self.platform.section.pk))
        everything = self.client.get(self.bulk_url("publish", "all"))

        self.assertContains(own, self.own_draft.title)
        for response in (others, everything):
            self.assertRefused(response)
            self.assertNotIn(OTHER_DRAFT.encode(), response.content)

    def test_a_partner_never_sees_the_title_of_another_collections_image(self):
        self.client.force_login(self.partner_user)

        for image in (self.other_image, self.editors_image):
            with self.subTest(image=image.title):
                response = self.client.get(self.bulk_url("delete", image.pk, model="wagtailimages/image"))
                self.assertRefused(response)
                self.assertNotIn(image.title.encode(), response.content)

    def test_an_editor_still_gets_every_confirmation(self):
        self.client.force_login(self.editor)

        response = self.client.get(self.bulk_url("delete", self.other_draft.pk))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, OTHER_DRAFT)
