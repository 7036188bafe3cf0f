"""What a partner's account is kept out of beyond Wagtail's own permissions: the reports.

Wagtail shows its reports (site history, workflows, aging pages, page types, translations) to
anyone with a page permission, scoped to their pages only in part: its site history lists every
page's log entries, drafts of other partners included. A partner (an account whose every group
is a partner's group, see ``set_up_partner``) therefore gets neither the *Reports* menu nor its
views; it follows its own pages through the page's status and history instead.
"""

from wagtail.admin.auth import permission_denied

REPORT_NAMESPACES = {"wagtailadmin_reports"}
REPORT_VIEWS = {("wagtail_localize", "translations_report")}


def is_partner_account(user):
    """True for a signed-in account whose groups are all partners' groups (not an editor's)."""
    if not user.is_authenticated or user.is_superuser:
        return False
    cached = getattr(user, "_partner_account", None)
    if cached is None:
        from .models import Partner  # noqa: PLC0415 - imported by the middleware at start-up

        group_ids = set(user.groups.values_list("pk", flat=True))
        partner_group_ids = set(
            Partner.objects.filter(group__in=group_ids).values_list("group_id", flat=True)
        )
        cached = bool(group_ids) and group_ids == partner_group_ids
        user._partner_account = cached
    return cached


def is_report(resolver_match):
    namespaces = set(resolver_match.namespaces)
    return bool(namespaces & REPORT_NAMESPACES) or any(
        namespace in namespaces and resolver_match.url_name == name for namespace, name in REPORT_VIEWS
    )


class PartnerReportsMiddleware:
    """Answers a partner's request for a report as Wagtail answers a refused admin view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not is_report(match) or not is_partner_account(request.user):
            return None
        return permission_denied(request)
