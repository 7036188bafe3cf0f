"""Setting up a partner: ``manage.py create_partner`` and the admin's *Partners* screen.

One call makes the organisation, its section below the news, its collection, its group and the
moderation workflow on the section; a second call finds them and changes nothing.
"""

from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Collection, GroupPagePermission, Workflow, WorkflowPage

from knowledge.models import Organisation
from partners.models import Partner, PartnerSectionPage
from partners.setup import WORKFLOW_NAME, set_up_partner
from tests.factories.knowledge import OrganisationFactory, build_site


def snapshot():
    return {
        "organisations": Organisation.objects.count(),
        "sections": PartnerSectionPage.objects.count(),
        "collections": Collection.objects.count(),
        "groups": Group.objects.count(),
        "page permissions": GroupPagePermission.objects.count(),
        "workflows": Workflow.objects.count(),
        "assignments": WorkflowPage.objects.count(),
        "partners": Partner.objects.count(),
    }


class SetUpPartnerTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(theme_slugs=())

    def test_one_call_makes_everything_a_partner_needs(self):
        partner = set_up_partner("Movisie")

        self.assertEqual(partner.organisation.name, "Movisie")
        self.assertEqual(partner.section.get_parent().pk, self.site.news_index.pk)
        self.assertEqual(partner.section.url_path, "/home/nieuws/movisie/")
        self.assertTrue(partner.section.live)
        self.assertEqual(partner.section.specific.organisation, partner.organisation)
        self.assertEqual(partner.group.name, "Partner: Movisie")
        self.assertEqual(partner.collection.name, "Movisie")
        self.assertEqual(partner.collection.get_parent(), Collection.get_first_root_node())
        codenames = set(
            GroupPagePermission.objects.filter(group=partner.group).values_list(
                "page_id", "permission__codename"
            )
        )
        self.assertEqual(codenames, {(partner.section.pk, "add_page"), (partner.section.pk, "change_page")})
        workflow = partner.section.get_workflow()
        self.assertEqual(workflow.name, WORKFLOW_NAME)
        [task] = workflow.tasks
        self.assertEqual(
            set(task.specific.groups.values_list("name", flat=True)), {"Redacteuren", "Hoofdredactie"}
        )
        # The rest of the site keeps its own workflow.
        self.assertEqual(self.site.news_index.get_workflow().name, "Controle door de redactie")

    def test_running_it_again_changes_nothing(self):
        first = set_up_partner("Movisie")
        before = snapshot()

        again = set_up_partner("Movisie")

        self.assertEqual(snapshot(), before)
        self.assertEqual(
            (again.pk, again.section_id, again.group_id, again.collection_id),
            (first.pk, first.section_id, first.group_id, first.collection_id),
        )

    def test_an_existing_organisation_is_used_not_copied(self):
        organisation = OrganisationFactory(name="Platform31", slug="platform31")

        partner = set_up_partner("Platform31")

        self.assertEqual(partner.organisation, organisation)
        self.assertEqual(Organisation.objects.filter(name="Platform31").count(), 1)

    def test_two_partners_get_two_sections_groups_and_collections(self):
        movisie = set_up_partner("Movisie")
        platform = set_up_partner("Platform31")

        self.assertNotEqual(movisie.section_id, platform.section_id)
        self.assertNotEqual(movisie.group_id, platform.group_id)
        self.assertNotEqual(movisie.collection_id, platform.collection_id)
        self.assertEqual(Workflow.objects.filter(name=WORKFLOW_NAME).count(), 1)


class CreatePartnerCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site(theme_slugs=())

    def run_command(self, name):
        out = StringIO()
        call_command("create_partner", name, stdout=out)
        return out.getvalue()

    def test_the_command_says_what_it_made_and_then_that_it_was_there(self):
        first = self.run_command("Movisie")
        second = self.run_command("Movisie")

        self.assertIn("section below the news: created", first)
        self.assertIn("moderation workflow on the section: created", first)
        self.assertNotIn("already there", first)
        self.assertNotIn("created", second)
        self.assertEqual(second.count("already there"), 5)
        self.assertEqual(Partner.objects.count(), 1)


class PartnerAdminScreenTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site(theme_slugs=())
        users = get_user_model().objects
        cls.chief = users.create_user("hoofdredacteur", "h@example.org", "geheim")
        cls.chief.groups.add(Group.objects.get(name="Hoofdredactie"))
        cls.editor = users.create_user("redacteur", "r@example.org", "geheim")
        cls.editor.groups.add(Group.objects.get(name="Redacteuren"))

    def test_the_editor_in_chief_sets_up_a_partner_from_the_admin(self):
        self.client.force_login(self.chief)
        url = reverse("partners_index")

        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(url, {"name": "Movisie"}, follow=True)

        self.assertContains(response, "Partner Movisie ingesteld")
        self.assertContains(response, "Partner: Movisie")
        partner = Partner.objects.get()
        self.assertEqual(partner.organisation.name, "Movisie")
        response = self.client.post(url, {"name": "Movisie"}, follow=True)
        self.assertContains(response, "er is niets veranderd")
        self.assertEqual(Partner.objects.count(), 1)

    def test_an_editor_may_not_set_up_partners(self):
        self.client.force_login(self.editor)

        response = self.client.post(reverse("partners_index"), {"name": "Movisie"})

        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
        self.assertFalse(Partner.objects.exists())
