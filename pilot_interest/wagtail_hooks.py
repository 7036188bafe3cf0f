"""How the pilot-interest form joins the pilots index, and the submissions in the admin.

The pilots index belongs to ``knowledge``, which may not import this app; the form reaches it
through ``core.hooks.PAGE_CONTEXT_HOOK`` (the index's template includes ``pilot_interest.template``
when it is there). Editors follow the submissions up in *Belangstelling pilots*: filter by
municipality, status and date, search, set the status and keep notes, export to CSV or XLSX.
Submissions are personal data: only groups given the model's permissions see them.
"""

import django_filters
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from core.exports import SafeExportIndexView
from core.hooks import PAGE_CONTEXT_HOOK
from knowledge.models import PilotIndexPage, PilotPage

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


class PilotInterestFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(
        label=pgettext_lazy("pilot interest", "Ontvangen op"), widget=DateRangePickerWidget
    )

    class Meta:
        model = PilotInterest
        fields = ["municipality", "status"]


class PilotInterestViewSet(ModelViewSet):
    model = PilotInterest
    url_prefix = "belangstelling-pilots"
    icon = "site"
    menu_label = _("Belangstelling pilots")
    add_to_admin_menu = True
    menu_order = 445
    copy_view_enabled = False
    inspect_view_enabled = True
    # Whatever a municipality typed goes into the export: no cell may run as a formula.
    index_view_class = SafeExportIndexView
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldPanel("place"),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("challenge"),
            ],
            heading=_("Wat de gemeente stuurde"),
        ),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("notes")], heading=_("Opvolging")),
    ]
    list_display = [
        "municipality",
        "contact_name",
        "place",
        Column("status", label=capfirst(_("status")), accessor="get_status_display"),
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


pilot_interest_viewset = PilotInterestViewSet(ADMIN_NAMESPACE)


@hooks.register("register_admin_viewset")
def register_pilot_interest_viewset():
    return pilot_interest_viewset
