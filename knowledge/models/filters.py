"""Listing filters on the knowledge base's relations: theme, organisation, municipality.

Built on ``core.listing``: the choices come from the cache (under the content version), so a
listing's filter form costs no query once warm. Each filter counts its results per choice (one
query, inside the cached listing), so the form offers only the choices that find something.
"""

from django.utils.translation import gettext_lazy as _

from core.caching import cached
from core.listing import ListingFilter, count_by
from core.visibility import visible

from .organisations import SOURCE_LOCALE, Municipality, Organisation
from .themes import ThemePage


def theme_filter(locale_id):
    themes = cached(
        f"theme-choices:{locale_id}",
        lambda: list(
            visible(ThemePage.objects.filter(locale_id=locale_id))
            .order_by("path")
            .values_list("slug", "title", "translation_key")
        ),
    )
    keys = {slug: key for slug, _title, key in themes}
    return ListingFilter(
        param="thema",
        label=_("Thema"),
        all_label=_("Alle thema's"),
        choices=[(slug, title) for slug, title, _key in themes],
        apply=lambda queryset, value: queryset.filter(themes__translation_key=keys[value]).distinct(),
        # Pages of every language point at the Dutch themes, which share their translation key.
        count=count_by("themes__translation_key", {key: slug for slug, key in keys.items()}.get),
    )


def organisation_filter(field_name):
    organisations = cached(
        "organisation-choices",
        lambda: list(Organisation.objects.filter(**SOURCE_LOCALE).values_list("slug", "name")),
    )
    return ListingFilter(
        param="organisatie",
        label=_("Organisatie"),
        all_label=_("Alle organisaties"),
        choices=organisations,
        apply=lambda queryset, value: queryset.filter(**{f"{field_name}__slug": value}),
        count=count_by(f"{field_name}__slug"),
    )


def municipality_filter():
    return ListingFilter(
        param="gemeente",
        label=_("Gemeente"),
        all_label=_("Alle gemeenten"),
        choices=cached(
            "municipality-choices", lambda: list(Municipality.objects.values_list("cbs_code", "name"))
        ),
        apply=lambda queryset, value: queryset.filter(municipality__cbs_code=value),
        # All 51 are valid in a URL; the form offers those with results ("Arnhem (2)").
        count=count_by("municipality__cbs_code"),
    )
