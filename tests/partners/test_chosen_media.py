"""A page form takes only images, documents and pages its user may choose (``core.admin_forms``).

The choosers offer a partner its own collection, public pages and its own section only, but a
form post can carry any id: as the listing image, in an image, document or page block of a
StreamField, in a link in rich text, as a theme. Each is refused with a message on the field, the
page keeps what it had, and the form shown again does not show the other collection's image,
document or the other partner's draft either. Editors choose from everything, as before.
"""

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection
from wagtail.test.utils.form_data import rich_text, streamfield

from knowledge.models import KnowledgeItemPage, NewsPage, ThemePage
from tests.factories.knowledge import NewsPageFactory

from .test_permissions import PartnerTestCase, item_form, news_form

IMAGE_REFUSED = "Kies een afbeelding uit uw eigen collectie."
DOCUMENT_REFUSED = "Kies een document uit uw eigen collectie."
PAGE_REFUSED = "Deze pagina kunt u niet kiezen. Kies een andere pagina."
OTHER_DRAFT = "Concept van Platform31"


def list_block(values):
    """ListBlock form data, as ``streamfield()`` gives for a StreamField."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def image_block(image):
    return ("image", {"image": image.pk, "alt_text": "", "caption": "", "credit": ""})


def call_to_action(page):
    return (
        "call_to_action",
        {"title": "Lees verder", "text": "", "button_text": "Ga", "page": page.pk, "url": ""},
    )


class ChosenMediaTests(PartnerTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.own_image = Image.objects.create(
            title="Foto van Movisie", file=get_test_image_file(), collection=cls.movisie.collection
        )
        cls.other_image = Image.objects.create(
            title="Foto van Platform31",
            file=get_test_image_file(filename="platform31.png"),
            collection=cls.platform.collection,
        )
        cls.editors_image = Image.objects.create(
            title="Foto van de redactie",
            file=get_test_image_file(),
            collection=Collection.get_first_root_node(),
        )
        cls.own_document = Document.objects.create(
            title="Verslag van Movisie",
            file=ContentFile(b"Wat we deden.", name="movisie.txt"),
            collection=cls.movisie.collection,
        )
        cls.other_document = Document.objects.create(
            title="Verslag van Platform31",
            file=ContentFile(b"Wat zij deden.", name="platform31-verslag.txt"),
            collection=cls.platform.collection,
        )

    def setUp(self):
        self.page = self.write_draft(self.partner_user, self.movisie, "Buurtgesprekken in Ede")

    def save(self, user, page=None, **fields):
        page = page or self.page
        self.client.force_login(user)
        return self.client.post(
            self.edit_url(page), news_form(page.title, page.organisation, slug=page.slug, **fields)
        )

    def latest(self, page=None):
        page = page or self.page
        page.refresh_from_db()
        return page.get_latest_revision_as_object()

    def assertRefused(self, response, message, *hidden):
        """The form comes back with ``message``, and shows none of ``hidden`` (titles, file names)."""
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, message)
        for text in hidden:
            self.assertNotContains(response, text)

    def test_another_collections_image_as_listing_image_is_refused(self):
        response = self.save(self.partner_user, listing_image=self.other_image.pk)

        self.assertRefused(response, IMAGE_REFUSED, self.other_image.title, "platform31.png")
        self.assertIsNone(self.latest().listing_image)

    def test_the_editors_image_as_listing_image_is_refused_for_a_partner(self):
        response = self.save(self.partner_user, listing_image=self.editors_image.pk)

        self.assertRefused(response, IMAGE_REFUSED, self.editors_image.title)

    def test_the_partners_own_image_is_accepted(self):
        response = self.save(self.partner_user, listing_image=self.own_image.pk)

        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.latest().listing_image, self.own_image)

    def test_an_editor_chooses_an_image_from_any_collection(self):
        article = NewsPageFactory(parent=self.site.news_index, title="Nieuws van het programma")

        for image in (self.other_image, self.editors_image):
            with self.subTest(image=image.title):
                response = self.save(self.editor, article, listing_image=image.pk)
                self.assertEqual(response.status_code, 302)
                self.assertEqual(self.latest(article).listing_image, image)

    def test_an_image_the_page_already_had_stays_when_the_partner_saves_again(self):
        # An editor gave the partner's draft an image from the main collection while reviewing.
        page = self.latest()
        page.listing_image = self.editors_image
        page.save_revision(user=self.editor)

        response = self.save(self.partner_user, listing_image=self.editors_image.pk)

        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.latest().listing_image, self.editors_image)

    def test_another_collections_image_in_an_image_block_is_refused(self):
        body = streamfield([image_block(self.own_image), image_block(self.other_image)])

        response = self.save(self.partner_user, body=body)

        self.assertRefused(response, IMAGE_REFUSED, self.other_image.title, "platform31.png")
        self.assertEqual(len(self.latest().body), 1)  # what the draft had: one paragraph

    def test_the_partners_own_image_in_an_image_block_is_accepted(self):
        response = self.save(self.partner_user, body=streamfield([image_block(self.own_image)]))

        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.latest().body[0].value["image"], self.own_image)

    def test_another_collections_document_in_a_document_list_is_refused(self):
        documents = {"title": "", "documents": list_block([self.own_document.pk, self.other_document.pk])}

        response = self.save(self.partner_user, body=streamfield([("documents", documents)]))

        self.assertRefused(response, DOCUMENT_REFUSED, self.other_document.title, "platform31-verslag")

    def test_another_collections_document_in_a_knowledge_items_documents_is_refused(self):
        self.client.force_login(self.partner_user)
        theme = self.site.themes["eenzaamheid"]
        data = item_form(
            "Buurtcirkel",
            self.movisie.organisation,
            theme,
            documents=streamfield([("document", self.other_document.pk)]),
        )

        response = self.client.post(self.add_url(self.movisie.section, "knowledgeitempage"), data)

        self.assertRefused(response, DOCUMENT_REFUSED, self.other_document.title)
        self.assertFalse(KnowledgeItemPage.objects.filter(title="Buurtcirkel").exists())

    def test_a_link_to_another_collections_document_in_rich_text_is_refused_and_keeps_its_text(self):
        link = f'<p>Lees het <a linktype="document" id="{self.other_document.pk}">verslag</a>.</p>'

        response = self.save(self.partner_user, body=streamfield([("paragraph", rich_text(link))]))

        self.assertRefused(response, DOCUMENT_REFUSED, "platform31-verslag", self.other_document.url)
        self.assertContains(response, "verslag")

    def test_a_link_to_the_partners_own_document_in_rich_text_is_accepted(self):
        link = f'<p>Lees het <a linktype="document" id="{self.own_document.pk}">verslag</a>.</p>'

        response = self.save(self.partner_user, body=streamfield([("paragraph", rich_text(link))]))

        self.assertEqual(response.status_code, 302)
        self.assertIn(f'id="{self.own_document.pk}"', self.latest().body[0].value.source)


class ChosenPageTests(PartnerTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other_draft = cls.platform.section.add_child(
            instance=NewsPage(title=OTHER_DRAFT, slug="geheim-concept", live=False, date="2026-01-05")
        )
        cls.public = NewsPageFactory(parent=cls.site.news_index, title="Nieuws van het programma")
        cls.draft_theme = cls.site.theme_index.add_child(
            instance=ThemePage(title="Nieuw thema in voorbereiding", slug="nieuw-thema", live=False)
        )

    def setUp(self):
        self.page = self.write_draft(self.partner_user, self.movisie, "Buurtgesprekken in Ede")

    def save(self, user, page=None, themes=(), **fields):
        page = page or self.page
        self.client.force_login(user)
        data = news_form(page.title, page.organisation, slug=page.slug, **fields)
        data["themes"] = [theme.pk for theme in themes]
        return self.client.post(self.edit_url(page), data)

    def latest(self, page=None):
        page = page or self.page
        page.refresh_from_db()
        return page.get_latest_revision_as_object()

    def test_another_partners_draft_in_a_page_block_is_refused(self):
        response = self.save(self.partner_user, body=streamfield([call_to_action(self.other_draft)]))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, PAGE_REFUSED)
        self.assertNotContains(response, OTHER_DRAFT)
        self.assertNotContains(response, "geheim-concept")

    def test_a_public_page_in_a_page_block_is_accepted(self):
        response = self.save(self.partner_user, body=streamfield([call_to_action(self.public)]))

        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.latest().body[0].value["page"].pk, self.public.pk)

    def test_an_editor_links_to_any_page(self):
        article = NewsPageFactory(parent=self.site.news_index, title="Programmanieuws")

        response = self.save(self.editor, article, body=streamfield([call_to_action(self.other_draft)]))

        self.assertEqual(response.status_code, 302)

    def test_a_link_to_another_partners_draft_in_rich_text_is_refused(self):
        link = f'<p>Zie <a linktype="page" id="{self.other_draft.pk}">hun stuk</a>.</p>'

        response = self.save(self.partner_user, body=streamfield([("paragraph", rich_text(link))]))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, PAGE_REFUSED)
        self.assertNotContains(response, "geheim-concept")

    def test_a_partner_is_not_offered_an_unpublished_theme_and_cannot_post_it(self):
        self.client.force_login(self.partner_user)
        self.assertNotContains(self.client.get(self.edit_url(self.page)), self.draft_theme.title)

        response = self.save(self.partner_user, themes=[self.draft_theme])

        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, self.draft_theme.title)
        self.assertEqual(list(self.latest().themes.all()), [])
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(self.edit_url(self.page)), self.draft_theme.title)

    def test_a_refused_page_choice_is_shown_again_as_the_page_had_it(self):
        # A page field with a chooser (none of the partner's page types has one yet) would show
        # the title of whatever page id it was sent: the form shows what the page had instead.
        form_class = NewsPage.get_edit_handler().get_form_class()
        data = news_form(self.page.title, self.movisie.organisation, slug=self.page.slug)
        data["themes"] = [self.draft_theme.pk]
        form = form_class(
            data, instance=self.latest(), parent_page=self.movisie.section, for_user=self.partner_user
        )

        self.assertFalse(form.is_valid())
        self.assertIn("themes", form.errors)
        self.assertNotIn(self.draft_theme.pk, [int(pk) for pk in form["themes"].value()])

    def test_a_partner_keeps_the_published_themes(self):
        theme = self.site.themes["eenzaamheid"]

        response = self.save(self.partner_user, themes=[theme])

        self.assertEqual(response.status_code, 302)
        self.assertEqual(list(self.latest().themes.all()), [theme])
