"""Following submissions up in the admin: who handles one, and the status of many at once.

- ``team_members()``: the accounts that may follow submissions up (the *behandeld door* choices):
  active, and allowed to change a submission (Redacteuren, Hoofdredactie, superusers). A partner
  is never among them.
- ``FollowUpForm``: the edit form's base, which offers only those accounts, by name.
- ``ChangeStatusBulkAction``: tick submissions in the list, choose *Status wijzigen*, pick the new
  status (and, if wanted, who handles them) and confirm. A POST, for those who may change
  submissions only (Wagtail's bulk-action URL checks ``permission_required``); each change is in
  the submission's history.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import get_list_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from .messages import ADMIN_NAMESPACE
from .models import PilotInterest

CHANGE_PERMISSION = "change_pilotinterest"


def team_members():
    """Active accounts that may change submissions, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename=CHANGE_PERMISSION)
            | Q(user_permissions__codename=CHANGE_PERMISSION)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class PilotInterestFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(
        label=pgettext_lazy("pilot interest", "Ontvangen op"), widget=DateRangePickerWidget
    )

    class Meta:
        model = PilotInterest
        fields = ["municipality", "status"]


class TeamMemberField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


def narrow_handled_by(field, current=None):
    """``field`` offering only team members (and whoever handles the submission already)."""
    queryset = team_members()
    if current is not None:
        queryset = get_user_model().objects.filter(Q(pk__in=queryset.values("pk")) | Q(pk=current)).distinct()
    field.queryset = queryset.order_by("first_name", "last_name", "username")
    field.label_from_instance = TeamMemberField.label_from_instance.__get__(field)


class FollowUpForm(WagtailAdminModelForm):
    """The admin form of a submission: *behandeld door* lists the team, by name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "handled_by" in self.fields:
            narrow_handled_by(self.fields["handled_by"], self.instance.handled_by_id)


class SelectColumn(BulkActionsCheckboxColumn):
    """The bulk-action checkbox, labelled with the submission it selects."""

    cell_template_name = "pilot_interest/admin/select_cell.html"


class ChangeStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=PilotInterest.Status.choices)
    handled_by = TeamMemberField(
        label=_("Behandeld door"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Niet veranderen"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handled_by"].queryset = team_members()


class ChangeStatusBulkAction(PermissionCheckedMixin, BulkAction):
    display_name = _("Status wijzigen")
    action_type = "status"
    aria_label = _("De status van de gekozen inzendingen wijzigen")
    template_name = "pilot_interest/admin/confirm_status.html"
    action_priority = 10
    models = [PilotInterest]
    permission_policy = ModelPermissionPolicy(PilotInterest)
    permission_required = "change"
    form_class = ChangeStatusForm

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Ids come from the URL: anything but a number is ignored rather than an error.
        ids = [pk for pk in map(str, object_ids) if pk.isdigit()]
        return get_list_or_404(model.objects.select_related("municipality", "handled_by"), pk__in=ids)

    def get_all_objects_in_listing_query(self, parent_id):
        """ "Select all": what the list shows with its filters and search, not every submission."""
        filters = PilotInterestFilterSet(self.request.GET, queryset=PilotInterest.objects.all())
        queryset = filters.qs if filters.is_valid() else PilotInterest.objects.none()
        if query := self.request.GET.get("q", "").strip():
            queryset = queryset.filter(
                Q(contact_name__icontains=query)
                | Q(email__icontains=query)
                | Q(place__icontains=query)
                | Q(challenge__icontains=query)
            )
        return queryset.values_list("pk", flat=True)

    def object_context(self, submission):
        return {
            "item": submission,
            "edit_url": reverse(f"{ADMIN_NAMESPACE}:edit", args=[submission.pk]),
        }

    def get_execution_context(self):
        return {**self.cleaned_form.cleaned_data, "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, status=None, handled_by=None, user=None, **kwargs):
        changed = 0
        for submission in objects:
            fields = []
            if submission.status != status:
                submission.status = status
                fields.append("status")
            if handled_by is not None and submission.handled_by_id != handled_by.pk:
                submission.handled_by = handled_by
                fields.append("handled_by")
            if fields:
                submission.save(update_fields=fields)
                log(submission, "wagtail.edit", user=user)
                changed += 1
        return changed, len(objects) - changed

    def get_success_message(self, num_parent_objects, num_child_objects):
        status = PilotInterest.Status(self.cleaned_form.cleaned_data["status"]).label
        message = ngettext(
            "%(count)s inzending heeft nu de status %(status)s.",
            "%(count)s inzendingen hebben nu de status %(status)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "status": status}
        if num_child_objects:
            message += " " + ngettext(
                "%(count)s inzending was al zo.",
                "%(count)s inzendingen waren al zo.",
                num_child_objects,
            ) % {"count": num_child_objects}
        return message
