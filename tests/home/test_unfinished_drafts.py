"""An editor finds the pages they started and never published, and throws one away.

Wagtail's editor saves a new page by itself; a form the editor walked away from leaves a draft
behind that keeps its slug. The dashboard lists the editor's own never-published pages under
*Uw onafgemaakte concepten*, with a link to Wagtail's delete view.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from home.models import StandardPage
from tests.factories.home import StandardPageFactory, dutch_home
from tests.utils import soup


def editor(username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name="Redacteuren"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    return user


def draft(title, owner, **extra):
    """A page as autosave leaves it: created, saved as a revision, never published."""
    page = StandardPageFactory.build(title=title, live=False, owner=owner, **extra)
    dutch_home().add_child(instance=page)
    page.save_revision(user=owner)
    return page


class UnfinishedDraftsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = editor("redacteur")
        cls.colleague = editor("collega")
        cls.abandoned = draft("Bewonersavond in Lochem", cls.editor, slug="bewonersavond-in-lochem")
        cls.colleagues_draft = draft("Concept van een collega", cls.colleague, slug="concept-van-een-collega")
        cls.published = StandardPageFactory(parent=dutch_home(), title="Al gepubliceerd", owner=cls.editor)

    def dashboard_panel(self):
        page = soup(self.client.get(reverse("wagtailadmin_home")))
        heading = page.find("h2", string="Uw onafgemaakte concepten")
        return heading.find_parent("section") if heading else None

    def test_the_dashboard_lists_only_the_editors_own_never_published_pages(self):
        self.client.force_login(self.editor)
        panel = self.dashboard_panel()
        self.assertIsNotNone(panel, "the editor sees the panel")
        rows = [row.find("td").get_text(strip=True) for row in panel.select("tbody tr")]
        self.assertEqual(rows, ["Bewonersavond in Lochem"])
        links = {link.get_text(" ", strip=True): link["href"] for link in panel.select("tbody a.button")}
        self.assertEqual(
            links["Verwijderen : Bewonersavond in Lochem"],
            reverse("wagtailadmin_pages:delete", args=[self.abandoned.pk]) + "?next=/admin/",
        )

    def test_an_editor_without_drafts_sees_no_panel(self):
        self.client.force_login(editor("nieuw"))
        self.assertIsNone(self.dashboard_panel())

    def test_the_editor_deletes_the_draft_and_can_start_the_same_page_again(self):
        self.client.force_login(self.editor)
        delete_url = reverse("wagtailadmin_pages:delete", args=[self.abandoned.pk])
        self.assertContains(self.client.get(delete_url), "Bewonersavond in Lochem")

        response = self.client.post(delete_url, {"next": reverse("wagtailadmin_home")})

        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertFalse(StandardPage.objects.filter(pk=self.abandoned.pk).exists())
        self.assertIsNone(self.dashboard_panel())
        again = StandardPageFactory.build(title="Bewonersavond in Lochem", slug="bewonersavond-in-lochem")
        dutch_home().add_child(instance=again)  # the slug is free again
        self.assertEqual(again.slug, "bewonersavond-in-lochem")

    def test_starting_the_same_page_again_points_at_the_draft_and_the_tab(self):
        self.client.force_login(self.editor)
        add_url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", dutch_home().pk])
        form = nested_form_data(
            {
                "title": "Bewonersavond in Lochem",
                "slug": "",
                "introduction": "Een avond voor bewoners.",
                "body": streamfield([("paragraph", rich_text("<p>Welkom.</p>"))]),
            }
        )

        response = self.client.post(add_url, form)

        self.assertEqual(response.status_code, 200, "the form comes back")
        self.assertEqual(StandardPage.objects.filter(title="Bewonersavond in Lochem").count(), 1)
        warning = soup(response).find(string=lambda text: text and "U begon deze pagina al eerder" in text)
        self.assertIsNotNone(warning, "the editor is told why")
        message = warning.find_parent("li")
        self.assertIn("tabblad Eigenschappen", message.get_text())
        links = {link.get_text(strip=True): link["href"] for link in message.find_all("a")}
        self.assertEqual(
            links,
            {
                "Ga verder met dat concept": reverse("wagtailadmin_pages:edit", args=[self.abandoned.pk]),
                "verwijder het": reverse("wagtailadmin_pages:delete", args=[self.abandoned.pk]),
            },
        )

    def test_a_colleagues_draft_is_not_offered(self):
        self.client.force_login(self.editor)
        add_url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", dutch_home().pk])
        form = nested_form_data(
            {
                "title": "Concept van een collega",
                "introduction": "Iets anders.",
                "body": streamfield([("paragraph", rich_text("<p>Tekst.</p>"))]),
            }
        )
        response = self.client.post(add_url, form)
        self.assertNotIn("U begon deze pagina al eerder", response.content.decode())
