"""How registration joins the meeting page, and the registrations in the admin.

The meeting page belongs to ``knowledge``, which may not import this app; the form reaches it
through ``core.hooks.PAGE_CONTEXT_HOOK`` (the page's template includes ``registration.template``
when it is there). Editors see every registration in *Aanmeldingen*: filter by meeting, status
and municipality, search by name or address, export to CSV or XLSX.
"""

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from core.hooks import PAGE_CONTEXT_HOOK
from knowledge.models import MeetingPage

from .models import Registration
from .views import form_context


@hooks.register(PAGE_CONTEXT_HOOK)
def registration_context(page, request):
    if not isinstance(page, MeetingPage) or page.is_past:
        return None
    context = {"calendar_url": reverse("registrations:calendar", args=[page.pk])}
    if page.registration_is_open:
        context["registration"] = {"template": "registrations/includes/form.html", **form_context(page)}
    return context


class RegistrationViewSet(ModelViewSet):
    model = Registration
    url_prefix = "aanmeldingen"
    icon = "group"
    menu_label = _("Aanmeldingen")
    add_to_admin_menu = True
    menu_order = 440
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["meeting", "name", "email", "municipality", "organisation", "role", "status"]
    list_display = [
        "name",
        "email",
        "meeting",
        Column("organisation_name", label=_("gemeente of organisatie")),
        Column("status", label=_("status"), accessor="get_status_display"),
        "created_at",
    ]
    list_filter = ["meeting", "status", "municipality"]
    search_fields = ["name", "email", "organisation"]
    list_export = [
        "meeting",
        "name",
        "email",
        "municipality",
        "organisation",
        "get_role_display",
        "get_status_display",
        "accessibility_needs",
        "case",
        "language",
        "created_at",
        "cancelled_at",
        "mail_sent_at",
        "mail_error",
    ]
    export_headings = {
        "get_role_display": capfirst(_("functie")),
        "get_status_display": capfirst(_("status")),
    }
    export_filename = "aanmeldingen"


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet("meeting_registrations")
