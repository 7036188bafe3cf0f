"""How registration joins the meeting page, and the registrations in the admin.

The meeting page belongs to ``knowledge``, which may not import this app; the form reaches it
through ``core.hooks.PAGE_CONTEXT_HOOK`` (the page's template includes ``registration.template``
when it is there). Editors see every registration in *Aanmeldingen*: filter by meeting, status
and municipality, search by name or address, export to CSV or XLSX.
"""

from django.db.models import Count
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from core.hooks import PAGE_CONTEXT_HOOK
from knowledge.models import MeetingPage

from . import places
from .models import Registration
from .views import form_context


@hooks.register(PAGE_CONTEXT_HOOK)
def registration_context(page, request):
    if not isinstance(page, MeetingPage) or page.is_past or page.cancelled:
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


registration_viewset = RegistrationViewSet("meeting_registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


def registration_counts(source):
    """``{"confirmed", "waitlisted", "cancelled", "places_left"}`` of a meeting in the main language."""
    found = dict(source.registrations.values_list("status").annotate(n=Count("pk")).order_by())
    counts = {status: found.get(status, 0) for status in Registration.Status.values}
    counts["places_left"] = places.places_left(source)
    return counts


@hooks.register("register_page_header_buttons")
def registrations_button(page, user, view_name=None, next_url=None):
    """On a meeting in the admin: how it stands, and a link to its registrations."""
    specific = page.specific_deferred
    if not isinstance(specific, MeetingPage):
        return
    if not registration_viewset.permission_policy.user_has_permission(user, "view"):
        return
    source = places.source_meeting(specific)
    counts = registration_counts(source)
    label = (
        _("Aanmeldingen: %(confirmed)s aangemeld, %(waitlisted)s op de wachtlijst, %(cancelled)s afgemeld")
        % counts
    )
    if counts["places_left"] is not None:
        label += " · " + _("%(places_left)s plaatsen vrij") % counts
    url = reverse(registration_viewset.get_url_name("index")) + f"?meeting={source.pk}"
    yield Button(label, url, icon_name="group", priority=80)
