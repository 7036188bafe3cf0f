"""Themes: the six subjects the programme works on. A theme page gathers everything tagged with it."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from home.blocks import BodyStreamBlock
from home.caching import private_pages_q
from home.listing import prefetch_card_renditions
from home.models import BasePage

from .common import ThemeQuestionBlock


class ThemeIndexPage(BasePage):
    """The overview of all themes (``/themas/``)."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.ThemePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("overzicht thema's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        (context["themes"],) = prefetch_card_renditions(
            ThemePage.objects.child_of(self)
            .live()
            .exclude(private_pages_q())
            .select_related("listing_image")
            .order_by("path")
        )
        return context


class ThemePage(BasePage):
    """One theme, its questions, and every knowledge item, pilot, meeting and news item tagged with it."""

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
        from knowledge.queries import theme_page_sections

        context = super().get_context(request, *args, **kwargs)
        # Lazy: only evaluated when the cached fragment in the template is stale.
        context["sections"] = SimpleLazyObject(lambda: theme_page_sections(self))
        return context
