"""The feed import's run log in the admin: every ``FeedRun``, newest first, to read only.

For Team Leefbaarheid's editors (``view_feedrun``, migration ``partners/0004``); a partner's
account has no such permission and is refused like any other admin view it may not see. The runs
are written by the import alone: no one adds, edits or deletes them here, superusers included.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import FeedRun

READ_ACTIONS = {"view"}


class ReadOnlyPolicy(ModelPermissionPolicy):
    """``view`` as the model's permissions say; ``add``, ``change`` and ``delete`` for nobody."""

    def user_has_permission(self, user, action):
        return action in READ_ACTIONS and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action in READ_ACTIONS])


register_permission_policy(FeedRun, ReadOnlyPolicy(FeedRun), exact_class=True)


class FeedRunViewSet(ModelViewSet):
    model = FeedRun
    icon = "history"
    menu_label = _("Importlogboek feeds")
    menu_order = 470
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = [
        "organisation",
        "started_at",
        "finished_at",
        "fetched",
        "created",
        "updated",
        "skipped",
        "failed",
        "status",
        "error",
    ]
    list_filter = ["status", "organisation"]
    inspect_view_fields = [
        "organisation",
        "feed_url",
        "started_at",
        "finished_at",
        "status",
        "fetched",
        "created",
        "updated",
        "skipped",
        "failed",
        "error",
        "problems",
    ]
    ordering = ["-started_at", "-pk"]
    copy_view_enabled = False
    form_fields = []  # no one reaches the add or edit form (ReadOnlyPolicy)


feed_run_viewset = FeedRunViewSet("feed_runs")
