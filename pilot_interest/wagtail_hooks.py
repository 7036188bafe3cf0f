"""How the pilot-interest form joins the pilots index, and the submissions in the admin.

The pilots index belongs to ``knowledge``, which may not import this app; the form reaches it
through ``core.hooks.PAGE_CONTEXT_HOOK`` (the index's template includes ``pilot_interest.template``
when it is there). Editors follow the submissions up in *Belangstelling pilots*: filter by
municipality, status and date, search, set the status, who handles it and notes (beside what the
municipality sent, which stays as it was), change the status of many at once (the bulk action
``admin_views.ChangeStatusBulkAction``), export to XLSX or CSV in Dutch formats
(``core.exports``). Submissions are personal data: only groups given the model's permissions see
them.
"""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from core.exports import ExportIndexView
from core.hooks import PAGE_CONTEXT_HOOK
from knowledge.models import PilotIndexPage, PilotPage

from .admin_views import ChangeStatusBulkAction, FollowUpForm, PilotInterestFilterSet, SelectColumn
from .messages import ADMIN_NAMESPACE
from .models import PilotInterest
from .views import TEMPLATES, form_context

LINK_TEMPLATE = TEMPLATES + "includes/invitation_link.html"


@hooks.register(PAGE_CONTEXT_HOOK)
def pilot_interest_context(page, request):
    """The form on the pilots index; at the end of each pilot, a link to the form's own page."""
    if isinstance(page, PilotIndexPage):
        return {"pilot_interest": form_context()}
    if isinstance(page, PilotPage):
        return {"pilot_interest": {"template": LINK_TEMPLATE, "url": reverse("pilot_interest:form")}}
    return None


def user_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


class PilotInterestIndexView(ExportIndexView):
    """The list, with a checkbox per row for the bulk status change (for those who may change)."""

    # The colleague by name in the export, not by account name.
    custom_field_preprocess = {"handled_by": {"csv": user_name, "xlsx": user_name}}

    @cached_property
    def columns(self):
        columns = super().columns
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            columns = [SelectColumn("bulk_actions", obj_type="pilotinterest"), *columns]
        return columns

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("municipality", "handled_by")


def handler_name(submission):
    return user_name(submission.handled_by)


SUBMISSION_HEADING = _("Wat de gemeente stuurde")
FOLLOW_UP_HEADING = _("Opvolging")


def submission_panels(read_only):
    return [
        FieldPanel("municipality", read_only=read_only),
        FieldPanel("place", read_only=read_only),
        FieldRowPanel(
            [
                FieldPanel("contact_name", read_only=read_only),
                FieldPanel("email", read_only=read_only),
                FieldPanel("phone", read_only=read_only),
            ]
        ),
        FieldPanel("challenge", read_only=read_only),
    ]


FOLLOW_UP_PANELS = [FieldPanel("status"), FieldPanel("handled_by"), FieldPanel("notes")]


class PilotInterestViewSet(ModelViewSet):
    model = PilotInterest
    url_prefix = "belangstelling-pilots"
    icon = "site"
    menu_label = _("Belangstelling pilots")
    add_to_admin_menu = True
    menu_order = 445
    copy_view_enabled = False
    inspect_view_enabled = True
    # Dutch dates and separators; whatever a municipality typed can't run as a formula.
    index_view_class = PilotInterestIndexView
    index_template_name = "pilot_interest/admin/index.html"
    # Adding one by hand (a municipality that phoned): every field. Editing: what the municipality
    # sent is shown as it was, read-only, beside the follow-up (``get_edit_view_kwargs``).
    edit_handler = ObjectList(
        [
            MultiFieldPanel(submission_panels(read_only=False), heading=SUBMISSION_HEADING),
            MultiFieldPanel(FOLLOW_UP_PANELS, heading=FOLLOW_UP_HEADING),
        ],
        base_form_class=FollowUpForm,
    )
    update_edit_handler = ObjectList(
        [
            MultiFieldPanel(submission_panels(read_only=True), heading=SUBMISSION_HEADING),
            MultiFieldPanel(FOLLOW_UP_PANELS, heading=FOLLOW_UP_HEADING),
        ],
        base_form_class=FollowUpForm,
    )

    list_display = [
        "municipality",
        "contact_name",
        "place",
        Column("status", label=capfirst(_("status")), accessor="get_status_display"),
        Column("handled_by", label=capfirst(_("behandeld door")), accessor=handler_name),
        "created_at",
    ]
    filterset_class = PilotInterestFilterSet
    search_fields = ["contact_name", "email", "place", "challenge"]
    inspect_view_fields = [
        "municipality",
        "place",
        "contact_name",
        "email",
        "phone",
        "challenge",
        "language",
        "status",
        "handled_by",
        "notes",
        "created_at",
        "consent_given_at",
        "team_mail_sent_at",
        "acknowledgement_sent_at",
        "mail_error",
        "anonymised_at",
    ]
    list_export = [
        "created_at",
        "get_status_display",
        "handled_by",
        "municipality",
        "place",
        "contact_name",
        "email",
        "phone",
        "challenge",
        "language",
        "notes",
        "team_mail_sent_at",
        "acknowledgement_sent_at",
        "mail_error",
    ]
    export_headings = {"get_status_display": capfirst(_("status"))}
    export_filename = "belangstelling-pilots"

    def get_edit_view_kwargs(self, **kwargs):
        panel = self.update_edit_handler.bind_to_model(self.model)
        return {
            **super().get_edit_view_kwargs(**kwargs),
            "panel": panel,
            "form_class": panel.get_form_class(),
        }


pilot_interest_viewset = PilotInterestViewSet(ADMIN_NAMESPACE)


@hooks.register("register_admin_viewset")
def register_pilot_interest_viewset():
    return pilot_interest_viewset


hooks.register("register_bulk_action", ChangeStatusBulkAction)
