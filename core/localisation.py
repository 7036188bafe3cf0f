"""What a listing in a translation leaves out: "28 more items are available in Dutch".

The English kennisbank lists the English items only; the Dutch one lists every item. An English
reader should know that more exists and be able to read it, so an index page in another language
than the site's main one offers its source: how many of the items its Dutch source would list
under the same filters have no visible translation in the reader's language, and a link to that
Dutch listing with those filters.

The count is taken with the visitor's visibility rule (``core.visibility.visible``, through each
page type's own ``get_listing_queryset``) and costs two queries: the source page, and one count
with the translated items as a subquery. It is read inside the listing's cached fragment, so a
warm listing runs neither. ``ListingPage.more_in_source_language`` calls this; an index page type
that lists differently overrides that method.

A filter value the source page does not offer (a theme's English slug where the Dutch listing
knows the Dutch one) is left out of the link and the count alike, so the number is always what
the link shows.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.utils import translation
from django.utils.translation import get_language_info

from .listing import ALL_VALUE, apply_filters
from .visibility import active_locale_id, visible


@dataclass(frozen=True)
class SourceLanguageOffer:
    """``count`` items more in ``language`` (a code), listed at ``url``."""

    count: int
    url: str
    language: str

    @property
    def language_name(self):
        return get_language_info(self.language)["name_local"]


def source_filter_query(filters, source_filters):
    """The source listing's query for the filters chosen on the translation, where it has them."""
    query = QueryDict(mutable=True)
    offered = {
        source_filter.param: {str(value) for value, _label in source_filter.choices} | {ALL_VALUE}
        for source_filter in source_filters
    }
    for listing_filter in filters:
        value = listing_filter.query_value
        if value and value in offered.get(listing_filter.param, ()):
            query[listing_filter.param] = value
    return query


def _request_for(url, request, query):
    """The GET request the source listing answers: the same visitor and site, the source's own
    path and the mapped ``query``. A page type may keep per-request state (the kennisbank keeps
    its keyword search on the request), so the source never shares the translation's request."""
    source_request = HttpRequest()
    source_request.method = "GET"
    source_request.META = {**request.META, "QUERY_STRING": query.urlencode()}
    source_request.path = source_request.path_info = url
    source_request.GET = query
    for name in ("user", "session", "site", "LANGUAGE_CODE"):
        if hasattr(request, name):
            setattr(source_request, name, getattr(request, name))
    return source_request


def source_language_offer(page, request, filters):
    """The ``SourceLanguageOffer`` of the listing ``page`` (a translation) with the chosen
    ``filters`` applied, or None: on a page in the main language, without a visible source, or
    when every item of the source listing is translated."""
    with translation.override(settings.LANGUAGE_CODE):
        default_locale_id = active_locale_id()  # cached: no query
    if page.locale_id == default_locale_id:
        return None
    source = visible(
        type(page).objects.filter(translation_key=page.translation_key, locale_id=default_locale_id)
    ).first()
    if source is None:
        return None
    url = source.get_url(request)
    source_request = _request_for(url, request, QueryDict())
    source_filters = source.get_filters(source_request)
    query = source_filter_query(filters, source_filters)
    source_request.GET = query
    untranslated = apply_filters(source.get_listing_queryset(source_request), source_filters, query).exclude(
        # Every item the translation lists without filters or words: translated is translated.
        translation_key__in=page.get_listing_queryset(_request_for(request.path, request, QueryDict()))
        .order_by()
        .values("translation_key")
    )
    count = untranslated.order_by().count()
    if not count:
        return None
    return SourceLanguageOffer(
        count=count, url=f"{url}?{query.urlencode()}" if query else url, language=settings.LANGUAGE_CODE
    )
