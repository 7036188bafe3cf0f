"""How registration joins the meeting page, and the registrations in the admin.

The meeting page belongs to ``knowledge``, which may not import this app; the form reaches it
through ``core.hooks.PAGE_CONTEXT_HOOK`` (the page's template includes ``registration.template``
when it is there). Editors see every registration in *Aanmeldingen*: filter by meeting, status,
municipality, date and mail domain, search by name or address, export to CSV or XLSX; cancel a
registration or give it a place; tick junk and remove it in one go (the bulk action
``admin_views.RemoveAsJunkBulkAction``); and after the meeting take attendance and mail the report
(``admin_views``).
"""

import copy
from datetime import timedelta

from django.db.models import Count
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet

from core.exports import ExportIndexView
from core.hooks import MEETING_PLACES_HOOK, PAGE_CONTEXT_HOOK
from knowledge.models import MeetingPage
from knowledge.models.meetings import MEETING_EDITOR_PANEL_HOOK

from . import admin_views, places
from .forms import EditorRegistrationForm, EditorRegistrationUpdateForm
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


class RegistrationIndexView(ExportIndexView):
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
    # Adding someone by hand (who phoned) goes through the places as the public form does
    # (``admin_views.AddRegistrationView``); afterwards the status changes only through "cancel"
    # and "give a place", which keep the waitlist and the mails right.
    add_view_class = admin_views.AddRegistrationView
    edit_view_class = admin_views.EditRegistrationView
    list_display = [
        "name",
        "email",
        "meeting",
        Column("organisation_name", label=capfirst(_("gemeente of organisatie"))),
        Column("status", label=capfirst(_("status")), accessor="get_status_display"),
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

    def get_form_class(self, for_update=False):
        return EditorRegistrationUpdateForm if for_update else EditorRegistrationForm

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
            path(
                "bijeenkomst/<int:meeting_id>/presentielijst/",
                admin_views.AttendanceListView.as_view(),
                name="attendance_list",
            ),
            path(
                "bijeenkomst/<int:meeting_id>/publiceren/<int:revision_id>/",
                admin_views.ConfirmPublishView.as_view(),
                name="confirm_publish",
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


@hooks.register(MEETING_EDITOR_PANEL_HOOK)
def meeting_panel(meeting, request):
    """The panel at the top of a meeting's page in the admin: how registration stands, what
    publishing would mail, and the links to the list, adding someone, the attendance list (to
    print), taking attendance and the report mail. Nothing for those who may not see
    registrations."""
    policy = registration_viewset.permission_policy
    user = request.user
    if not policy.user_has_permission(user, "view"):
        return None
    source = places.source_meeting(meeting)
    may_change = policy.user_has_permission(user, "change")
    started = source.start <= timezone.now()

    def url(name, *args):
        return reverse(registration_viewset.get_url_name(name), args=args)

    context = {
        "meeting": source,
        "counts": registration_counts(source),
        "notice": places.notice(meeting),
        "would_tell": places.notice(_as_changed(meeting)),
        "list_url": admin_views.registrations_url(source),
        "add_url": (
            f"{url('add')}?meeting={source.pk}"
            if policy.user_has_permission(user, "add") and not (source.is_past or source.cancelled)
            else ""
        ),
        "print_url": url("attendance_list", source.pk),
        "attendance_url": url("attendance", source.pk) if may_change and started else "",
        "report_url": url("report", source.pk) if may_change and started else "",
    }
    return render_to_string("registrations/admin/meeting_panel.html", context, request=request)


def _as_changed(meeting):
    """A copy of ``meeting`` moved by a day: how many a change of time would mail, whatever it is."""
    changed = copy.copy(meeting)
    if changed.start:
        changed.start = changed.start + timedelta(days=1)
    return changed


@hooks.register("before_publish_page")
def confirm_before_mailing(request, page):
    """Publishing a meeting whose change mails people first asks the editor: "N mensen krijgen
    bericht". The version is saved already (as a draft); the confirmation page publishes it."""
    if not isinstance(page, MeetingPage) or page.latest_revision_id is None:
        return None
    if places.notice(page).kind is None:
        return None
    return redirect(
        reverse(registration_viewset.get_url_name("confirm_publish"), args=[page.pk, page.latest_revision_id])
    )
