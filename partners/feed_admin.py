"""The feed import's run log in the admin: every ``FeedRun``, newest first, to read only; and
*Nu ophalen* per feed.

For Team Leefbaarheid's editors (``view_feedrun``, migration ``partners/0004``); a partner's
account has no such permission and is refused like any other admin view it may not see. The runs
are written by the import alone: no one adds, edits or deletes them here, superusers included.

Above the log, each partner feed with its last run and a *Nu ophalen* button: a POST to
``FetchFeedView`` (for those who may read the log), which runs the import as a task
(``partners.tasks.import_partner_feed``; in the request itself with the Immediate backend, else by
``db_worker``) and comes back to the log with what happened, or that it has started.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_tasks import TaskResultStatus
from wagtail.admin import messages
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .feed_import import feed_partners
from .models import FeedRun
from .tasks import import_partner_feed

READ_ACTIONS = {"view"}


class ReadOnlyPolicy(ModelPermissionPolicy):
    """``view`` as the model's permissions say; ``add``, ``change`` and ``delete`` for nobody."""

    def user_has_permission(self, user, action):
        return action in READ_ACTIONS and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action in READ_ACTIONS])


policy = ReadOnlyPolicy(FeedRun)
register_permission_policy(FeedRun, policy, exact_class=True)


def run_summary(run):
    """What a run did, in a sentence for the editor."""
    name = run.organisation.name
    if run.status == FeedRun.Status.ERROR:
        return _("Het ophalen van de feed van %(name)s is mislukt: %(error)s") % {
            "name": name,
            "error": run.error,
        }
    if run.status == FeedRun.Status.NOT_MODIFIED:
        return _("De feed van %(name)s is opgehaald en niet veranderd sinds de vorige keer.") % {"name": name}
    return _(
        "De feed van %(name)s is opgehaald: %(created)s nieuw, %(updated)s bijgewerkt, "
        "%(skipped)s overgeslagen, %(failed)s niet gelukt."
    ) % {
        "name": name,
        "created": run.created,
        "updated": run.updated,
        "skipped": run.skipped,
        "failed": run.failed,
    }


class FeedRunIndexView(IndexView):
    """The log, with the feeds and their *Nu ophalen* buttons above it."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        feeds = []
        for partner in feed_partners():
            last = (
                FeedRun.objects.filter(organisation=partner.organisation)
                .order_by("-started_at", "-pk")
                .first()
            )
            feeds.append(
                {
                    "partner": partner,
                    "last": last,
                    "fetch_url": reverse(feed_run_viewset.get_url_name("fetch"), args=[partner.pk]),
                }
            )
        context["feeds"] = feeds
        return context


class FetchFeedView(View):
    """POST: import one partner's feed now, then back to the log with what happened."""

    http_method_names = ["post"]

    def post(self, request, partner_id):
        if not policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        partner = get_object_or_404(feed_partners(), pk=partner_id)
        result = import_partner_feed.enqueue(partner.pk)
        index = reverse(feed_run_viewset.get_url_name("index"))
        if result.status == TaskResultStatus.SUCCESSFUL and result.return_value:
            run = FeedRun.objects.select_related("organisation").get(pk=result.return_value)
            if run.status == FeedRun.Status.ERROR:
                messages.error(request, run_summary(run))
            else:
                messages.success(request, run_summary(run))
        elif result.status == TaskResultStatus.FAILED:
            messages.error(
                request,
                _("Het ophalen van de feed van %(name)s is mislukt. Probeer het later nog eens.")
                % {"name": partner.organisation.name},
            )
        else:
            messages.success(
                request,
                _("Het ophalen van de feed van %(name)s is gestart. Het resultaat staat zo in dit logboek.")
                % {"name": partner.organisation.name},
            )
        return redirect(index)


class FeedRunViewSet(ModelViewSet):
    model = FeedRun
    icon = "history"
    menu_label = gettext_lazy("Importlogboek feeds")
    menu_order = 470
    add_to_admin_menu = True
    inspect_view_enabled = True
    index_view_class = FeedRunIndexView
    index_template_name = "partners/admin/feed_runs_index.html"
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
        "skipped_entries",
    ]
    ordering = ["-started_at", "-pk"]
    copy_view_enabled = False
    form_fields = []  # no one reaches the add or edit form (ReadOnlyPolicy)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("ophalen/<int:partner_id>/", FetchFeedView.as_view(), name="fetch"),
        ]


feed_run_viewset = FeedRunViewSet("feed_runs")
