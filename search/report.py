"""The admin's *Rapporten › Zoekopdrachten*: what visitors search for, per language.

For each language the most searched queries (with what their last search found) and the ones
that found nothing, over a period the editor chooses (30 days unless the URL says otherwise).
The second list is the to-do list: write a page, add a synonym to a title, or promote a page for
the query. Only accounts with ``search.view_searchqueryday`` (both editor roles, migration
``search/0002``) open it; partners have no such permission and get no *Reports* menu at all.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_required
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import log

PERMISSION = "search.view_searchqueryday"
PERIODS = [7, 30, 90, 365]
DEFAULT_PERIOD = 30
ROWS = 25


def period_from(params):
    """The ``dagen`` parameter if it is one of the offered periods, else the default."""
    value = params.get("dagen", "")
    return int(value) if value in {str(days) for days in PERIODS} else DEFAULT_PERIOD


@method_decorator(permission_required(PERMISSION), name="dispatch")
class SearchReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/report.html"
    page_title = _("Zoekopdrachten")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        days = period_from(self.request.GET)
        languages = [
            {
                "code": code,
                "name": name,
                "popular": log.queries(code, days)[:ROWS],
                "without_results": log.without_results(code, days, ROWS),
            }
            for code, name in settings.LANGUAGES
        ]
        return super().get_context_data(
            days=days,
            periods=PERIODS,
            languages=languages,
            report_url=reverse("search_report"),
            **kwargs,
        )
