"""Filtering and pagination for index pages, driven by plain GET parameters.

Every index page (kennisbank, pilots, leernetwerk, nieuws, ...) describes its filters as a list of
``ListingFilter`` objects. The same objects build the form (a ``<select>`` per filter, so it works
without JavaScript), narrow the queryset, and tell the template which filters are active so it can
show them with a reset link.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

MAX_PAGE_DIGITS = 9

# The rendition every listing card shows. Templates use the same literal
# (``{% image item.listing_image fill-640x360 alt="" %}``): change both together.
CARD_IMAGE_SPEC = "fill-640x360"


@dataclass
class ListingFilter:
    """One GET parameter that narrows a listing.

    ``choices`` is a list of ``(value, label)`` pairs; ``apply`` receives the queryset and the
    chosen value and returns the narrowed queryset. A value that is not among the choices is
    ignored, so a hand-edited or stale URL never produces an error page.
    """

    param: str
    label: str
    choices: list
    apply: Callable
    all_label: str  # the empty choice; Dutch needs a plural per noun ("Alle thema's")
    selected: str = field(default="", init=False)

    @property
    def selected_label(self):
        return dict(self.choices).get(self.selected, "")


def choice_filter(param, label, all_label, choices, field_name):
    """A filter on a model field with fixed choices (kind, status, category...)."""
    return ListingFilter(
        param=param,
        label=label,
        all_label=all_label,
        choices=list(choices),
        apply=lambda queryset, value: queryset.filter(**{field_name: value}),
    )


def apply_filters(queryset, filters, params: QueryDict):
    for listing_filter in filters:
        value = params.get(listing_filter.param, "")
        valid_values = {str(choice_value) for choice_value, _label in listing_filter.choices}
        if value and value in valid_values:
            listing_filter.selected = value
            queryset = listing_filter.apply(queryset, value)
    return queryset


def selected_params(filters):
    """A QueryDict of the filters in effect, the only parameters a listing's links carry.

    Junk in the URL (``?utm_source=...``, ``?z=...``) is dropped: it neither reaches another
    visitor through a cached fragment nor makes a new cache key.
    """
    params = QueryDict(mutable=True)
    for listing_filter in filters:
        if listing_filter.selected:
            params[listing_filter.param] = listing_filter.selected
    return params


def listing_cache_key(filters, page_number):
    """What a cached listing fragment depends on besides the page: its filters and page number."""
    params = selected_params(filters)
    params["page"] = str(page_number)
    return params.urlencode()


def active_filter_links(filters):
    """For each active filter, the query string that removes just that filter."""
    links = []
    for listing_filter in filters:
        if listing_filter.selected:
            remaining = selected_params(filters)
            remaining.pop(listing_filter.param)
            links.append(
                {
                    "label": listing_filter.label,
                    "value": listing_filter.selected_label,
                    "querystring": remaining.urlencode(),
                }
            )
    return links


def requested_page_number(request):
    """The ``page`` GET parameter as a number; 404 for anything but a plain positive number.

    A missing or empty parameter is page 1. ``?page=0``, ``?page=-1``, ``?page=01`` or
    ``?page=abc`` are not pages of anything, and answering them with page 1 or the last page
    would hand crawlers an endless supply of URLs.
    """
    value = request.GET.get("page", "")
    if value == "":
        return 1
    # No listing has a billion pages; the length check also keeps int() from refusing 4,300 digits.
    if not (value.isascii() and value.isdigit()) or value.startswith("0") or len(value) > MAX_PAGE_DIGITS:
        raise Http404(_("Deze pagina bestaat niet."))
    return int(value)


def paginate(request, queryset, per_page):
    """The requested page of ``queryset``; 404 when the number is malformed or past the end."""
    number = requested_page_number(request)
    try:
        return Paginator(queryset, per_page).page(number)
    except EmptyPage:
        raise Http404(_("Deze pagina bestaat niet.")) from None


def prefetch_card_renditions(*page_lists):
    """Load the card renditions of every page in ``page_lists`` in one query.

    The pages must come from a queryset with ``select_related("listing_image")``; several lists
    (the sections of the home page, say) share the one query. Returns the lists, evaluated.
    """
    evaluated = [list(pages) for pages in page_lists]
    # Every instance, not a set: two pages sharing an image hold two separate Image objects.
    images = [page.listing_image for pages in evaluated for page in pages if page.listing_image_id]
    if images:
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_IMAGE_SPEC)
        prefetch_related_objects(
            images,
            Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions"),
        )
    return evaluated
