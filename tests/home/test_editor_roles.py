"""Team Leefbaarheid's two roles, as migration ``home/0004_editor_roles`` makes them for every site.

*Redacteuren* write, review and publish pages in both languages; *Hoofdredactie* also manages the
site settings and the footer (team name, contact details, links), organisations, municipalities,
users and workflows, and the personal data of subscribers. A colleague reviews a page in the
Dutch-named workflow when an editor asks for it.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Site, Workflow
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from home.models import StandardPage
from tests.factories.home import StandardPageFactory, dutch_home, site_footer, site_settings
from tests.factories.pilot_interest import PilotInterestFactory
from tests.factories.translation import translate

EDITORS = "Redacteuren"
CHIEF_EDITORS = "Hoofdredactie"


PILOT_INTEREST = "/admin/belangstelling-pilots/"


def account(username, group_name):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "geheim-wachtwoord")
    user.groups.add(Group.objects.get(name=group_name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    return user


def page_form(title, **extra):
    return nested_form_data(
        {
            "title": title,
            "introduction": "Wat het programma doet.",
            "body": streamfield([("paragraph", rich_text("<p>Iedereen hoort ergens bij.</p>"))]),
            **extra,
        }
    )


class RolesTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = dutch_home()
        cls.english_home = translate(cls.home)
        cls.site = Site.objects.get(is_default_site=True)
        site_settings(cls.site)
        cls.editor = account("redacteur", EDITORS)
        cls.colleague = account("collega", EDITORS)
        cls.chief = account("hoofdredacteur", CHIEF_EDITORS)

    def admin_get(self, user, url):
        self.client.force_login(user)
        return self.client.get(url)


class EditorTests(RolesTestCase):
    def test_an_editor_publishes_a_new_page_and_visitors_see_it(self):
        self.client.force_login(self.editor)

        self.assertCanCreate(self.home, StandardPage, page_form("Over het programma"))

        page = StandardPage.objects.get(slug="over-het-programma")
        self.assertTrue(page.live)
        self.client.logout()
        self.assertEqual(self.client.get("/over-het-programma/").status_code, 200)

    def test_the_editor_is_offered_publish_and_not_only_a_draft(self):
        page = StandardPageFactory(parent=self.home, title="Contact", slug="contact")

        response = self.admin_get(self.editor, reverse("wagtailadmin_pages:edit", args=[page.pk]))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="action-publish"')

    def test_an_editor_may_publish_in_both_languages_and_lock(self):
        for page in (self.home, self.english_home):
            with self.subTest(language=page.locale.language_code):
                permissions = page.permissions_for_user(self.editor)
                self.assertTrue(permissions.can_publish())
                self.assertTrue(permissions.can_lock())
                self.assertTrue(permissions.can_add_subpage())

    def test_an_editor_uploads_images_and_documents(self):
        for url_name in ("wagtailimages:add", "wagtaildocs:add"):
            with self.subTest(url_name=url_name):
                self.assertEqual(self.admin_get(self.editor, reverse(url_name)).status_code, 200)

    def test_an_editor_cannot_reach_what_only_the_editor_in_chief_manages(self):
        for url in (
            reverse("wagtailsettings:edit", args=["home", "sitesettings", self.site.pk]),
            reverse("wagtailsnippets_home_sitefooter:list"),
            reverse("wagtailsnippets_home_sitefooter:edit", args=[site_footer(self.site).pk]),
            reverse("wagtailsnippets_knowledge_organisation:list"),
            reverse("wagtailusers_users:index"),
            reverse("wagtailadmin_workflows:index"),
            "/admin/kwartaalupdate/abonnees/",
        ):
            with self.subTest(url=url):
                response = self.admin_get(self.editor, url)
                self.assertEqual(response.status_code, 302)
                self.assertEqual(response["Location"], reverse("wagtailadmin_home"))

    def test_an_editor_sees_the_registrations_of_the_meetings_they_run(self):
        self.assertEqual(self.admin_get(self.editor, "/admin/aanmeldingen/").status_code, 200)

    def test_an_editor_follows_up_pilot_interest_but_only_the_editor_in_chief_deletes_it(self):
        submission = PilotInterestFactory()
        edit = f"{PILOT_INTEREST}edit/{submission.pk}/"
        delete = f"{PILOT_INTEREST}delete/{submission.pk}/"

        self.assertIn(submission.contact_name, self.admin_get(self.editor, PILOT_INTEREST).content.decode())
        self.assertEqual(self.admin_get(self.editor, edit).status_code, 200)
        self.assertEqual(self.admin_get(self.editor, delete)["Location"], reverse("wagtailadmin_home"))
        self.assertEqual(self.admin_get(self.chief, delete).status_code, 200)


class EditorInChiefTests(RolesTestCase):
    def test_the_editor_in_chief_reaches_settings_snippets_users_and_workflows(self):
        for url in (
            reverse("wagtailsettings:edit", args=["home", "sitesettings", self.site.pk]),
            reverse("wagtailsnippets_home_sitefooter:list"),
            reverse("wagtailsnippets_home_sitefooter:edit", args=[site_footer(self.site).pk]),
            reverse("wagtailsnippets_knowledge_organisation:list"),
            reverse("wagtailsnippets_knowledge_organisation:add"),
            reverse("wagtailsnippets_knowledge_municipality:list"),
            reverse("wagtailusers_users:index"),
            reverse("wagtailusers_users:add"),
            reverse("wagtailadmin_workflows:index"),
            reverse("wagtailadmin_workflows:task_index"),
            "/admin/kwartaalupdate/abonnees/",
            "/admin/aanmeldingen/",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.admin_get(self.chief, url).status_code, 200)

    def test_the_editor_in_chief_changes_the_phone_number_visitors_see(self):
        footer = site_footer(self.site)
        self.client.force_login(self.chief)
        response = self.client.post(
            reverse("wagtailsnippets_home_sitefooter:edit", args=[footer.pk]),
            nested_form_data(
                {
                    "team_name": "Team Leefbaarheid, Provincie Gelderland",
                    "email": "leefbaarheid@gelderland.nl",
                    "phone": "026 359 88 88",
                    "visiting_address": "Markt 11, 6811 CG Arnhem",
                    "postal_address": "Postbus 9090, 6800 CX Arnhem",
                    "links": inline_formset([]),
                }
            ),
        )

        self.assertEqual(response.status_code, 302)
        footer.refresh_from_db()
        self.assertEqual(footer.phone, "026 359 88 88")
        self.client.logout()
        self.assertContains(self.client.get("/"), 'href="tel:+31263598888"')


class ReviewByAColleagueTests(RolesTestCase):
    def test_the_sites_workflow_and_its_task_have_dutch_names(self):
        workflow = Workflow.objects.get(active=True)

        self.assertEqual(workflow.name, "Controle door de redactie")
        self.assertEqual([task.name for task in workflow.tasks], ["Goedkeuring redactie"])
        page = StandardPageFactory(parent=self.home, title="Contact", slug="contact")
        response = self.admin_get(self.editor, reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(response, "Controle door de redactie")
        self.assertNotContains(response, "Moderators approval")

    def test_an_editor_asks_a_colleague_who_approves_and_the_page_goes_live(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=["home", "standardpage", self.home.pk]),
            page_form("Privacy", slug="privacy", **{"action-submit": "action-submit"}),
        )
        self.assertEqual(response.status_code, 302)
        page = StandardPage.objects.get(slug="privacy")
        self.assertFalse(page.live)
        task_state = page.current_workflow_task_state
        self.assertEqual(task_state.task.name, "Goedkeuring redactie")

        self.client.force_login(self.colleague)
        response = self.client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
            {"comment": "Prima zo."},
        )

        self.assertIn(response.status_code, (200, 302))
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.client.logout()
        self.assertEqual(self.client.get("/privacy/").status_code, 200)


class AdminLoadsNothingFromOutsideTests(RolesTestCase):
    def test_the_admin_shows_no_gravatar_avatars(self):
        for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_explore", args=[self.home.pk])):
            with self.subTest(url=url):
                response = self.admin_get(self.editor, url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "avatar")  # the account menu still shows one
                self.assertNotContains(response, "gravatar.com")

    def test_no_page_of_the_default_roles_is_left_out_of_the_site(self):
        # The roles' page permissions are on the root, so they cover every language's tree.
        root = Page.get_first_root_node()
        for name in (EDITORS, CHIEF_EDITORS):
            with self.subTest(group=name):
                group = Group.objects.get(name=name)
                self.assertEqual(
                    set(group.page_permissions.values_list("page", flat=True)), {root.pk}, "root page only"
                )
