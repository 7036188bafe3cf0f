"""The search's admin screens: the report in *Rapporten › Zoekopdrachten* (``search.report``) and
the synonym list in *Instellingen › Synoniemen* (``search.views_admin``)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from core.hooks import KEYWORD_SEARCH_HOOK, PAGE_CONTEXT_HOOK

from .ids import id_list
from .query import normalise, terms
from .ranking import ranked_ids
from .related import related_context
from .report import PERMISSION, HideQueryView, SearchReportView, ShowQueryView
from .views_admin import PromotionAddView, synonym_viewset

# Knowledge items, pilots and news end with the pages most like them (search/related.py).
hooks.register(PAGE_CONTEXT_HOOK, related_context)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [
        path("zoekrapport/", SearchReportView.as_view(), name="search_report"),
        path("zoekrapport/verbergen/", HideQueryView.as_view(), name="search_report_hide"),
        path("zoekrapport/weer-tonen/", ShowQueryView.as_view(), name="search_report_show"),
        # Wagtail's promoted-result form with the report's query filled in; it posts to Wagtail's own.
        path("zoekrapport/promotie-toevoegen/", PromotionAddView.as_view(), name="search_promotion_add"),
    ]


@hooks.register("register_admin_viewset")
def register_synonym_viewset():
    return synonym_viewset


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(
        _("Zoekopdrachten"), reverse("search_report"), name="search-queries", icon_name="search", order=1310
    )


@hooks.register("construct_reports_menu")
def hide_wagtails_search_terms(request, menu_items):
    # Wagtail's own "Search terms" report reads hits this site never records (see search.log).
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register(KEYWORD_SEARCH_HOOK)
def search_within(queryset, text, language):
    """The site search within ``queryset`` (the kennisbank's items): same query rules, same ranking."""
    query = normalise(text)
    words = terms(query)
    if not words:
        return query, queryset, []
    ids = ranked_ids(Page.objects.filter(pk__in=queryset.values("pk")), words, language)
    return query, queryset.filter(pk__in=id_list(ids)), ids
