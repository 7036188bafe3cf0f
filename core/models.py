"""Page base classes every page type of the site builds on. Both are abstract: no tables.

``BasePage`` gives every page type the fields a listing, a search result and a social preview
need (a plain-language introduction and a listing image), puts the content version in its cache
key, and serves with revalidation headers (see ``core.http``); its admin form refuses images and
documents from collections the user may not choose (``core.admin_forms``). ``ListingPage`` adds
GET-parameter filters and pagination for index pages whose children are listed.
"""

from django.conf import settings
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .admin_forms import ChosenMediaPageForm
from .caching import content_version
from .clock import clock_epoch
from .hooks import PAGE_CONTEXT_HOOK
from .http import serve_with_revalidation
from .listing import (
    ALL_VALUE,
    active_filter_links,
    apply_filters,
    listing_cache_key,
    paginate,
    prefetch_card_renditions,
    requested_page_number,
    selected_params,
    view_links,
)
from .localisation import source_language_offer
from .page_cache import allow_query
from .purging import default_urls_showing
from .visibility import active_locale_id, may_have_view_restrictions, visible

PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    SynchronizedField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("show_in_menus"),
]


class BasePage(Page):
    """Fields and behaviour every page on the site shares."""

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
    # The introduction (a page's summary) weighs more than the body, less than the title (boost 2).
    search_fields = Page.search_fields + [index.SearchField("introduction", boost=1.5)]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("introduction"),
        SynchronizedField("listing_image"),
    ]
    # Every page type: no image or document from a collection the user may not choose.
    base_form_class = ChosenMediaPageForm

    # The organisation a page is from or by. The page types that name one have a field of this name
    # (``knowledge.models.common.organisation_field``); the others answer None, so search, the
    # kwartaalupdate and the partner boxes ask every page the same question.
    organisation = None
    organisation_id = None
    # Whether the search boxes suggest pages of this type before others (``search.autocomplete``).
    suggested_first = False

    class Meta:
        abstract = True

    def card_meta(self):
        """One short line under the page's title where it stands among others (a search result, an
        item of the kwartaalupdate): when, where, until when or what kind, in the active language.
        Each page type says its own; "" when it has nothing to add."""
        return ""

    def get_cache_key_components(self):
        # Every {% wagtailpagecache %} fragment and every ETag varies on the content version
        # through this, so a publish anywhere (a card, a menu entry, a view restriction) refreshes
        # every page; and on the clock's epoch, so does a registration that opens or a deadline
        # that passes (``core.clock``).
        # And on the release: a deploy that changes a template is seen at once.
        version = content_version()
        return [*super().get_cache_key_components(), settings.RELEASE, version, clock_epoch(version)]

    def serve(self, request, *args, **kwargs):
        return serve_with_revalidation(
            request, self, lambda: super(BasePage, self).serve(request, *args, **kwargs)
        )

    @property
    def localized_draft(self):
        """This page in the active language (a draft too), or itself: Wagtail's answer, without its
        query for the active ``Locale`` on every call (``active_locale_id`` reads it from the
        cache). Wagtail's ``localized`` and the routing from a site's home page go through here."""
        if not settings.WAGTAIL_I18N_ENABLED:
            return self
        locale_id = active_locale_id()
        if locale_id == self.locale_id:
            return self
        return self.get_translation_or_none(locale_id) or self

    def get_view_restrictions(self):
        # Wagtail's asks two queries on every visit; most pages are in no private section, and the
        # cache knows which (core/visibility.py).
        if may_have_view_restrictions(self):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()

    def answers_each_visitor(self, request):
        """True while the page holds something for this visitor alone (a form with a CSRF token).

        Such an answer is never shared or revalidated by ETag (see ``core.http``).
        """
        return False

    def urls_showing_this(self, request=None):
        """The full URLs whose answers show this page: itself, its ancestors up to its home page
        (they list it), the sitemap. A type shown elsewhere too adds those; ``core.purging`` purges
        them when the page is published, unpublished, moved or deleted."""
        return default_urls_showing(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Capability apps add to a page they don't own through this hook, so that the page's app
        # never imports theirs (see docs/architecture.md, "Declaring, not listing").
        for add_context in hooks.get_hooks(PAGE_CONTEXT_HOOK):
            context.update(add_context(self, request) or {})
        return context

    @property
    def meta_description(self):
        return self.search_description or self.introduction


def understood_parameters(filters, params):
    """The filters' GET parameters whose value in ``params`` is one of their choices."""
    for listing_filter in filters:
        valid = {str(value) for value, _label in listing_filter.choices}
        if listing_filter.default:
            valid.add(ALL_VALUE)
        if params.get(listing_filter.param) in valid:
            yield listing_filter.param


class ListingPage(BasePage):
    """An index page whose children are listed, filtered by GET parameters and paginated."""

    per_page = 12
    listing_model = None  # the page type listed, set by each index page
    listing_order = ("-first_published_at",)
    listing_select_related = ()

    class Meta:
        abstract = True

    def get_listing_queryset(self, request):
        """The visible children of this page, with what a listing card shows loaded up front."""
        return (
            visible(self.listing_model.objects.child_of(self))
            .defer_streamfields()
            .select_related("listing_image", *self.listing_select_related)
            .order_by(*self.listing_order)
        )

    def get_filters(self, request):
        return []

    def prepare_cards(self, pages):
        """Attach what the cards show besides the pages' own fields; ``pages`` is a list."""
        return pages

    def more_in_source_language(self, request, filters):
        """In a translation: how many items more its source lists under the chosen ``filters``,
        and where (a ``core.localisation.SourceLanguageOffer``), or None."""
        return source_language_offer(self, request, filters)

    def get_results(self, request, queryset):
        items = paginate(request, queryset, self.per_page)
        # One query for the card images of the whole page, however many cards it has.
        (cards,) = prefetch_card_renditions(items.object_list)
        items.object_list = self.prepare_cards(cards)
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page_number = requested_page_number(request)  # 404 for a malformed number, before anything
        filters = self.get_filters(request)
        queryset = apply_filters(self.get_listing_queryset(request), filters, request.GET)
        # The page cache may keep this URL when its query says nothing but valid filter choices
        # and a page number: a made-up parameter or value renders, but is not kept.
        allow_query(request, [*understood_parameters(filters, request.GET), "page"])
        context.update(
            {
                "filters": filters,
                "active_filters": active_filter_links(filters),
                # Lazy like the results: their counts are read inside the cached fragment only.
                "filter_views": SimpleLazyObject(lambda: view_links(filters)),
                # Lazy: the template caches the rendered results, and a cached fragment needs
                # no query at all (see includes/listing.html). A page past the end raises 404.
                "items": SimpleLazyObject(lambda: self.get_results(request, queryset)),
                "listing_query": selected_params(filters),
                # Lazy too: "28 more items are available in Dutch", read inside the cached fragment.
                "source_language_offer": SimpleLazyObject(
                    lambda: self.more_in_source_language(request, filters)
                ),
                "listing_cache_key": listing_cache_key(filters, page_number),
                # For the <title>, which must not force the lazy results above.
                "page_number": page_number,
            }
        )
        return context
