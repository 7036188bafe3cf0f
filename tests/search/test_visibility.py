"""Search never shows a draft, an unpublished or a private page, also right after the change."""

from django.test import TestCase
from wagtail.models import PageViewRestriction

from tests.factories.home import dutch_home
from tests.search.helpers import result_titles, standard_page


class SearchVisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        cls.public = standard_page(home, "Openbaar dorpshuis", body="Over het buurtfeest.")
        cls.page = standard_page(home, "Verborgen dorpshuis", body="Over het buurtfeest.")

    def titles(self):
        return result_titles(self.client, "/zoeken/", "buurtfeest")

    def test_both_pages_are_found_while_public(self):
        self.assertCountEqual(self.titles(), ["Openbaar dorpshuis", "Verborgen dorpshuis"])

    def test_a_page_is_gone_right_after_unpublishing(self):
        self.titles()  # warm any cache first
        self.page.unpublish()

        self.assertEqual(self.titles(), ["Openbaar dorpshuis"])

    def test_a_draft_is_never_found(self):
        draft = standard_page(dutch_home(), "Concept dorpshuis", body="Over het buurtfeest.", live=False)
        draft.save_revision()

        self.assertNotIn("Concept dorpshuis", self.titles())

    def test_a_page_is_gone_right_after_a_view_restriction(self):
        self.titles()
        PageViewRestriction.objects.create(
            page=self.page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )

        self.assertEqual(self.titles(), ["Openbaar dorpshuis"])

    def test_a_page_below_a_private_page_is_not_found(self):
        child = standard_page(self.public, "Kind dorpshuis", body="Over het buurtfeest.")
        PageViewRestriction.objects.create(page=self.public, restriction_type=PageViewRestriction.LOGIN)

        titles = self.titles()
        self.assertNotIn(child.title, titles)
        self.assertNotIn("Openbaar dorpshuis", titles)

    def test_unpublished_draft_changes_do_not_leak_through_highlights(self):
        self.page.body = [("paragraph", "<p>Geheim conceptwoord buurtfeest.</p>")]
        self.page.save_revision()  # a draft revision, not published

        response = self.client.get("/zoeken/", {"q": "conceptwoord"})
        self.assertNotContains(response, "conceptwoord</mark>")
