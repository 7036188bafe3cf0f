"""Themes: the six subjects the programme works on. A theme page gathers everything tagged with it.

Pages point at the main-language themes (see ``SOURCE_LOCALE``); a page in another language shows
the live translations with the same ``translation_key``. The page types that carry themes declare
themselves with ``ThemeTaggedMixin`` and the section a theme page shows them in, so this module
knows none of them and a new tagged type joins the theme pages by declaring the same.
"""

from django.apps import apps
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from core.blocks import BodyStreamBlock
from core.listing import prefetch_card_renditions
from core.models import BasePage
from core.sections import SectionIndexMixin
from core.visibility import is_private, visible

from ..blocks import ThemeQuestionBlock


class ThemeTaggedMixin:
    """For a page type with a ``themes`` field: a theme page lists its pages in a section.

    ``theme_section`` is the name the theme page's template uses (``sections.pilots``);
    ``theme_section_order`` and ``theme_section_limit`` say which pages the section shows first
    and how many. ``in_theme_section`` may narrow the pages further (meetings: upcoming only).
    """

    theme_section = ""
    theme_section_order = ("title",)
    theme_section_limit = None
    theme_section_select_related = ()

    @classmethod
    def in_theme_section(cls, queryset):
        return queryset

    def urls_showing_this(self, request=None):
        """Also the theme pages, in this page's language, of the themes it is tagged with."""
        theme_keys = [theme.translation_key for theme in self.themes.all()]
        theme_pages = ThemePage.objects.filter(locale_id=self.locale_id, translation_key__in=theme_keys)
        return {*super().urls_showing_this(request), *(theme.get_full_url(request) for theme in theme_pages)}


def theme_tagged_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ThemeTaggedMixin) and model.theme_section and not model._meta.abstract
    ]


def theme_sections(theme):
    """``{section name: [pages]}``: everything tagged with ``theme``, in the theme page's language."""
    querysets = []
    models = theme_tagged_models()
    for model in models:
        pages = (
            visible(model.objects.filter(locale_id=theme.locale_id))
            .filter(themes__translation_key=theme.translation_key)
            .distinct()
            .defer_streamfields()
            .select_related("listing_image", *model.theme_section_select_related)
            .order_by(*model.theme_section_order)
        )
        pages = model.in_theme_section(pages)
        querysets.append(pages[: model.theme_section_limit] if model.theme_section_limit else pages)
    return {
        model.theme_section: pages
        for model, pages in zip(models, prefetch_card_renditions(*querysets), strict=True)
    }


def attach_theme_links(pages, locale_id):
    """Give each page a ``theme_links`` list: its themes as live pages in ``locale_id``.

    Two queries at most, however many pages. Returns the pages as a list.
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
        return [[theme for theme in themes if theme.live and not is_private(theme)] for themes in theme_lists]
    translated = {
        theme.translation_key: theme
        for theme in visible(
            ThemePage.objects.filter(
                locale_id=locale_id, translation_key__in={theme.translation_key for theme in themes}
            )
        ).defer_streamfields()
    }
    return [
        [translated[theme.translation_key] for theme in themes if theme.translation_key in translated]
        for themes in theme_lists
    ]


class ThemedCardsMixin:
    """For index pages whose cards show their themes in the reader's language."""

    def prepare_cards(self, pages):
        return attach_theme_links(super().prepare_cards(pages), self.locale_id)


class ThemeIndexPage(SectionIndexMixin, BasePage):
    """The overview of all themes (``/themas/``)."""

    section_name = "themes"
    section_slug = "themas"
    section_position = 10

    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.ThemePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("overzicht thema's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: only evaluated when the cached fragment in the template is stale.
        context["themes"] = SimpleLazyObject(self.theme_cards)
        return context

    def theme_cards(self):
        """The visible themes below this page, in the tree's order, with their card images loaded."""
        (themes,) = prefetch_card_renditions(
            visible(ThemePage.objects.child_of(self))
            .defer_streamfields()
            .select_related("listing_image")
            .order_by("path")
        )
        return themes


class ThemePage(BasePage):
    """One theme, its questions, and every knowledge item, pilot, meeting and news item tagged with it."""

    # A search for a subject starts best at its theme: the search boxes suggest themes first.
    suggested_first = True
    # Cards everywhere name their themes: a published theme purges every page (core.purging).
    shown_on_every_page = True

    questions = StreamField(
        [("question", ThemeQuestionBlock())],
        verbose_name=_("vragen binnen dit thema"),
        blank=True,
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("questions"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("questions"),
        index.SearchField("body"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("questions"),
        TranslatableField("body"),
    ]
    parent_page_types = ["knowledge.ThemeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: only evaluated when the cached fragment in the template is stale.
        context["sections"] = SimpleLazyObject(lambda: theme_sections(self))
        return context
