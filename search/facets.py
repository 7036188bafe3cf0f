"""Facets of the search results, with counts, built from ``core.listing``'s filters.

The same ``ListingFilter`` objects as the listings, with the same GET names (``soort``, ``thema``,
``organisatie``, ``gemeente``, ``bewijs``) plus ``type`` (page type) and ``jaar``: they narrow,
count (each among what the other chosen facets leave) and give the form and its reset links. The
difference is the queryset: search results are pages of every type, so a facet reaches its field
through each page type that has it (``knowledgeitempage__themes``, ``pilotpage__themes``...).
The choices (themes, organisations, municipalities) come from the knowledge base's own filters.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, get_page_models

from core.listing import ListingFilter, choice_filter, count_by
from knowledge.models import KnowledgeItemPage, ThemePage
from knowledge.models.filters import municipality_filter, organisation_filter, theme_filter

# Page type -> how its pages reach a theme, an organisation, a municipality.
THEMED = ("knowledgeitempage", "pilotpage", "meetingpage", "newspage")
ORGANISATIONS = (
    "knowledgeitempage__source_organisation",
    "newspage__organisation",
    "pilotpage__supporting_organisation",
)
MUNICIPALITIES = ("knowledgeitempage__municipality", "pilotpage__municipality")


def _across(listing_filter, lookups, value_of=str):
    """``listing_filter``'s choices, applied and counted through each of ``lookups``."""

    def apply(queryset, value):
        # One subquery per page type: an OR over several joins would multiply the rows (and took
        # seconds on PostgreSQL).
        matching = [Q(pk__in=Page.objects.filter(**{lookup: value}).values("pk")) for lookup in lookups]
        return queryset.filter(reduce(or_, matching))

    def count(queryset):
        counts = {}
        for lookup in lookups:
            for value, number in count_by(lookup, value_of)(queryset).items():
                counts[value] = counts.get(value, 0) + number
        return counts

    listing_filter.apply, listing_filter.count = apply, count
    return listing_filter


def _theme_facet(locale_id):
    themes = theme_filter(locale_id)
    # Pages of every language point at the Dutch themes: match them by their translation key.
    keys = dict(
        ThemePage.objects.filter(
            locale_id=locale_id, slug__in=[slug for slug, _title in themes.choices]
        ).values_list("slug", "translation_key")
    )
    slugs = {str(key): slug for slug, key in keys.items()}
    facet = _across(
        themes, [f"{name}__themes__translation_key" for name in THEMED], lambda key: slugs.get(str(key))
    )
    apply_by_key = facet.apply
    facet.apply = lambda queryset, value: apply_by_key(queryset, keys[value])
    return facet


def _year(queryset):
    return queryset.annotate(
        search_year=Coalesce("knowledgeitempage__year", ExtractYear("first_published_at"))
    )


def year_facet(candidates):
    years = sorted(
        {year for year in _year(candidates).values_list("search_year", flat=True) if year}, reverse=True
    )
    return ListingFilter(
        param="jaar",
        label=_("Jaar"),
        all_label=_("Alle jaren"),
        choices=[(str(year), str(year)) for year in years],
        apply=lambda queryset, value: _year(queryset).filter(search_year=int(value)),
        count=lambda queryset: count_by("search_year")(_year(queryset)),
    )


def type_facet():
    models = [model for model in get_page_models() if model._meta.app_label != "wagtailcore"]
    return ListingFilter(
        param="type",
        label=_("Soort pagina"),
        all_label=_("Alle soorten pagina's"),
        choices=[(model._meta.model_name, capfirst(model._meta.verbose_name_plural)) for model in models],
        apply=lambda queryset, value: queryset.filter(content_type__model=value),
        count=count_by("content_type__model"),
    )


def search_facets(candidates, locale_id):
    """The facets for ``candidates`` (the matching pages), in the order the form shows them."""
    return [
        type_facet(),
        choice_filter(
            "soort", _("Soort"), _("Alle soorten"), KnowledgeItemPage.Kind.choices, "knowledgeitempage__kind"
        ),
        _theme_facet(locale_id),
        _across(organisation_filter("-"), [f"{lookup}__slug" for lookup in ORGANISATIONS]),
        _across(municipality_filter(), [f"{lookup}__cbs_code" for lookup in MUNICIPALITIES]),
        year_facet(candidates),
        choice_filter(
            "bewijs",
            _("Bewijskracht"),
            _("Alle niveaus"),
            KnowledgeItemPage.EvidenceLevel.choices,
            "knowledgeitempage__evidence_level",
        ),
    ]
