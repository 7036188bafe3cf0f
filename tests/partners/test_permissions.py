"""What a partner's account may and may not do, through the admin's own views.

A partner (``set_up_partner``) writes drafts in its own section, uploads images and documents to
its own collection and submits its pages to "Partnerbijdrage beoordelen"; Team Leefbaarheid's
editors approve (the page goes live) or ask for changes with a comment the partner reads. The
partner never publishes, never sees another partner's drafts or collection, and never reaches
subscribers, registrations, pilot interest, settings, users or reports.
"""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.text import slugify
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from knowledge.models import KnowledgeItemPage, NewsPage
from partners.setup import WORKFLOW_NAME, set_up_partner
from tests.factories.home import StandardPageFactory
from tests.factories.knowledge import NewsPageFactory, build_site

HOME = "wagtailadmin_home"


def account(username, group):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "geheim-wachtwoord")
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    return user


def news_form(title, organisation, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": extra.pop("slug", None) or slugify(title),
            "introduction": "Wat wij leerden in de wijk.",
            "category": NewsPage.Category.PARTNER,
            "date": "2026-11-02",
            "organisation": organisation.pk if organisation else "",
            "author": "Anna de Vries",
            "body": streamfield([("paragraph", rich_text("<p>Samen aan de slag.</p>"))]),
            **extra,
        }
    )


def image_upload():
    return SimpleUploadedFile("foto.png", get_test_image_file().file.getvalue(), content_type="image/png")


def item_form(title, organisation, theme, **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": extra.pop("slug", None) or slugify(title),
            "introduction": "Een aanpak tegen eenzaamheid.",
            "kind": KnowledgeItemPage.Kind.METHOD,
            "goal": "Mensen vinden weer aansluiting.",
            "evidence_level": KnowledgeItemPage.EvidenceLevel.WELL_DESCRIBED,
            "organisation": organisation.pk,
            "body": streamfield([]),
            "documents": streamfield([]),
            **extra,
        }
    )
    data["themes"] = [theme.pk]
    return data


class PartnerTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(theme_slugs=("eenzaamheid",))
        cls.movisie = set_up_partner("Movisie")
        cls.platform = set_up_partner("Platform31")
        cls.partner_user = account("movisie", cls.movisie.group)
        cls.other_partner_user = account("platform31", cls.platform.group)
        cls.editor = account("redacteur", Group.objects.get(name="Redacteuren"))

    def add_url(self, parent, model="newspage", app="knowledge"):
        return reverse("wagtailadmin_pages:add", args=[app, model, parent.pk])

    def edit_url(self, page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

    def write_draft(self, user, partner, title, without_organisation=False, **extra):
        self.client.force_login(user)
        response = self.client.post(
            self.add_url(partner.section),
            news_form(title, None if without_organisation else partner.organisation, **extra),
        )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None) and response.context)
        return NewsPage.objects.get(title=title)

    def submit(self, user, page, **extra):
        self.client.force_login(user)
        data = news_form(page.title, page.organisation, slug=page.slug, **{"action-submit": "submit"})
        response = self.client.post(self.edit_url(page), data)
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        return page

    def workflow_action(self, user, page, action, comment):
        task_state = page.current_workflow_task_state
        self.client.force_login(user)
        return self.client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]),
            {"comment": comment},
        )

    def assertRefused(self, response):
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], reverse(HOME))


class PartnerCanTests(PartnerTestCase):
    def test_a_partner_writes_a_draft_in_its_own_section_and_edits_it(self):
        page = self.write_draft(self.partner_user, self.movisie, "Buurtgesprekken in Ede")

        self.assertFalse(page.live)
        self.assertEqual(page.get_parent().pk, self.movisie.section.pk)
        self.assertEqual(page.owner, self.partner_user)
        response = self.client.post(
            self.edit_url(page),
            news_form("Buurtgesprekken in Ede en Wageningen", self.movisie.organisation, slug=page.slug),
        )
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        self.assertEqual(page.get_latest_revision_as_object().title, "Buurtgesprekken in Ede en Wageningen")
        self.assertFalse(page.live)

    def test_a_partner_adds_a_knowledge_item_in_its_own_section(self):
        self.client.force_login(self.partner_user)
        theme = self.site.themes["eenzaamheid"]

        response = self.client.post(
            self.add_url(self.movisie.section, "knowledgeitempage"),
            item_form("Buurtcirkel", self.movisie.organisation, theme),
        )

        self.assertEqual(
            response.status_code, 302, response.status_code == 200 and response.context["form"].errors
        )
        item = KnowledgeItemPage.objects.get(title="Buurtcirkel")
        self.assertFalse(item.live)
        self.assertEqual(item.get_parent().pk, self.movisie.section.pk)

    def test_a_partner_uploads_an_image_and_a_document_to_its_own_collection(self):
        self.client.force_login(self.partner_user)

        response = self.client.post(
            reverse("wagtailimages:add"),
            {"title": "Buurtfeest", "file": image_upload(), "collection": self.movisie.collection.pk},
        )
        self.assertEqual(
            response.status_code, 302, response.status_code == 200 and response.context["form"].errors
        )
        self.assertEqual(Image.objects.get(title="Buurtfeest").collection, self.movisie.collection)

        response = self.client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Verslag",
                "file": SimpleUploadedFile("verslag.txt", b"Wat we deden."),
                "collection": self.movisie.collection.pk,
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Document.objects.get(title="Verslag").collection, self.movisie.collection)

    def test_a_partner_submits_for_moderation_and_sees_the_status(self):
        page = self.write_draft(self.partner_user, self.movisie, "Eenzaamheid in Doetinchem")

        page = self.submit(self.partner_user, page)

        self.assertFalse(page.live)
        task_state = page.current_workflow_task_state
        self.assertEqual(task_state.workflow_state.workflow.name, WORKFLOW_NAME)
        response = self.client.get(self.edit_url(page))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, WORKFLOW_NAME)
        self.assertContains(response, task_state.task.name)


class PartnerCannotTests(PartnerTestCase):
    def test_a_partner_is_not_offered_publish_and_a_publish_request_leaves_a_draft(self):
        page = self.write_draft(self.partner_user, self.movisie, "Wijkteams in Arnhem")

        response = self.client.get(self.edit_url(page))
        self.assertNotContains(response, 'name="action-publish"')
        self.client.post(
            self.edit_url(page),
            news_form(page.title, self.movisie.organisation, slug=page.slug, **{"action-publish": "publish"}),
        )

        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertFalse(page.permissions_for_user(self.partner_user).can_publish())
        self.client.logout()
        self.assertEqual(self.client.get(page.url_path.removeprefix("/home")).status_code, 404)

    def test_a_partner_cannot_publish_a_new_page_directly(self):
        self.client.force_login(self.partner_user)

        self.client.post(
            self.add_url(self.movisie.section),
            news_form("Meteen live", self.movisie.organisation, **{"action-publish": "publish"}),
        )

        self.assertFalse(NewsPage.objects.filter(title="Meteen live", live=True).exists())

    def test_a_partner_cannot_add_pages_anywhere_else(self):
        standard = StandardPageFactory(parent=self.site.home, title="Over ons", slug="over-ons")
        self.client.force_login(self.partner_user)

        for parent, model in (
            (self.platform.section, "newspage"),
            (self.site.news_index, "newspage"),
            (self.site.knowledge_index, "knowledgeitempage"),
        ):
            with self.subTest(parent=parent.title):
                self.assertRefused(self.client.get(self.add_url(parent, model)))
                self.assertRefused(
                    self.client.post(
                        self.add_url(parent, model), news_form("Ergens anders", self.movisie.organisation)
                    )
                )
        self.assertRefused(self.client.get(self.add_url(standard, "standardpage", "home")))
        self.assertFalse(Page.objects.filter(title="Ergens anders").exists())

    def test_a_partner_cannot_edit_or_see_another_partners_draft(self):
        draft = self.write_draft(self.other_partner_user, self.platform, "Concept van Platform31")
        self.client.force_login(self.partner_user)

        for url in (
            self.edit_url(draft),
            reverse("wagtailadmin_pages:view_draft", args=[draft.pk]),
            reverse("wagtailadmin_pages:history", args=[draft.pk]),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn(b"Concept van Platform31", response.content)
        self.assertRefused(
            self.client.post(
                self.edit_url(draft), news_form("Overgenomen", self.platform.organisation, slug=draft.slug)
            )
        )
        draft.refresh_from_db()
        self.assertEqual(draft.get_latest_revision_as_object().title, "Concept van Platform31")

    def test_a_partner_does_not_find_another_partners_draft_in_the_explorer_or_search(self):
        self.write_draft(self.other_partner_user, self.platform, "Concept van Platform31")
        self.client.logout()
        self.client.force_login(self.partner_user)

        explorer = self.client.get(reverse("wagtailadmin_explore", args=[self.platform.section.pk]))
        search = self.client.get(reverse("wagtailadmin_pages:search"), {"q": "Platform31"})

        self.assertNotIn(b"Concept van Platform31", explorer.content)
        self.assertEqual(search.status_code, 200)
        self.assertNotContains(search, "Concept van Platform31")

    def test_rich_text_from_a_partner_keeps_no_embed_and_no_raw_html(self):
        page = self.write_draft(self.partner_user, self.movisie, "Veilige tekst")
        contentstate = json.dumps(
            {
                "blocks": [
                    {
                        "key": "a",
                        "type": "unstyled",
                        "text": "<script>alert(1)</script> Kijk",
                        "depth": 0,
                        "inlineStyleRanges": [{"offset": 0, "length": 5, "style": "CODE"}],
                        "entityRanges": [],
                    },
                    {
                        "key": "b",
                        "type": "atomic",
                        "text": " ",
                        "depth": 0,
                        "inlineStyleRanges": [],
                        "entityRanges": [{"offset": 0, "length": 1, "key": 0}],
                    },
                ],
                "entityMap": {
                    "0": {
                        "type": "EMBED",
                        "mutability": "IMMUTABLE",
                        "data": {"url": "https://www.youtube.com/watch?v=x", "embedType": "video"},
                    }
                },
            }
        )
        data = news_form(page.title, self.movisie.organisation, slug=page.slug)
        data.update(
            {
                "body-count": "1",
                "body-0-type": "paragraph",
                "body-0-deleted": "",
                "body-0-order": "0",
                "body-0-value": contentstate,
            }
        )

        response = self.client.post(self.edit_url(page), data)

        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        html = str(page.get_latest_revision_as_object().body[0].value.source)
        self.assertIn("&lt;script&gt;", html)
        self.assertNotIn("<script", html)
        self.assertNotIn("<embed", html)
        self.assertNotIn("<code", html)

    def test_a_partner_cannot_edit_the_editors_pages(self):
        article = NewsPageFactory(parent=self.site.news_index, title="Nieuws van het programma")
        self.client.force_login(self.partner_user)

        self.assertRefused(self.client.get(self.edit_url(article)))

    def test_a_partner_cannot_reach_what_the_editors_manage(self):
        self.client.force_login(self.partner_user)

        for url in (
            "/admin/kwartaalupdate/abonnees/",
            "/admin/aanmeldingen/",
            "/admin/belangstelling-pilots/",
            reverse("wagtailsettings:edit", args=["home", "sitesettings", self.site.home.get_site().pk]),
            reverse("wagtailusers_users:index"),
            reverse("wagtailusers_groups:index"),
            reverse("wagtailadmin_workflows:index"),
            reverse("wagtailadmin_collections:index"),
            reverse("wagtailsnippets_knowledge_organisation:list"),
            reverse("partners_index"),
        ):
            with self.subTest(url=url):
                self.assertRefused(self.client.get(url))

    def test_a_partner_gets_no_reports(self):
        # Wagtail's site history would list another partner's drafts: partners get no reports.
        self.submit(
            self.other_partner_user,
            self.write_draft(self.other_partner_user, self.platform, "Concept van Platform31"),
        )
        self.client.logout()  # and with it the other partner's messages in the session
        self.client.force_login(self.partner_user)

        for url in (
            *(
                reverse(f"wagtailadmin_reports:{name}")
                for name in (
                    "site_history",
                    "workflow",
                    "workflow_tasks",
                    "aging_pages",
                    "locked_pages",
                    "page_types_usage",
                )
            ),
            reverse("wagtail_localize:translations_report"),
        ):
            with self.subTest(url=url):
                self.assertRefused(self.client.get(url))
        home = self.client.get(reverse(HOME))
        self.assertNotContains(home, "/admin/reports/")
        self.assertNotContains(home, "Concept van Platform31")

    def test_editors_still_get_the_reports(self):
        self.client.force_login(self.editor)

        self.assertEqual(self.client.get(reverse("wagtailadmin_reports:site_history")).status_code, 200)

    def test_a_partner_sees_only_its_own_collections_images(self):
        root = Collection.get_first_root_node()
        editors_image = Image.objects.create(
            title="Foto van de redactie", file=get_test_image_file(), collection=root
        )
        others_image = Image.objects.create(
            title="Foto van Platform31", file=get_test_image_file(), collection=self.platform.collection
        )
        own_image = Image.objects.create(
            title="Foto van Movisie",
            file=get_test_image_file(),
            collection=self.movisie.collection,
            uploaded_by_user=self.partner_user,
        )
        self.client.force_login(self.partner_user)

        listing = self.client.get(reverse("wagtailimages:index"))
        chooser = self.client.get(reverse("wagtailimages_chooser:choose"))

        for response in (listing, chooser):
            self.assertContains(response, own_image.title)
            self.assertNotContains(response, editors_image.title)
            self.assertNotContains(response, others_image.title)
        for image in (editors_image, others_image):
            self.assertRefused(self.client.get(reverse("wagtailimages:edit", args=[image.pk])))

    def test_a_partner_cannot_upload_into_another_collection(self):
        self.client.force_login(self.partner_user)

        response = self.client.post(
            reverse("wagtailimages:add"),
            {"title": "Verkeerde map", "file": image_upload(), "collection": self.platform.collection.pk},
        )

        # The partner has one collection: the form offers no choice and files it there.
        self.assertIn(response.status_code, (200, 302))
        self.assertFalse(Image.objects.filter(collection=self.platform.collection).exists())


class ModerationTests(PartnerTestCase):
    def test_an_editor_approves_with_a_comment_and_the_article_goes_live_with_the_partners_name(self):
        page = self.submit(
            self.partner_user, self.write_draft(self.partner_user, self.movisie, "Dorpshuis Lochem")
        )

        response = self.workflow_action(self.editor, page, "approve", "Mooi stuk, dank u.")

        self.assertIn(response.status_code, (200, 302))
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.client.logout()
        for url in (
            "/nieuws/movisie/dorpshuis-lochem/",
            "/nieuws/movisie/",
            "/nieuws/",
            "/nieuws/?categorie=partner",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, "Dorpshuis Lochem")
        article = self.client.get("/nieuws/movisie/dorpshuis-lochem/")
        self.assertContains(article, "<dd>Movisie</dd>", html=False)
        self.assertNotContains(self.client.get("/nieuws/?categorie=programme"), "Dorpshuis Lochem")
        self.assertContains(self.client.get("/nieuws/rss/"), "Dorpshuis Lochem")

    def test_an_approved_article_is_a_partner_article_by_the_partner_without_choosing_it(self):
        # The form offers only "Artikel van een partner" (test_partner_side.CategoryTests); the
        # organisation is filled in on save when the partner left it empty.
        user = self.partner_user
        page = self.submit(
            user, self.write_draft(user, self.movisie, "Wijkgesprek", without_organisation=True)
        )

        self.workflow_action(self.editor, page, "approve", "Akkoord.")

        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(page.category, NewsPage.Category.PARTNER)
        self.assertEqual(page.organisation, self.movisie.organisation)
        self.client.logout()
        self.assertContains(self.client.get("/nieuws/?categorie=partner"), "Wijkgesprek")

    def test_an_approved_article_shows_the_partners_logo(self):
        organisation = self.movisie.organisation
        organisation.logo = Image.objects.create(title="Logo Movisie", file=get_test_image_file())
        organisation.save()
        page = self.submit(self.partner_user, self.write_draft(self.partner_user, self.movisie, "Met logo"))
        self.workflow_action(self.editor, page, "approve", "Akkoord.")
        self.client.logout()

        response = self.client.get("/nieuws/movisie/met-logo/")

        self.assertContains(response, 'class="byline__logo"')
        # A <picture>: the WebP source and the PNG fallback of the logo (core.renditions.LOGO_PICTURE).
        self.assertContains(response, organisation.logo.get_rendition("max-160x80|format-webp").url)
        self.assertContains(response, organisation.logo.get_rendition("max-160x80|format-png").url)

    def test_a_rejection_with_a_comment_leaves_a_draft_and_the_partner_reads_the_comment(self):
        page = self.submit(
            self.partner_user, self.write_draft(self.partner_user, self.movisie, "Schuldhulp Zutphen")
        )

        mail.outbox.clear()
        response = self.workflow_action(self.editor, page, "reject", "Graag een bron bij de cijfers.")

        self.assertIn(response.status_code, (200, 302))
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.client.force_login(self.partner_user)
        response = self.client.get(reverse("wagtailadmin_pages:workflow_history", args=[page.pk]))
        self.assertEqual(response.status_code, 200)
        state = page.workflow_states.get()
        detail = self.client.get(
            reverse("wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk])
        )
        self.assertContains(detail, "Graag een bron bij de cijfers.")
        # Wagtail's own notification tells the partner.
        self.assertIn([self.partner_user.email], [message.to for message in mail.outbox])

    def test_the_partner_cannot_approve_its_own_page(self):
        page = self.submit(
            self.partner_user, self.write_draft(self.partner_user, self.movisie, "Zelf goedgekeurd")
        )

        self.workflow_action(self.partner_user, page, "approve", "Prima")

        page.refresh_from_db()
        self.assertFalse(page.live)

    def test_an_approved_knowledge_item_appears_in_the_kennisbank_its_filters_and_the_theme(self):
        theme = self.site.themes["eenzaamheid"]
        self.client.force_login(self.partner_user)
        self.client.post(
            self.add_url(self.movisie.section, "knowledgeitempage"),
            item_form("Buurtcirkel", self.movisie.organisation, theme, **{"action-submit": "submit"}),
        )
        item = KnowledgeItemPage.objects.get(title="Buurtcirkel")
        self.assertFalse(item.live)
        self.client.logout()
        self.assertNotContains(self.client.get("/kennisbank/"), "Buurtcirkel")

        self.workflow_action(self.editor, item, "approve", "Goed beschreven.")

        self.client.logout()
        for url in (
            "/kennisbank/",
            "/kennisbank/?soort=method",
            "/kennisbank/?thema=eenzaamheid",
            f"/kennisbank/?organisatie={self.movisie.organisation.slug}",
            "/kennisbank/?bewijs=well_described",
            "/themas/eenzaamheid/",
        ):
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), "Buurtcirkel")
        self.assertNotContains(self.client.get("/kennisbank/?soort=tool"), "Buurtcirkel")
