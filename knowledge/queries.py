"""Read-side queries for the knowledge base: what a page shows besides its own fields.

Pages point at themes, methods and organisations in the site's main language (see
``SOURCE_LOCALE``), so a page in any language finds its related pages through the
``translation_key`` of the page it is on and then keeps to its own locale. Every function here
runs a fixed number of queries, whatever the size of the lists it returns.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from home.listing import ListingFilter

from .models import (
    KnowledgeItemPage,
    MeetingPage,
    Municipality,
    NewsPage,
    Organisation,
    PilotPage,
    SubsidyPage,
    ThemePage,
)
from .models.organisations import SOURCE_LOCALE


def _live_in(model, locale):
    return (
        model.objects.live()
        .public()
        .filter(locale=locale)
        .defer_streamfields()
        .select_related("listing_image")
    )


def theme_filter(locale):
    themes = list(
        ThemePage.objects.live()
        .filter(locale=locale)
        .order_by("path")
        .values_list("slug", "title", "translation_key")
    )
    keys = {slug: key for slug, _title, key in themes}
    return ListingFilter(
        param="thema",
        label=_("Thema"),
        choices=[(slug, title) for slug, title, _key in themes],
        apply=lambda queryset, value: queryset.filter(themes__translation_key=keys[value]).distinct(),
    )


def organisation_filter(field_name):
    organisations = Organisation.objects.filter(**SOURCE_LOCALE).values_list("slug", "name")
    return ListingFilter(
        param="organisatie",
        label=_("Organisatie"),
        choices=list(organisations),
        apply=lambda queryset, value: queryset.filter(**{f"{field_name}__slug": value}),
    )


def municipality_filter():
    return ListingFilter(
        param="gemeente",
        label=_("Gemeente"),
        choices=list(Municipality.objects.values_list("cbs_code", "name")),
        apply=lambda queryset, value: queryset.filter(municipality__cbs_code=value),
    )


def upcoming_meetings(locale, limit=None):
    meetings = _live_in(MeetingPage, locale).filter(end__gte=timezone.now()).order_by("start")
    return meetings[:limit] if limit else meetings


def theme_page_sections(theme):
    """Everything tagged with ``theme``, in the theme page's language."""

    def tagged(model):
        return _live_in(model, theme.locale).filter(themes__translation_key=theme.translation_key).distinct()

    return {
        "knowledge_items": tagged(KnowledgeItemPage).select_related("source_organisation").order_by("title"),
        "pilots": tagged(PilotPage).select_related("municipality").order_by("-start_date"),
        "upcoming_meetings": tagged(MeetingPage).filter(end__gte=timezone.now()).order_by("start"),
        "news_items": tagged(NewsPage).order_by("-date")[:6],
    }


def home_page_sections(home):
    locale = home.locale
    return {
        "themes": _live_in(ThemePage, locale).order_by("path"),
        "latest_news": _live_in(NewsPage, locale).order_by("-date", "-pk")[:3],
        "upcoming_meetings": upcoming_meetings(locale, limit=3),
        "featured_pilots": _live_in(PilotPage, locale)
        .select_related("municipality")
        .order_by("-start_date")[:3],
        "open_subsidies": _live_in(SubsidyPage, locale)
        .filter(status=SubsidyPage.Status.OPEN)
        .order_by("deadline")[:3],
        "section_pages": _section_pages(home),
    }


def _section_pages(home):
    """The index pages below the home page, for the 'find your way' links."""
    return Page.objects.child_of(home).live().public().in_menu().order_by("path")


def pilots_using_item(item):
    return (
        _live_in(PilotPage, item.locale)
        .filter(methods_used__translation_key=item.translation_key)
        .select_related("municipality")
        .distinct()
        .order_by("title")
    )


def methods_used_by_pilot(pilot):
    source_keys = pilot.methods_used.values_list("translation_key", flat=True)
    return _live_in(KnowledgeItemPage, pilot.locale).filter(translation_key__in=source_keys).order_by("title")
