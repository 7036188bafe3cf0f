"""The admin's user screens with the role guard of ``roles.py``.

Wagtail's forms and views, changed in three places: the *Administrator* box is only for
superusers, the group boxes list only groups the signed-in user may grant, and an account above the
signed-in user can't be opened for editing or deleting. The bulk actions on the user list (assign a
role, (de)activate, delete) follow the same rules.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.users import forms as wagtail_forms
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from .roles import can_manage, grantable_groups

NOT_ALLOWED = _("Alleen een beheerder kan dit account wijzigen.")


class GuardedFormMixin:
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is not None and not for_user.is_superuser:
            self.fields.pop("is_superuser", None)
            if "groups" in self.fields:
                self.fields["groups"].queryset = grantable_groups(for_user)


class UserCreationForm(GuardedFormMixin, wagtail_forms.UserCreationForm):
    pass


class UserEditForm(GuardedFormMixin, wagtail_forms.UserEditForm):
    pass


class ForUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class CreateView(ForUserFormMixin, wagtail_users.CreateView):
    pass


class EditView(ForUserFormMixin, wagtail_users.EditView):
    def dispatch(self, request, *args, **kwargs):
        if not can_manage(request.user, self.object):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class DeleteView(wagtail_users.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        if not can_manage(request.user, self.get_object()):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class UserViewSet(wagtail_users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm


class ManagedAccountsMixin:
    def check_perm(self, obj):
        return super().check_perm(obj) and can_manage(self.request.user, obj)


class GuardedAssignRole(ManagedAccountsMixin, AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = grantable_groups(self.request.user)
        return form


class GuardedSetActiveState(ManagedAccountsMixin, SetActiveStateBulkAction):
    pass


class GuardedDelete(ManagedAccountsMixin, DeleteBulkAction):
    pass


# Registered after Wagtail's own (order=1): the registry keeps the last class per action type.
for action in (GuardedAssignRole, GuardedSetActiveState, GuardedDelete):
    hooks.register("register_bulk_action", action, order=1)
