"""Facets of the search results, with counts, built from ``core.listing``'s filters.

The same ``ListingFilter`` objects as the listings, with the same GET names (``soort``, ``thema``,
``organisatie``, ``gemeente``, ``bewijs``) plus ``type`` (page type) and ``jaar``: they narrow,
count (each among what the other chosen facets leave) and give the form and its reset links. The
difference is the queryset: search results are pages of every type, so a facet reaches its field
through each page type that has it (``knowledgeitempage__themes``, ``pilotpage__themes``...).
The choices (themes, organisations, municipalities) come from the knowledge base's own filters.

Counting costs two queries, whatever the number of matches, choices or chosen facets: see
``FacetValues``.
"""

from functools import cached_property, reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, get_page_models

from core.caching import cached
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

# Page type -> how its pages reach a theme, an organisation, a municipality.
THEMED = (KnowledgeItemPage, PilotPage, MeetingPage, NewsPage)
ORGANISATIONS = (
    "knowledgeitempage__source_organisation",
    "newspage__organisation",
    "pilotpage__supporting_organisation",
)
MUNICIPALITIES = ("knowledgeitempage__municipality", "pilotpage__municipality")
# Per facet, the columns that hold a page's value: one for most, one per page type that has the
# field (a page is of one type: at most one is set). Relations are read as ids, without a join.
COLUMNS = {
    "type": ("content_type",),
    "soort": ("knowledgeitempage__kind",),
    "organisatie": ORGANISATIONS,
    "gemeente": MUNICIPALITIES,
    "jaar": ("search_year",),
    "bewijs": ("knowledgeitempage__evidence_level",),
}


def _year(queryset):
    return queryset.annotate(
        search_year=Coalesce("knowledgeitempage__year", ExtractYear("first_published_at"))
    )


def _by_pk(model, field_name, name):
    """``{pk: field value}`` of every ``model`` row, kept until the content changes."""
    return cached(name, lambda: dict(model.objects.values_list("pk", field_name))).get


class FacetValues:
    """Every candidate's value for every facet, read once; the facets count among them in Python.

    ``core.listing.apply_filters`` counts each facet among the candidates the *other* chosen
    facets leave. Asking the database for that costs a grouped query per facet, each narrowing
    the candidates again (and on PostgreSQL one join per page type and theme made the planner
    expect millions of rows and compile the query: 25 ms a count). The search caps the
    candidates (``search.ranking.MAX_CANDIDATES``), so this reads their values once, one row per
    page and one per page and theme, and narrows and counts here, by the same values the facets'
    ``apply`` filters on (``tests/search/test_facets.py`` holds the two together).
    """

    def __init__(self, candidates, theme_slugs):
        self.candidates = candidates
        self.facets = []  # set by search_facets; read when counting: who has chosen what
        self.value_of = {
            "type": lambda pk: ContentType.objects.get_for_id(pk).model,
            "soort": str,
            "organisatie": _by_pk(Organisation, "slug", "search-organisation-slugs"),
            "gemeente": _by_pk(Municipality, "cbs_code", "search-municipality-codes"),
            "jaar": str,
            "bewijs": str,
            "thema": theme_slugs.get,
        }

    @cached_property
    def pages(self):
        """``{pk: {facet param: {values}}}`` of the candidates. Two queries."""
        pages = {}
        columns = [column for facet_columns in COLUMNS.values() for column in facet_columns]
        for pk, *row in _year(self.candidates).order_by().values_list("pk", *columns):
            values, start = {"thema": set()}, 0
            for param, facet_columns in COLUMNS.items():
                found = (
                    self.value_of[param](value) for value in row[start : start + len(facet_columns)] if value
                )
                values[param] = {value for value in found if value is not None}
                start += len(facet_columns)
            pages[pk] = values
        for pk, theme in self._themes():
            slug = self.value_of["thema"](theme)
            if pk in pages and slug is not None:
                pages[pk]["thema"].add(slug)
        return pages

    def _themes(self):
        """``(page pk, theme pk)`` of the candidates, from each page type's table of themes."""
        pks = self.candidates.order_by().values("pk")
        tables = []
        for model in THEMED:
            field = model._meta.get_field("themes")
            page, theme = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows = field.remote_field.through.objects.filter(**{f"{page}__in": pks})
            tables.append(rows.order_by().values_list(f"{page}_id", f"{theme}_id"))
        return tables[0].union(*tables[1:], all=True)

    def counter(self, param):
        """A ``ListingFilter.count`` for the facet ``param``."""

        def count(_queryset):
            # ``_queryset`` is the candidates narrowed by the other chosen facets: narrowed here.
            others = [
                (facet.param, facet.selected)
                for facet in self.facets
                if facet.param != param and facet.selected
            ]
            counts = {}
            for values in self.pages.values():
                if all(selected in values[other] for other, selected in others):
                    for value in values[param]:
                        counts[value] = counts.get(value, 0) + 1
            return counts

        return count


def _across(listing_filter, lookups, count):
    """``listing_filter``'s choices, applied through each of ``lookups``, counted by ``count``."""

    def apply(queryset, value):
        # One subquery per page type: an OR over several joins would multiply the rows (and took
        # seconds on PostgreSQL).
        matching = [Q(pk__in=Page.objects.filter(**{lookup: value}).values("pk")) for lookup in lookups]
        return queryset.filter(reduce(or_, matching))

    listing_filter.apply, listing_filter.count = apply, count
    return listing_filter


def _theme_lookups(locale_id, themes):
    """``({slug: translation key}, {theme pk in any language: slug})`` for ``locale_id``'s themes."""

    def lookups():
        keys = dict(
            ThemePage.objects.filter(
                locale_id=locale_id, slug__in=[slug for slug, _title in themes.choices]
            ).values_list("slug", "translation_key")
        )
        slug_of_key = {key: slug for slug, key in keys.items()}
        by_pk = ThemePage.objects.filter(translation_key__in=keys.values()).values_list(
            "pk", "translation_key"
        )
        return keys, {pk: slug_of_key[key] for pk, key in by_pk}

    return cached(f"search-theme-lookups:{locale_id}", lookups)


def _theme_facet(themes, keys, counts):
    # Pages of every language point at the Dutch themes: match them by their translation key.
    facet = _across(
        themes,
        [f"{model._meta.model_name}__themes__translation_key" for model in THEMED],
        counts.counter("thema"),
    )
    apply_by_key = facet.apply
    facet.apply = lambda queryset, value: apply_by_key(queryset, keys[value])
    return facet


def year_facet(counts):
    years = sorted({int(year) for values in counts.pages.values() for year in values["jaar"]}, reverse=True)
    return ListingFilter(
        param="jaar",
        label=_("Jaar"),
        all_label=_("Alle jaren"),
        choices=[(str(year), str(year)) for year in years if year],
        apply=lambda queryset, value: _year(queryset).filter(search_year=int(value)),
        count=counts.counter("jaar"),
    )


def type_facet(counts):
    models = [model for model in get_page_models() if model._meta.app_label != "wagtailcore"]
    return ListingFilter(
        param="type",
        label=_("Soort pagina"),
        all_label=_("Alle soorten pagina's"),
        choices=[(model._meta.model_name, capfirst(model._meta.verbose_name_plural)) for model in models],
        apply=lambda queryset, value: queryset.filter(content_type__model=value),
        count=counts.counter("type"),
    )


def _counted(listing_filter, count):
    listing_filter.count = count
    return listing_filter


def search_facets(candidates, locale_id):
    """The facets for ``candidates`` (the matching pages), in the order the form shows them."""
    themes = theme_filter(locale_id)
    keys, theme_slugs = _theme_lookups(locale_id, themes)
    counts = FacetValues(candidates, theme_slugs)
    kinds, levels = KnowledgeItemPage.Kind.choices, KnowledgeItemPage.EvidenceLevel.choices
    counts.facets = [
        type_facet(counts),
        _counted(
            choice_filter("soort", _("Soort"), _("Alle soorten"), kinds, "knowledgeitempage__kind"),
            counts.counter("soort"),
        ),
        _theme_facet(themes, keys, counts),
        _across(
            organisation_filter("-"),
            [f"{lookup}__slug" for lookup in ORGANISATIONS],
            counts.counter("organisatie"),
        ),
        _across(
            municipality_filter(),
            [f"{lookup}__cbs_code" for lookup in MUNICIPALITIES],
            counts.counter("gemeente"),
        ),
        year_facet(counts),
        _counted(
            choice_filter(
                "bewijs", _("Bewijskracht"), _("Alle niveaus"), levels, "knowledgeitempage__evidence_level"
            ),
            counts.counter("bewijs"),
        ),
    ]
    return counts.facets
