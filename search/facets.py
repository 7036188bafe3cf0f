"""Facets of the search results, with counts, built from ``core.listing``'s filters.

The same ``ListingFilter`` objects as the listings, with the same GET names (``soort``, ``thema``,
``organisatie``, ``gemeente``, ``bewijs``) plus ``type`` (page type) and ``jaar``: they give the
choices, the chosen values, the form and its reset links. The choices (themes, organisations,
municipalities) come from the knowledge base's own filters.

What differs is where they narrow and count: among *every* match of the query, which for a
common word is most of a 10,000-item knowledge base. A grouped query per facet over those matches
took 25 ms each on PostgreSQL; instead each facet value knows its pages (``FacetTable``, read once
per content version) and a count is the size of an intersection, narrowing one more. Without
queries, however many pages match or facets are chosen.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, get_page_models

from core.caching import cached, kept_in_process
from core.listing import ListingFilter, choice_filter
from knowledge.models import (
    KnowledgeItemPage,
    MeetingPage,
    Municipality,
    NewsPage,
    Organisation,
    PilotPage,
    ThemePage,
)
from knowledge.models.filters import municipality_filter, organisation_filter, theme_filter

from .ids import id_list

# The page types that have themes, and per facet the columns that hold a page's value: one for
# most, one per page type that has the field (a page is of one type: at most one is set).
THEMED = (KnowledgeItemPage, PilotPage, MeetingPage, NewsPage)
COLUMNS = {
    "type": ("content_type",),
    "soort": ("knowledgeitempage__kind",),
    "organisatie": (
        "knowledgeitempage__organisation",
        "newspage__organisation",
        "pilotpage__organisation",
    ),
    "gemeente": ("knowledgeitempage__municipality", "pilotpage__municipality"),
    "jaar": ("search_year",),
    "bewijs": ("knowledgeitempage__evidence_level",),
}


def _by_pk(model, field_name, name):
    """``{pk: field value}`` of every ``model`` row, kept until the content changes."""
    return cached(name, lambda: dict(model.objects.values_list("pk", field_name)))


def _theme_slugs(locale_id):
    """``{theme pk in any language: slug of the theme in locale_id}``: pages of every language
    point at the Dutch themes, which share a translation key with their translations."""

    def slugs():
        slug_of_key = dict(
            ThemePage.objects.filter(locale_id=locale_id).values_list("translation_key", "slug")
        )
        rows = ThemePage.objects.filter(translation_key__in=slug_of_key).values_list("pk", "translation_key")
        return {pk: slug_of_key[key] for pk, key in rows}

    return cached(f"search-theme-slugs:{locale_id}", slugs)


class FacetTable:
    """The pages of each facet value of one locale's live pages: ``{param: {value: {page pk}}}``.

    Values are the facets' URL values (a theme's slug, a municipality's CBS code). Kept in this
    process per content version (``for_locale``): at 10,000 pages the table is about a megabyte,
    which a shared cache would send and unpickle on every search. A page it does not know yet (one
    published without a new content version, as in a shell) is read when a search finds it.
    """

    def __init__(self, locale_id):
        self.known = set()
        self.pages = {param: {} for param in (*COLUMNS, "thema")}
        self.value_of = {
            "type": lambda pk: ContentType.objects.get_for_id(pk).model,
            "soort": str,
            "organisatie": _by_pk(Organisation, "slug", "search-organisation-slugs").get,
            "gemeente": _by_pk(Municipality, "cbs_code", "search-municipality-codes").get,
            "jaar": str,
            "bewijs": str,
            "thema": _theme_slugs(locale_id).get,
        }

    @classmethod
    def for_locale(cls, locale_id):
        def build():
            table = cls(locale_id)
            table.read(Page.objects.filter(locale_id=locale_id, live=True))
            return table

        return kept_in_process(f"search-facet-table:{locale_id}", build)

    def read(self, pages):
        """Add the values of ``pages`` (a Page queryset). Two queries."""
        columns = [column for facet_columns in COLUMNS.values() for column in facet_columns]
        with_year = pages.annotate(
            search_year=Coalesce("knowledgeitempage__year", ExtractYear("first_published_at"))
        )
        for pk, *row in with_year.order_by().values_list("pk", *columns).iterator(chunk_size=2000):
            start = 0
            for param, facet_columns in COLUMNS.items():
                for value in row[start : start + len(facet_columns)]:
                    self._add(param, value, pk)
                start += len(facet_columns)
            self.known.add(pk)
        for pk, theme in self._themes(pages):
            self._add("thema", theme, pk)

    def _add(self, param, raw, pk):
        value = self.value_of[param](raw) if raw else None
        if value is not None:
            self.pages[param].setdefault(value, set()).add(pk)

    @staticmethod
    def _themes(pages):
        """``(page pk, theme pk)`` of ``pages``, from each page type's table of themes."""
        pks = pages.order_by().values("pk")
        tables = []
        for model in THEMED:
            field = model._meta.get_field("themes")
            page, theme = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows = field.remote_field.through.objects.filter(**{f"{page}__in": pks})
            tables.append(rows.order_by().values_list(f"{page}_id", f"{theme}_id"))
        return tables[0].union(*tables[1:], all=True)

    def cover(self, pks):
        """Read the pages among ``pks`` the table does not know yet (none, usually)."""
        missing = [pk for pk in pks if pk not in self.known]
        if missing:
            self.read(Page.objects.filter(pk__in=id_list(missing)))
            self.known.update(missing)


class FacetCounts:
    """Narrows and counts the matches ``ids`` by the facets' chosen values (``facets``)."""

    def __init__(self, table, ids):
        table.cover(ids)
        self.table = table
        self.matches = set(ids)
        self.facets = []  # set by search_facets; read when counting: who has chosen what

    def among(self, leave_out=None):
        """The matches with every chosen value but ``leave_out``'s."""
        pages = self.matches
        for facet in self.facets:
            if facet.selected and facet.param != leave_out:
                pages = pages & self.table.pages[facet.param].get(facet.selected, set())
        return pages

    def counter(self, param):
        """A ``ListingFilter.count`` for the facet ``param``: among what the others leave."""

        def count(_queryset):
            pages = self.among(leave_out=param)
            counts = {value: len(pages & having) for value, having in self.table.pages[param].items()}
            return {value: number for value, number in counts.items() if number}

        return count


def _unchanged(queryset, _value):
    # ``core.listing.apply_filters`` narrows querysets; the search narrows in ``FacetCounts.among``.
    return queryset


def _facet(listing_filter, counts):
    listing_filter.apply, listing_filter.count = _unchanged, counts.counter(listing_filter.param)
    return listing_filter


def _year_facet(table):
    years = sorted((int(year) for year in table.pages["jaar"]), reverse=True)
    return ListingFilter(
        param="jaar",
        label=_("Jaar"),
        all_label=_("Alle jaren"),
        choices=[(str(year), str(year)) for year in years if year],
        apply=_unchanged,
    )


def _type_facet():
    models = [model for model in get_page_models() if model._meta.app_label != "wagtailcore"]
    return ListingFilter(
        param="type",
        label=_("Soort pagina"),
        all_label=_("Alle soorten pagina's"),
        choices=[(model._meta.model_name, capfirst(model._meta.verbose_name_plural)) for model in models],
        apply=_unchanged,
    )


def search_facets(ids, locale_id):
    """The facets for the matching pages ``ids``, in the order the form shows them, with their
    ``FacetCounts``. No query once this content version's ``FacetTable`` is read."""
    table = FacetTable.for_locale(locale_id)
    counts = FacetCounts(table, ids)
    kinds, levels = KnowledgeItemPage.Kind.choices, KnowledgeItemPage.EvidenceLevel.choices
    counts.facets = [
        _facet(listing_filter, counts)
        for listing_filter in (
            _type_facet(),
            choice_filter("soort", _("Soort"), _("Alle soorten"), kinds, "knowledgeitempage__kind"),
            theme_filter(locale_id),
            organisation_filter("-"),
            municipality_filter(),
            _year_facet(table),
            choice_filter(
                "bewijs", _("Bewijskracht"), _("Alle niveaus"), levels, "knowledgeitempage__evidence_level"
            ),
        )
    ]
    return counts
