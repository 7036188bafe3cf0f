"""Suggestions while typing: titles of visible pages in the reader's language, by word prefix.

The header's and the search page's search boxes ask for them (``static/js/search-autocomplete.js``);
without JavaScript nobody does, and the plain search form is all there is. Every page type indexes
its title as an ``AutocompleteField`` (``Page.search_fields``), which modelsearch's ``.autocomplete()``
searches on both databases: SQLite FTS5 with the last word as a prefix, PostgreSQL's ``simple``
configuration (no stemming, so ``eenz`` finds ``eenzaamheid`` in Dutch and English alike). The
visible-page rule is applied to the queryset, as for the search itself, so an unpublished page is
never suggested; the query goes through ``search.query`` first, so no operator reaches a backend.

The backend's own order ranks a theme called "Eenzaamheid" below any page that says the word
more often, so the best ``CANDIDATES`` matches are ordered again: pages of a type that says it
comes first (``suggested_first``: the themes, where a search for a subject starts), then titles that
begin with what was typed, then the backend's order.
"""

from modelsearch.query import PlainText
from wagtail.models import Page

from core.visibility import visible

from .query import terms

MAX_SUGGESTIONS = 8
# Read from the backend and ordered again here; one query whatever the number.
CANDIDATES = 40
# One letter matches half the site and helps nobody choose.
MIN_PREFIX_LENGTH = 2


def _rank(hit, typed):
    position, page = hit
    first = getattr(page.specific_class, "suggested_first", False)
    return (not first, not page.title.casefold().startswith(typed), position)


def suggestions(request, query, locale_id):
    """Up to ``MAX_SUGGESTIONS`` pages whose title has every word, the last one as a prefix."""
    words = terms(query)
    if not words or len("".join(words)) < MIN_PREFIX_LENGTH:
        return []
    pages = visible(Page.objects.filter(locale_id=locale_id, depth__gt=2))
    typed = " ".join(words)
    hits = pages.only("pk", "title", "url_path", "content_type_id", "locale_id").autocomplete(
        PlainText(typed)
    )
    hits = sorted(enumerate(hits[:CANDIDATES]), key=lambda hit: _rank(hit, typed.casefold()))
    hits = [page for _position, page in hits[:MAX_SUGGESTIONS]]
    return [
        {
            "title": page.title,
            "url": page.get_url(request),
            # The page type's name through Django's content-type cache: no query per suggestion.
            "kind": str(page.specific_class.get_verbose_name()) if page.specific_class else "",
        }
        for page in hits
    ]
