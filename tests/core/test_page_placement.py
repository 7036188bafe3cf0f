"""An editor tries to add a page type where it cannot stand, and is told why and where it can.

Wagtail itself answers "Sorry, you do not have permission to access this area" to an editor who
has every permission; ``core.placement`` says what is wrong instead, in the editor's language.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from django.urls import reverse
from django.utils.translation import gettext, override
from wagtail.users.models import UserProfile

from tests.factories.knowledge import build_site
from tests.utils import soup


def no_access(language="nl"):
    """Wagtail's own refusal, as the admin shows it in ``language``."""
    with override(language):
        return gettext("Sorry, you do not have permission to access this area.")


def editor(username="redacteur", group="Redacteuren", language="nl"):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def add_url(model_name, parent):
    return reverse("wagtailadmin_pages:add", args=["knowledge", model_name, parent.pk])


def messages_in(response):
    return [" ".join(m.get_text(" ").split()) for m in soup(response).select(".messages li")]


class PageTypePlacementTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=())
        cls.editor = editor()

    def test_a_meeting_below_the_home_page_is_refused_with_the_reason_and_the_place_it_belongs(self):
        self.client.force_login(self.editor)

        response = self.client.get(add_url("meetingpage", self.tree.home))

        self.assertRedirects(
            response, reverse("wagtailadmin_explore", args=[self.tree.home.pk]), fetch_redirect_response=False
        )
        page = self.client.get(response["Location"])
        [message] = messages_in(page)
        meeting_index = self.tree.meeting_index
        self.assertIn("kan niet onder", message)
        self.assertIn(f"‘{self.tree.home.title}’", message)
        self.assertIn(f"‘{meeting_index.title}’", message)
        self.assertNotIn(no_access(), page.content.decode())
        # One click to the right place.
        self.assertContains(page, f'href="{add_url("meetingpage", meeting_index)}"')
        self.assertEqual(self.client.get(add_url("meetingpage", meeting_index)).status_code, 200)

    def test_a_second_index_of_the_same_kind_is_refused_because_there_already_is_one(self):
        self.client.force_login(self.editor)

        response = self.client.get(add_url("knowledgeindexpage", self.tree.home), follow=True)

        [message] = messages_in(response)
        self.assertIn("kan maar één pagina van het type", message)
        self.assertNotIn(no_access(), message)

    def test_an_english_speaking_editor_reads_it_in_english_where_translated(self):
        # The message is in the editor's admin language (the .po files give the English).
        english_editor = editor("editor", language="en")
        self.client.force_login(english_editor)

        response = self.client.get(add_url("meetingpage", self.tree.home), follow=True)

        [message] = messages_in(response)
        self.assertNotIn(no_access("en"), message)
        self.assertIn(f"‘{self.tree.meeting_index.title}’", message)

    def test_someone_who_may_not_add_pages_there_still_hears_they_have_no_access(self):
        outsider = get_user_model().objects.create_user("lezer", "lezer@example.org", "x")
        outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
        self.client.force_login(outsider)

        response = self.client.get(add_url("meetingpage", self.tree.home), follow=True)

        [message] = messages_in(response)
        self.assertIn(no_access(), message)
