"""How registration joins the meeting page, and the registrations in the admin.

The meeting page belongs to ``knowledge``, which may not import this app; the form reaches it
through ``core.hooks.PAGE_CONTEXT_HOOK`` (the page's template includes ``registration.template``
when it is there). Editors see every registration in *Aanmeldingen*: filter by meeting, status,
municipality, date and mail domain, search by name or address, export to CSV or XLSX; cancel a
registration or give it a place; tick junk and remove it in one go (the bulk action
``admin_views.RemoveAsJunkBulkAction``); and after the meeting take attendance and mail the report
(``admin_views``).
"""

from django.db.models import Count
from django.forms import modelform_factory
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from core.exports import SafeExportIndexView
from core.hooks import MEETING_PLACES_HOOK, PAGE_CONTEXT_HOOK
from knowledge.models import MeetingPage

from . import admin_views, places
from .models import Registration
from .views import form_context


@hooks.register(PAGE_CONTEXT_HOOK)
def registration_context(page, request):
    if not isinstance(page, MeetingPage) or page.is_past or page.cancelled:
        return None
    if page.registration_is_open:
        # No public calendar file beside the form: who registers gets an invitation with the
        # confirmation, and would then have the meeting twice in their calendar.
        return {"registration": {"template": "registrations/includes/form.html", **form_context(page)}}
    return {"calendar_url": reverse("registrations:calendar", args=[page.pk])}


hooks.register(MEETING_PLACES_HOOK, places.coming_meetings_places)


class SelectColumn(BulkActionsCheckboxColumn):
    """The bulk-action checkbox, labelled with the person (the list has no title element with the
    id Wagtail's own cell would point ``aria-describedby`` at)."""

    cell_template_name = "registrations/admin/select_cell.html"


class RegistrationIndexView(SafeExportIndexView):
    """The list, with "cancel" and "give a place" on each row for those allowed to change, and a
    checkbox per row for the bulk action (only for them too)."""

    @cached_property
    def columns(self):
        columns = super().columns
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            columns = [SelectColumn("bulk_actions", obj_type="registration"), *columns]
        return columns

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.permission_policy.user_has_permission(self.request.user, "change"):
            return buttons
        # A pending registration holds no place and gets no mail: it expires by itself, or an
        # editor removes it as junk (the bulk action).
        if instance.status in (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED):
            url = reverse(registration_viewset.get_url_name("cancel"), args=[instance.pk])
            buttons.append(MenuItem(_("Aanmelding annuleren"), url=url, icon_name="cross", priority=25))
        if instance.status == Registration.Status.WAITLISTED:
            url = reverse(registration_viewset.get_url_name("promote"), args=[instance.pk])
            buttons.append(MenuItem(_("Plaats geven"), url=url, icon_name="tick", priority=24))
        return buttons


class RegistrationViewSet(ModelViewSet):
    model = Registration
    url_prefix = "aanmeldingen"
    icon = "group"
    menu_label = _("Aanmeldingen")
    add_to_admin_menu = True
    menu_order = 440
    copy_view_enabled = False
    inspect_view_enabled = True
    # Only a keyed hash, for counting per client: it means nothing to an editor.
    inspect_view_fields_exclude = ["client_key"]
    index_view_class = RegistrationIndexView
    index_template_name = "registrations/admin/index.html"
    # Adding someone by hand (who phoned) sets the status; afterwards the status changes only
    # through "cancel" and "give a place", which keep the waitlist and the mails right.
    form_fields = ["meeting", "name", "email", "municipality", "organisation", "role", "status"]
    update_form_fields = [
        "name",
        "email",
        "municipality",
        "organisation",
        "role",
        "accessibility_needs",
        "case",
        "attended",
    ]
    list_display = [
        "name",
        "email",
        "meeting",
        Column("organisation_name", label=_("gemeente of organisatie")),
        Column("status", label=_("status"), accessor="get_status_display"),
        "created_at",
    ]
    filterset_class = admin_views.RegistrationFilterSet
    search_fields = admin_views.SEARCH_FIELDS
    list_export = [
        "meeting",
        "name",
        "email",
        "municipality",
        "organisation",
        "get_role_display",
        "get_status_display",
        "attended",
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

    def formfield_for_dbfield(self, db_field, **kwargs):
        field = super().formfield_for_dbfield(db_field, **kwargs)
        if db_field.name == "status":
            # Someone added by hand (who phoned) has a place or waits; "not yet confirmed" is only
            # for the public form, whose link the editor can't send.
            field.choices = [choice for choice in field.choices if choice[0] != Registration.Status.PENDING]
        return field

    def get_form_class(self, for_update=False):
        if not for_update:
            return super().get_form_class()
        return modelform_factory(
            self.model, formfield_callback=self.formfield_for_dbfield, fields=self.update_form_fields
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/annuleren/", admin_views.CancelRegistrationView.as_view(), name="cancel"),
            path("<int:pk>/plaats-geven/", admin_views.PromoteRegistrationView.as_view(), name="promote"),
            path(
                "bijeenkomst/<int:meeting_id>/presentie/",
                admin_views.AttendanceView.as_view(),
                name="attendance",
            ),
            path(
                "bijeenkomst/<int:meeting_id>/verslag/",
                admin_views.ReportMailView.as_view(),
                name="report",
            ),
        ]


registration_viewset = RegistrationViewSet(admin_views.VIEWSET_URL_NAMESPACE)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


hooks.register("register_bulk_action", admin_views.RemoveAsJunkBulkAction)


def registration_counts(source):
    """``{"pending", "confirmed", "waitlisted", "cancelled", "places_left"}`` of a meeting in the
    main language."""
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
    if counts["pending"]:
        label += " · " + _("%(pending)s nog niet bevestigd") % counts
    if counts["places_left"] is not None:
        label += " · " + _("%(places_left)s plaatsen vrij") % counts
    url = reverse(registration_viewset.get_url_name("index")) + f"?meeting={source.pk}"
    yield Button(label, url, icon_name="group", priority=80)
    if specific.is_past and registration_viewset.permission_policy.user_has_permission(user, "change"):
        attendance = reverse(registration_viewset.get_url_name("attendance"), args=[source.pk])
        yield Button(_("Presentielijst"), attendance, icon_name="tick", priority=81)
        report = reverse(registration_viewset.get_url_name("report"), args=[source.pk])
        yield Button(_("Verslag mailen"), report, icon_name="mail", priority=82)
