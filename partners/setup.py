"""``set_up_partner(name)``: everything a partner organisation needs to contribute, made once.

For one organisation, by name:

- its ``Organisation`` snippet (in the site's main language);
- a section of its own: a ``PartnerSectionPage`` below the Dutch news index, for news pages and
  knowledge items;
- a collection of its own for images and documents, below the root collection;
- a group "Partner: <name>" whose members reach the admin, add and edit pages in that section
  only (not publish), and add and choose images and documents in that collection only;
- the workflow "Partnerbijdrage beoordelen" on the section: one task that Team Leefbaarheid's
  editors (the groups of migration ``home/0004_editor_roles``) approve or reject with a comment.

Running it again finds what is there and changes nothing; ``set_up_partner_with_report`` also
says which of those were made now (``SetUp.created``) and which were found (``SetUp.found``).
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.importing import free_slug
from knowledge.models import NewsIndexPage, Organisation

from .models import Partner, PartnerSectionPage

WORKFLOW_NAME = "Partnerbijdrage beoordelen"
TASK_NAME = "Goedkeuring partnerbijdrage"
# The roles of migration home/0004_editor_roles: Team Leefbaarheid's editors review.
REVIEWER_GROUPS = ("Redacteuren", "Hoofdredactie")
GROUP_PREFIX = "Partner: "

# Add and edit; never publish (``publish_page``), lock or delete.
PAGE_PERMISSIONS = ("add_page", "change_page")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)


class PartnerSetupError(Exception):
    """The site lacks something a partner needs (the Dutch news index)."""


@dataclass
class SetUp:
    partner: Partner
    created: list = field(default_factory=list)
    found: list = field(default_factory=list)

    def note(self, label, created):
        (self.created if created else self.found).append(label)


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _organisation(name, setup):
    locale = Locale.get_default()
    organisation = Organisation.objects.filter(name__iexact=name, locale=locale).order_by("pk").first()
    if organisation is None:
        slug = free_slug(name, Organisation.objects.filter(locale=locale), "partner")
        organisation = Organisation.objects.create(
            name=name, slug=slug, kind=Organisation.Kind.KNOWLEDGE_ORGANISATION, locale=locale
        )
        setup.note("organisation", True)
    else:
        setup.note("organisation", False)
    return organisation


def _section(partner, organisation, setup):
    if partner.section_id:
        setup.note("section", False)
        return partner.section
    sections = PartnerSectionPage.objects.filter(organisation=organisation, locale=organisation.locale)
    existing = sections.first()
    if existing:
        setup.note("section", False)
        return existing
    news_index = NewsIndexPage.objects.filter(locale=organisation.locale).order_by("path").first()
    if news_index is None:
        raise PartnerSetupError(f"No news index ({NewsIndexPage.section_slug}) in the main language.")
    slug = free_slug(organisation.slug, news_index.get_children(), "partner")
    section = news_index.add_child(
        instance=PartnerSectionPage(
            title=organisation.name,
            slug=slug,
            organisation=organisation,
            locale=organisation.locale,
            introduction=organisation.description,
        )
    )
    # The section is only a frame for the partner's articles: live from the start, empty until an
    # editor approves the first one.
    section.save_revision().publish()
    setup.note("section", True)
    return section


def _collection(partner, organisation, setup):
    if partner.collection_id:
        setup.note("collection", False)
        return partner.collection
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=organisation.name).first()
    if existing:
        setup.note("collection", False)
        return existing
    setup.note("collection", True)
    return root.add_child(name=organisation.name)


def _group(partner, organisation, section, collection, setup):
    group = partner.group
    created = False
    if group is None:
        group, created = Group.objects.get_or_create(name=f"{GROUP_PREFIX}{organisation.name}"[:150])
    setup.note("group", created)
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=section, permission=_permission("wagtailcore", codename)
        )
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(app_label, codename)
        )
    return group


def _workflow(section, setup):
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        editors, _ = Group.objects.get_or_create(name=REVIEWER_GROUPS[0])
        task.groups.set([editors, *Group.objects.filter(name__in=REVIEWER_GROUPS[1:])])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    assignment = WorkflowPage.objects.filter(page=section).first()
    if assignment is None:
        WorkflowPage.objects.create(page=section, workflow=workflow)
        created = True
    elif assignment.workflow_id != workflow.pk:
        assignment.workflow = workflow
        assignment.save(update_fields=["workflow"])
        created = True
    setup.note("workflow", created)
    return workflow


@transaction.atomic
def set_up_partner(name):
    """The ``Partner`` for the organisation called ``name``, made or completed; see the module."""
    return set_up_partner_with_report(name).partner


@transaction.atomic
def set_up_partner_with_report(name):
    """``set_up_partner``, also saying what was made now (``created``) and what was there (``found``)."""
    name = " ".join(name.split())
    if not name:
        raise PartnerSetupError("A partner needs a name.")
    setup = SetUp(partner=None)
    organisation = _organisation(name, setup)
    partner = Partner.objects.filter(organisation=organisation).first() or Partner(organisation=organisation)
    section = _section(partner, organisation, setup)
    collection = _collection(partner, organisation, setup)
    group = _group(partner, organisation, section, collection, setup)
    _workflow(section, setup)
    if partner.pk is None or (partner.section_id, partner.group_id, partner.collection_id) != (
        section.pk,
        group.pk,
        collection.pk,
    ):
        partner.section, partner.group, partner.collection = section, group, collection
        partner.save()
    setup.partner = partner
    return setup
