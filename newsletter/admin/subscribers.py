"""Admin screens for the kwartaalupdate: subscribers.

A ``ModelViewSet`` (list with filters, search and a CSV/XLSX export), plus two things the GDPR asks
for, per subscriber: *export data* (one JSON file with everything the site keeps about the person)
and *erase* (the delete view, which here deletes the row and Wagtail's log entries about it and
keeps only a hash of the address, ``newsletter.subscriptions.erase``).

Who may do what follows the model's permissions, which an administrator grants per group:
seeing the list, the export and a person's data needs "view" (or "change"); erasing needs
"delete". Editors get none of them by default: subscriber data is not page content.
"""

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, MenuItem

from core.exports import ExportIndexView

from .. import subscriptions
from ..models import Subscriber

EXPORT_DATA_PERMISSIONS = ["view", "change"]


class CreateView(generic.CreateView):
    def save_instance(self):
        # Added by hand in the admin: the consent record says so.
        self.form.instance.consent_source = Subscriber.Source.ADMIN
        self.form.instance.consent_form = _("beheer")
        return super().save_instance()


class EraseView(generic.DeleteView):
    """The delete view, doing an erasure: nothing of the person is kept but the address's hash."""

    page_title = _("Wissen")
    success_message = _("De gegevens van de abonnee zijn gewist. Het adres krijgt geen mail meer.")

    @property
    def confirmation_message(self):
        return _(
            "Weet u zeker dat u alle gegevens van deze abonnee wilt wissen? Dit kunt u niet ongedaan "
            "maken. We bewaren alleen een onleesbare code van het adres, zodat een import het niet "
            "terugzet."
        )

    def get_success_message(self):
        return self.success_message

    def delete_action(self):
        subscriptions.erase(self.object)


class ExportDataView(PermissionCheckedMixin, View):
    """One subscriber's data as a JSON download (a GDPR access request)."""

    model = Subscriber
    any_permission_required = EXPORT_DATA_PERMISSIONS

    def get(self, request, pk):
        subscriber = get_object_or_404(Subscriber, pk=pk)
        body = json.dumps(subscriptions.personal_data(subscriber), indent=2, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="abonnee-{subscriber.pk}.json"'
        response["Cache-Control"] = "private, no-store"
        return response


class IndexView(ExportIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.permission_policy.user_has_any_permission(self.request.user, EXPORT_DATA_PERMISSIONS):
            url = reverse("newsletter_subscriber:export_data", args=(instance.pk,))
            buttons.append(MenuItem(_("Gegevens downloaden"), url=url, icon_name="download", priority=25))
        return buttons


class EditView(generic.EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        url = reverse("newsletter_subscriber:export_data", args=(self.object.pk,))
        buttons.append(Button(_("Gegevens downloaden"), url=url, icon_name="download", priority=15))
        return buttons


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "newsletter_subscriber"
    url_prefix = "kwartaalupdate/abonnees"
    icon = "mail"
    menu_label = _("Abonnees kwartaalupdate")
    add_to_admin_menu = True
    menu_order = 450
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = EraseView

    form_fields = ["email", "language", "name", "municipality", "organisation", "themes", "status"]
    list_display = [
        "email",
        "name",
        "municipality",
        "organisation",
        Column("language", label=_("Taal"), accessor="get_language_display"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        "confirmed_at",
        "mail_error",
    ]
    list_filter = ["status", "language", "municipality"]
    search_fields = ["email", "name", "organisation", "municipality__name"]
    list_export = [
        "email",
        "name",
        "municipality",
        "organisation",
        "language",
        "status",
        "theme_slugs",
        "consent_source",
        "consent_form",
        "consent_given_at",
        "confirmed_at",
        "unsubscribed_at",
        "bounce_count",
        "mail_error",
        "created_at",
    ]
    export_headings = {"theme_slugs": capfirst(_("thema's"))}
    export_filename = "abonnees-kwartaalupdate"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("export-data/<int:pk>/", ExportDataView.as_view(), name="export_data"),
        ]


subscriber_viewset = SubscriberViewSet()


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return subscriber_viewset
