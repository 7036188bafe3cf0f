"""The site shell: the page base class, the home page, standard pages and site settings.

``BasePage`` gives every page type the fields a listing, a search result and a social preview
need (a plain-language introduction and a listing image) and the cache headers public pages get.
``ListingPage`` adds GET-parameter filters and pagination for the index pages of knowledge/.
"""

from django.conf import settings
from django.db import models
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .blocks import BodyStreamBlock
from .caching import private_pages_q
from .listing import (
    active_filter_links,
    apply_filters,
    paginate,
    prefetch_card_renditions,
    querystring_without_page,
    requested_page_number,
)

PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    SynchronizedField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("show_in_menus"),
]


def add_cache_headers(request, response):
    """Let browsers and proxies keep public pages for a while; never what an editor sees."""
    # Editors see the userbar and links to drafts, so only anonymous responses may be shared.
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
    patch_vary_headers(response, ["Cookie"])
    return response


class BasePage(Page):
    """Fields and behaviour every page on the site shares. Abstract: it has no table."""

    introduction = models.TextField(
        _("introductie"),
        blank=True,
        help_text=_(
            "Twee of drie zinnen in eenvoudige taal (B1). Staat ook in overzichten en zoekresultaten."
        ),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding in overzichten"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("listing_image"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("introduction"),
        SynchronizedField("listing_image"),
    ]

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        return add_cache_headers(request, super().serve(request, *args, **kwargs))

    @property
    def meta_description(self):
        return self.search_description or self.introduction


class ListingPage(BasePage):
    """An index page whose children are listed, filtered by GET parameters and paginated."""

    per_page = 12
    listing_model = None  # the page type listed, set by each index page
    listing_order = ("-first_published_at",)
    listing_select_related = ()

    class Meta:
        abstract = True

    def get_listing_queryset(self, request):
        """The live children of this page, with what a listing card shows loaded up front."""
        return (
            self.listing_model.objects.child_of(self)
            .live()
            .exclude(private_pages_q())
            .defer_streamfields()
            .select_related("listing_image", *self.listing_select_related)
            .order_by(*self.listing_order)
        )

    def get_filters(self, request):
        return []

    def prepare_cards(self, pages):
        """Attach what the cards show besides the pages' own fields; ``pages`` is a list."""
        return pages

    def get_results(self, request, queryset):
        items = paginate(request, queryset, self.per_page)
        # One query for the card images of the whole page, however many cards it has.
        (cards,) = prefetch_card_renditions(items.object_list)
        items.object_list = self.prepare_cards(cards)
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = self.get_filters(request)
        queryset = apply_filters(self.get_listing_queryset(request), filters, request.GET)
        context.update(
            {
                "filters": filters,
                "active_filters": active_filter_links(filters, request.GET),
                # Lazy: the template caches the rendered results, and a cached fragment needs
                # no query at all (see includes/listing.html).
                "items": SimpleLazyObject(lambda: self.get_results(request, queryset)),
                "pagination_querystring": querystring_without_page(request.GET),
                # For the <title>, which must not force the lazy results above.
                "page_number": requested_page_number(request),
            }
        )
        return context


class HomePage(BasePage):
    """The front door: what the programme is, its themes, and what is new."""

    hero_title = models.CharField(_("grote kop"), max_length=120, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("grote afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("hero_title"),
        SynchronizedField("hero_image"),
        TranslatableField("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "knowledge.ThemeIndexPage",
        "knowledge.KnowledgeIndexPage",
        "knowledge.PilotIndexPage",
        "knowledge.MeetingIndexPage",
        "knowledge.NewsIndexPage",
        "knowledge.SubsidyIndexPage",
        "home.StandardPage",
    ]

    class Meta:
        verbose_name = _("startpagina")
        verbose_name_plural = _("startpagina's")

    def route(self, request, path_components):
        from .routing import find_descendant

        page, remaining = find_descendant(self, path_components)
        if page is None:
            return super().route(request, path_components)
        return page.route(request, remaining)

    def get_context(self, request, *args, **kwargs):
        from knowledge.queries import home_page_sections

        context = super().get_context(request, *args, **kwargs)
        # Lazy: only evaluated when the cached fragment in the template is stale.
        context["sections"] = SimpleLazyObject(lambda: home_page_sections(self))
        return context


class StandardPage(BasePage):
    """A plain content page: about, contact, privacy, accessibility statement."""

    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")


@register_setting(icon="mail")
class SiteSettings(BaseSiteSetting, ClusterableModel):
    """Team Leefbaarheid's contact details and the links in the footer."""

    organisation_name = models.CharField(
        _("naam"), max_length=120, default="Team Leefbaarheid, Provincie Gelderland"
    )
    email = models.EmailField(_("e-mailadres"), default="leefbaarheid@gelderland.nl")
    phone = models.CharField(_("telefoon"), max_length=30, default="026 359 99 99")
    visiting_address = models.CharField(_("bezoekadres"), max_length=200, default="Markt 11, 6811 CG Arnhem")
    postal_address = models.CharField(_("postadres"), max_length=200, default="Postbus 9090, 6800 CX Arnhem")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("visiting_address"),
                FieldPanel("postal_address"),
            ],
            heading=_("Contactgegevens"),
        ),
        InlinePanel("footer_links", heading=_("Links in de voettekst"), label=_("link")),
    ]

    class Meta:
        verbose_name = _("site-instellingen")

    @property
    def phone_href(self):
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return "+31" + digits[1:] if digits.startswith("0") else digits


class FooterLink(Orderable):
    """A footer link to a page (shown in the reader's language) or to an outside address."""

    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="footer_links")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.URLField(_("of een link naar buiten"), blank=True)
    label = models.CharField(
        _("tekst"),
        max_length=80,
        blank=True,
        help_text=_("Leeg laten om de paginatitel te tonen."),
    )
    label_en = models.CharField(_("tekst in het Engels"), max_length=80, blank=True)

    panels = [
        PageChooserPanel("page"),
        FieldPanel("url"),
        FieldPanel("label"),
        FieldPanel("label_en"),
    ]

    def __str__(self):
        return self.label or (self.page.title if self.page_id else self.url)
