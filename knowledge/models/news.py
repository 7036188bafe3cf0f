"""News: programme news, Leefbaarheidsalliantie news, Monitor results, pilot and partner articles."""

import datetime

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyStreamBlock
from core.http import serve_with_revalidation
from core.listing import choice_filter
from core.models import BasePage, ListingPage
from core.sections import SectionIndexMixin
from core.visibility import visible

from ..feeds import NewsFeed
from .common import THEMES_WIDGET, RelatedPagesMixin, organisation_field, themes_field
from .filters import theme_filter
from .themes import ThemedCardsMixin, ThemeTaggedMixin


class NewsPage(RelatedPagesMixin, ThemeTaggedMixin, BasePage):
    """A news item. The category decides where it shows up and which newsletter section it joins."""

    theme_section = "news_items"
    theme_section_order = ("-date", "-pk")
    theme_section_limit = 6
    # A partner article's card names the partner.
    theme_section_select_related = ("organisation",)

    class Category(models.TextChoices):
        PROGRAMME = "programme", _("Programma")
        ALLIANCE = "alliance", _("Leefbaarheidsalliantie")
        MONITOR = "monitor", _("Monitor Gelders Welbevinden")
        PILOT = "pilot", _("Pilot")
        PARTNER = "partner", _("Artikel van een partner")

    category = models.CharField(
        _("categorie"),
        max_length=20,
        choices=Category.choices,
        default=Category.PROGRAMME,
    )
    date = models.DateField(_("datum"), default=datetime.date.today)
    themes = themes_field("news_items")
    organisation = organisation_field(_("organisatie"), "news_items")
    author = models.CharField(_("auteur"), max_length=120, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("date"),
                FieldPanel("themes", widget=THEMES_WIDGET),
                FieldPanel("organisation"),
                FieldPanel("author"),
            ],
            heading=_("Over dit bericht"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("category"),
        index.FilterField("date"),
        index.FilterField("locale_id"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("category"),
        SynchronizedField("date"),
        SynchronizedField("themes"),
        SynchronizedField("organisation"),
        SynchronizedField("author"),
        TranslatableField("body"),
    ]
    # Also in a partner's section below the news index (the partners app; named, not imported).
    parent_page_types = ["knowledge.NewsIndexPage", "partners.PartnerSectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")

    def card_meta(self):
        return date_format(self.date, "j F Y")


class NewsIndexPage(SectionIndexMixin, ThemedCardsMixin, RoutablePageMixin, ListingPage):
    """All news, newest first, filtered by category and theme. Also served as an RSS feed."""

    section_name = "news"
    section_slug = "nieuws"
    section_position = 50

    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.NewsPage", "partners.PartnerSectionPage"]
    max_count_per_parent = 1
    listing_model = NewsPage
    listing_order = ("-date", "-pk")
    listing_select_related = ("organisation",)

    class Meta:
        verbose_name = _("nieuwsoverzicht")

    def get_listing_queryset(self, request):
        """The visible news below this index, partners' sections included."""
        return (
            visible(NewsPage.objects.descendant_of(self))
            .defer_streamfields()
            .select_related("listing_image", *self.listing_select_related)
            .order_by(*self.listing_order)
        )

    def get_filters(self, request):
        return [
            choice_filter(
                "categorie", _("Categorie"), _("Alle categorieën"), NewsPage.Category.choices, "category"
            ),
            theme_filter(self.locale_id),
        ]

    def serve(self, request, view=None, args=None, kwargs=None):
        # RoutablePageMixin.serve calls the route's view instead of BasePage.serve: wrap it here.
        return serve_with_revalidation(
            request, self, lambda: RoutablePageMixin.serve(self, request, view, args, kwargs)
        )

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return NewsFeed(self, request)(request)

    def get_cached_paths(self):
        # A shared cache keeps the feed too: a purge of this page purges both (core.purging).
        return ["/", self.reverse_subpage("rss")]
