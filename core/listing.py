"""Filtering and pagination for index pages, driven by plain GET parameters.

Every index page (kennisbank, pilots, leernetwerk, nieuws, ...) describes its filters as a list of
``ListingFilter`` objects. The same objects build the form (a ``<select>`` per filter, so it works
without JavaScript), narrow the queryset, and tell the template which filters are active so it can
show them with a reset link.

A filter that can count (``count``) offers only the choices that would find something, each with
its number of results among what the other chosen filters leave: no "Apeldoorn" for a list of
six pilots elsewhere. A filter with a ``default`` is a choice between views of the listing
(coming or earlier meetings): it applies when the URL names none, and the template shows its
choices as links, one click each (``view_links``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from .renditions import CARD_RENDITIONS

MAX_PAGE_DIGITS = 9

# The URL value that asks a filter with a default for everything (``?wanneer=alle``).
ALL_VALUE = "alle"


@dataclass
class ListingFilter:
    """One GET parameter that narrows a listing.

    ``choices`` is a list of ``(value, label)`` pairs; ``apply`` receives the queryset and the
    chosen value and returns the narrowed queryset. A value that is not among the choices is
    ignored, so a hand-edited or stale URL never produces an error page.

    ``count``, when given, receives a queryset and returns ``{value: number of results}`` (see
    ``count_by``); ``default`` is the value in effect when the URL names none (see the module).
    """

    param: str
    label: str
    choices: list
    apply: Callable
    all_label: str  # the empty choice; Dutch needs a plural per noun ("Alle thema's")
    count: Callable | None = None
    default: str = ""
    selected: str = field(default="", init=False)
    # The listing narrowed by every other chosen filter: where this filter's choices are counted.
    counted_in: object = field(default=None, init=False, repr=False)

    @property
    def selected_label(self):
        return dict(self.choices).get(self.selected, "")

    @property
    def query_value(self):
        """The URL's value for the current choice; empty for the default (and for no choice)."""
        if not self.default:
            return self.selected
        if self.selected == self.default:
            return ""
        return self.selected or ALL_VALUE

    @cached_property
    def counts(self):
        """``{value: number of results}``, or None for a filter that does not count. One query."""
        if self.count is None or self.counted_in is None:
            return None
        return self.count(self.counted_in)

    @property
    def options(self):
        """The choices the form offers: those with results (all, without counts), and the chosen one."""
        counts = self.counts
        options = []
        for value, label in self.choices:
            value = str(value)
            number = None if counts is None else counts.get(value, 0)
            if number == 0 and value != self.selected:
                continue
            options.append(
                {"value": value, "label": label, "count": number, "selected": value == self.selected}
            )
        return options


def count_by(lookup, value_of=str):
    """A ``count`` for ``ListingFilter``: the results per value of the field ``lookup``.

    ``value_of`` turns a field value into the filter's choice value (None: not a choice).
    """

    def count(queryset):
        rows = queryset.order_by().values_list(lookup).annotate(results=Count("pk", distinct=True))
        counts = {}
        for field_value, results in rows:
            value = None if field_value is None else value_of(field_value)
            if value is not None:
                counts[value] = counts.get(value, 0) + results
        return counts

    return count


def choice_filter(param, label, all_label, choices, field_name):
    """A filter on a model field with fixed choices (kind, status, category...)."""
    return ListingFilter(
        param=param,
        label=label,
        all_label=all_label,
        choices=list(choices),
        apply=lambda queryset, value: queryset.filter(**{field_name: value}),
        count=count_by(field_name),
    )


def narrow(queryset, filters, leave_out=None):
    """``queryset`` narrowed by every chosen filter but ``leave_out``."""
    for listing_filter in filters:
        if listing_filter is not leave_out and listing_filter.selected:
            queryset = listing_filter.apply(queryset, listing_filter.selected)
    return queryset


def apply_filters(queryset, filters, params: QueryDict):
    for listing_filter in filters:
        value = params.get(listing_filter.param, "")
        valid_values = {str(choice_value) for choice_value, _label in listing_filter.choices}
        if value and value in valid_values:
            listing_filter.selected = value
        elif listing_filter.default and value == ALL_VALUE:
            listing_filter.selected = ""
        else:
            listing_filter.selected = listing_filter.default
    # Each filter counts its choices among what the others leave (lazily: a cached listing
    # fragment needs no count at all).
    for listing_filter in filters:
        listing_filter.counted_in = narrow(queryset, filters, leave_out=listing_filter)
    return narrow(queryset, filters)


def selected_params(filters):
    """A QueryDict of the filters in effect, the only parameters a listing's links carry.

    Junk in the URL (``?utm_source=...``, ``?z=...``) is dropped: it neither reaches another
    visitor through a cached fragment nor makes a new cache key.
    """
    params = QueryDict(mutable=True)
    for listing_filter in filters:
        if listing_filter.query_value:
            params[listing_filter.param] = listing_filter.query_value
    return params


def listing_cache_key(filters, page_number):
    """What a cached listing fragment depends on besides the page: its filters and page number."""
    params = selected_params(filters)
    params["page"] = str(page_number)
    return params.urlencode()


def active_filter_links(filters):
    """For each active filter, the query string that removes just that filter.

    A filter with a default is left out: its links (``view_links``) show which view is chosen.
    """
    links = []
    for listing_filter in filters:
        if listing_filter.selected and not listing_filter.default:
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


def view_links(filters):
    """For each filter with a default: a link per choice and one for everything, keeping the others.

    ``[{"label", "links": [{"label", "querystring", "current", "count"}]}]``; ``count`` is None
    where the filter does not count (and for "everything"). A view without results is left out,
    unless it is the one shown.
    """
    views = []
    for listing_filter in filters:
        if not listing_filter.default:
            continue
        counts = listing_filter.counts or {}
        links = []
        for value, label in [*listing_filter.choices, ("", listing_filter.all_label)]:
            value = str(value)
            count = counts.get(value, 0) if value and listing_filter.count else None
            current = value == listing_filter.selected
            if count == 0 and not current:
                continue
            params = selected_params(filters)
            params.pop(listing_filter.param, None)
            if value != listing_filter.default:
                params[listing_filter.param] = value or ALL_VALUE
            links.append(
                {
                    "label": label,
                    "querystring": params.urlencode(),
                    "current": current,
                    "count": count,
                }
            )
        views.append({"label": listing_filter.label, "links": links})
    return views


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

    Exactly the renditions a card's ``{% picture %}`` shows (``core.renditions.CARD_RENDITIONS``: each
    size in WebP and JPEG), so its tag finds them all without a query of its own. The pages must
    come from a queryset with ``select_related("listing_image")``; several lists (the sections of
    the home page, say) share the one query. Returns the lists, evaluated.
    """
    evaluated = [list(pages) for pages in page_lists]
    # Every instance, not a set: two pages sharing an image hold two separate Image objects.
    images = [page.listing_image for pages in evaluated for page in pages if page.listing_image_id]
    if images:
        # The Prefetch that Wagtail's ``ImageQuerySet.prefetch_renditions`` builds, run on the images
        # the pages' join already loaded: one query for every list, where a Prefetch on
        # ``listing_image`` would load the images again, once per list.
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=CARD_RENDITIONS)
        prefetch_related_objects(
            images,
            Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions"),
        )
    return evaluated
