"""Read-side queries for the knowledge base: what a page shows besides its own fields.

Pages point at themes, methods and organisations in the site's main language (see
``SOURCE_LOCALE``), so a page in any language finds its related pages through the
``translation_key`` of the page it is on and then keeps to its own locale. Every function here
runs a fixed number of queries, whatever the size of the lists it returns.
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.caching import cached, private_pages_q
from home.listing import ListingFilter, prefetch_card_renditions

from .models import (
    KnowledgeIndexPage,
    KnowledgeItemPage,
    MeetingIndexPage,
    MeetingPage,
    Municipality,
    NewsIndexPage,
    NewsPage,
    Organisation,
    PilotIndexPage,
    PilotPage,
    SubsidyIndexPage,
    SubsidyPage,
    ThemeIndexPage,
    ThemePage,
)
from .models.organisations import SOURCE_LOCALE

# The index pages below a home page, by the name templates use for them (``index_pages.news``).
INDEX_PAGE_TYPES = {
    "themes": ThemeIndexPage,
    "knowledge": KnowledgeIndexPage,
    "pilots": PilotIndexPage,
    "meetings": MeetingIndexPage,
    "news": NewsIndexPage,
    "subsidies": SubsidyIndexPage,
}


def _live_in(model, locale):
    """Live, public pages of ``model`` in ``locale`` (a Locale or its id), ready for cards.

    ``private_pages_q()`` is Wagtail's ``.public()`` without the query it runs on every call.
    """
    return (
        model.objects.live()
        .exclude(private_pages_q())
        .filter(locale=locale)
        .defer_streamfields()
        .select_related("listing_image")
    )


def theme_filter(locale_id):
    themes = cached(
        f"theme-choices:{locale_id}",
        lambda: list(
            ThemePage.objects.live()
            .filter(locale_id=locale_id)
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
    )


def upcoming_meetings(locale, limit=None):
    meetings = _live_in(MeetingPage, locale).filter(end__gte=timezone.now()).order_by("start")
    return meetings[:limit] if limit else meetings


def theme_page_sections(theme):
    """Everything tagged with ``theme``, in the theme page's language."""

    def tagged(model):
        return (
            _live_in(model, theme.locale_id).filter(themes__translation_key=theme.translation_key).distinct()
        )

    knowledge_items, pilots, meetings, news_items = prefetch_card_renditions(
        tagged(KnowledgeItemPage).select_related("source_organisation").order_by("title"),
        tagged(PilotPage).select_related("municipality").order_by("-start_date"),
        tagged(MeetingPage).filter(end__gte=timezone.now()).order_by("start"),
        tagged(NewsPage).order_by("-date")[:6],
    )
    return {
        "knowledge_items": knowledge_items,
        "pilots": pilots,
        "upcoming_meetings": meetings,
        "news_items": news_items,
    }


def home_page_sections(home):
    locale = home.locale_id
    themes, latest_news, meetings, pilots, subsidies = prefetch_card_renditions(
        _live_in(ThemePage, locale).order_by("path"),
        _live_in(NewsPage, locale).order_by("-date", "-pk")[:3],
        upcoming_meetings(locale, limit=3),
        _live_in(PilotPage, locale).select_related("municipality").order_by("-start_date")[:3],
        _live_in(SubsidyPage, locale).filter(status=SubsidyPage.Status.OPEN).order_by("deadline")[:3],
    )
    return {
        "themes": themes,
        "latest_news": latest_news,
        "upcoming_meetings": meetings,
        "featured_pilots": pilots,
        "open_subsidies": subsidies,
    }


def index_pages(pages):
    """``{"news": <the news index>, ...}`` for the index pages among ``pages``."""
    names = {model: name for name, model in INDEX_PAGE_TYPES.items()}
    return {names[page.specific_class]: page for page in pages if page.specific_class in names}


def attach_theme_links(pages, locale_id):
    """Give each page a ``theme_links`` list: its themes as live pages in ``locale_id``.

    Pages point at the main-language themes; other languages get the translations with the same
    ``translation_key``. Two queries at most, however many pages. Returns the pages as a list.
    """
    pages = list(pages)
    prefetch_related_objects(
        pages,
        Prefetch(
            "themes",
            queryset=ThemePage.objects.defer_streamfields().order_by("path"),
            to_attr="source_themes",
        ),
    )
    localised = _localise_themes([page.source_themes for page in pages], locale_id)
    for page, themes in zip(pages, localised, strict=True):
        page.theme_links = themes
    return pages


def theme_links_for(page):
    """The themes of one page, as live theme pages in the page's own language.

    Reads ``page.themes`` rather than prefetching, so a preview shows the themes from the
    editor's form, also on a page that has not been saved yet.
    """
    source = sorted(page.themes.all(), key=lambda theme: theme.path)
    return _localise_themes([source], page.locale_id)[0]


def _localise_themes(theme_lists, locale_id):
    """Replace main-language themes by their live translations in ``locale_id`` (one query)."""
    themes = [theme for themes in theme_lists for theme in themes]
    if all(theme.locale_id == locale_id for theme in themes):
        return [[theme for theme in themes if theme.live] for themes in theme_lists]
    translated = {
        theme.translation_key: theme
        for theme in ThemePage.objects.live()
        .filter(locale_id=locale_id, translation_key__in={theme.translation_key for theme in themes})
        .defer_streamfields()
    }
    return [
        [translated[theme.translation_key] for theme in themes if theme.translation_key in translated]
        for themes in theme_lists
    ]


def pilots_using_item(item):
    return (
        _live_in(PilotPage, item.locale_id)
        .filter(methods_used__translation_key=item.translation_key)
        .select_related("municipality")
        .distinct()
        .order_by("title")
    )


def methods_used_by_pilot(pilot):
    source_keys = pilot.methods_used.values_list("translation_key", flat=True)
    return (
        _live_in(KnowledgeItemPage, pilot.locale_id).filter(translation_key__in=source_keys).order_by("title")
    )
