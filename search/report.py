"""The admin's *Rapporten › Zoekopdrachten*: what visitors search for, per language.

For each language the most searched queries (with what their last search found) and the ones
that found nothing, over a period the editor chooses (30 days unless the URL says otherwise).
The second list is a to-do list: write a page, add a synonym, or promote a page for the query.
Only accounts with ``search.view_searchqueryday`` (both editor roles, migration
``search/0002``) open it; partners have no such permission and get no *Reports* menu at all.

Two more lists show where the search had to help: "Gevonden via een synoniem" (the latest search
found pages only through the synonym list or a Dutch compound) and "Verbeterd" (the latest search
found nothing as typed and was answered with a corrected query, shown beside it). Each row of these
lists and of "Zonder resultaten" has two links that do the editor's next step in one go:
*Synoniem toevoegen* (the synonym form with the query and language filled in, or the group that
already holds the query) and *Promotie toevoegen* (the promoted-result form with the query filled
in), see ``search.views_admin``. Each link shows only to accounts that may use it.

The report also shows what the public no-results page offers under "Vaak gezocht" right now
(``search.log.offered``), each with a *Verbergen* button, and the queries editors hid, each with
*Weer tonen*. Both are POSTs with a CSRF token, for the same editors as the report: whoever may
read what visitors search for may also keep a query off the public page. A GET changes nothing.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.auth import permission_required
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import log
from .models import MAX_LOGGED_QUERY_LENGTH, SynonymGroup
from .query import MASK_MARK
from .views_admin import group_ids_by_term, promotion_url, synonym_url

PERMISSION = "search.view_searchqueryday"
# The synonym link opens the add form, or the edit form of the group that holds the query.
SYNONYM_PERMISSIONS = ["search.add_synonymgroup", "search.change_synonymgroup"]
PROMOTION_PERMISSION = "wagtailsearchpromotions.add_searchpromotion"
PERIODS = [7, 30, 90, 365]
DEFAULT_PERIOD = 30
ROWS = 25


@dataclass(frozen=True)
class ToDoList:
    """One of the report's to-do lists: its rows come from ``read(language, days, limit)``; a
    third column (``column``, read from the row's ``key``) when the list has one."""

    slug: str
    heading: str
    intro: str
    empty: str
    read: object
    column: str = ""
    key: str = ""


TO_DO_LISTS = (
    ToDoList(
        "none",
        _("Zonder resultaten"),
        _(
            "Deze zoekopdrachten vonden niets. Heeft de site het onderwerp wel, maar met andere woorden? "
            "Voeg dan een synoniem toe. Of kies zelf een pagina die bovenaan komt: een promotie."
        ),
        _("Elke zoekopdracht vond iets."),
        log.without_results,
    ),
    ToDoList(
        "expanded",
        _("Gevonden via een synoniem"),
        _(
            "Deze zoekopdrachten vonden de woorden zelf niet, maar wel een synoniem of een langer woord "
            "waar ze in staan. Kloppen de resultaten? Staat de beste pagina niet bovenaan? Voeg dan een "
            "promotie toe."
        ),
        _("Geen zoekopdracht had een synoniem nodig."),
        log.found_through_synonyms,
        _("Resultaten bij de laatste keer"),
        "last_results",
    ),
    ToDoList(
        "corrected",
        _("Verbeterd"),
        _(
            "Deze zoekopdrachten vonden niets zoals ze getypt waren. De zoekfunctie verbeterde een "
            "tikfout en liet de resultaten daarvan zien. Is het geen tikfout, maar een ander woord voor "
            "hetzelfde? Voeg het dan toe als synoniem."
        ),
        _("Geen zoekopdracht hoefde verbeterd te worden."),
        log.corrected,
        _("Gezocht als"),
        "last_answered_as",
    ),
)


def period_from(params):
    """The ``dagen`` parameter if it is one of the offered periods, else the default."""
    value = params.get("dagen", "")
    return int(value) if value in {str(days) for days in PERIODS} else DEFAULT_PERIOD


def report_url(days, language=None):
    """The report for ``days``, at ``language``'s "Vaak gezocht" list when one is given."""
    url = f"{reverse('search_report')}?dagen={days}"
    return f"{url}#search-report-{language}-offered" if language else url


@method_decorator(permission_required(PERMISSION), name="dispatch")
class SearchReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/report.html"
    page_title = _("Zoekopdrachten")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def link_adder(self):
        """A function that gives each row of a to-do list its ``synonym_url`` and ``promotion_url``.

        A link is left out when the account may not use it, and for a query with a masked part
        (``[e-mail]``, ``[link]``): that is nobody's search term. The synonym groups are read
        once for the whole report, however many rows it has.
        """
        user = self.request.user
        may_keep_synonyms = user.has_perms(SYNONYM_PERMISSIONS)
        may_promote = user.has_perm(PROMOTION_PERMISSION)
        groups = SynonymGroup.objects.values_list("pk", "language", "words") if may_keep_synonyms else []
        group_ids = group_ids_by_term(groups)

        def add_links(rows, language):
            for row in rows:
                if MASK_MARK in row["query"]:
                    continue
                if may_keep_synonyms:
                    also = row.get("last_answered_as", "")
                    row["synonym_url"] = synonym_url(row["query"], language, group_ids, also)
                if may_promote:
                    row["promotion_url"] = promotion_url(row["query"])
            return rows

        return add_links

    def get_context_data(self, **kwargs):
        days = period_from(self.request.GET)
        add_links = self.link_adder()
        languages = [
            {
                "code": code,
                "name": name,
                "popular": log.queries(code, days)[:ROWS],
                "to_do": [
                    {
                        "list": to_do,
                        "rows": [
                            {**row, "extra": row.get(to_do.key, "")}
                            for row in add_links(to_do.read(code, days, ROWS), code)
                        ],
                    }
                    for to_do in TO_DO_LISTS
                ],
                "offered": log.offered(code),
                "hidden": log.hidden(code),
            }
            for code, name in settings.LANGUAGES
        ]
        return super().get_context_data(
            days=days,
            periods=PERIODS,
            languages=languages,
            report_url=reverse("search_report"),
            popular_days=log.POPULAR_DAYS,
            hide_url=reverse("search_report_hide"),
            show_url=reverse("search_report_show"),
            **kwargs,
        )


class PopularQueryForm(forms.Form):
    """Which query, in which language: what the report's buttons send."""

    language = forms.ChoiceField(choices=lambda: settings.LANGUAGES)
    # As the log stores it; not normalised again (a placeholder's brackets would go).
    query = forms.CharField(max_length=MAX_LOGGED_QUERY_LENGTH)


@method_decorator(permission_required(PERMISSION), name="dispatch")
class PopularQueryActionView(View):
    """Hide a query from, or show it again on, the public "Vaak gezocht" list; back to the report.

    Only POST: a GET (a link followed, a prefetch) answers 405 and changes nothing.
    """

    http_method_names = ["post"]

    def act(self, language, query):
        raise NotImplementedError

    def post(self, request):
        days = period_from(request.POST)
        form = PopularQueryForm(request.POST)
        if not form.is_valid():
            messages.error(
                request, _("Dat lukte niet: de zoekopdracht of de taal ontbrak. Er is niets veranderd.")
            )
            return redirect(report_url(days))
        language, query = form.cleaned_data["language"], form.cleaned_data["query"]
        messages.success(request, self.act(language, query))
        return redirect(report_url(days, language))


class HideQueryView(PopularQueryActionView):
    def act(self, language, query):
        log.hide(language, query, self.request.user)
        return _("“%(query)s” staat niet meer bij Vaak gezocht.") % {"query": query}


class ShowQueryView(PopularQueryActionView):
    def act(self, language, query):
        log.show(language, query)
        return _("“%(query)s” mag weer bij Vaak gezocht staan, als genoeg bezoekers er iets mee vinden.") % {
            "query": query
        }
