"""Pages editors promote for a query (*Instellingen › Aanbevolen zoekresultaten*) come first.

``wagtail.contrib.search_promotions`` keeps the promotions per query string, lowercased and
single-spaced as ``search.query.normalise`` leaves it. Its ``Query.get()`` creates a row for every
string it is asked about, so the promotions are read with a plain filter instead: a visitor's
search writes nothing there. A promotion counts only when its page is visible and in the reader's
language (editors promote the Dutch page for a Dutch query and its translation for an English
one), it is listed once (taken out of the ranked results), and only on the first page: ranked
first, pagination puts it there. Promotions of an external link are not shown: the results list
pages only.
"""

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string


def promoted_ids(query, pages):
    """The ids of the ``pages`` (visible, one language) promoted for ``query``, in the editors' order."""
    if not query:
        return []
    ids = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(query), page__in=pages
    ).values_list("page_id", flat=True)
    return list(dict.fromkeys(ids))  # the same page promoted twice is listed once


def promoted_first(promoted, ranked):
    """``promoted``, then the ``ranked`` ids without them."""
    chosen = set(promoted)
    return [*promoted, *(pk for pk in ranked if pk not in chosen)]
