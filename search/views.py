"""The site search behind the header's search box: visible pages in the reader's language.

One view answers the page and, for ``Accept: application/json``, the same results as JSON in the
same order. The query is made safe in ``search.query``, ordered in ``search.ranking`` and its
fragments marked in ``search.highlight``; pages editors promote for the query come first
(``search.promotions``), and the page's searches are counted for the search report
(``search.log``). The page never answers 500 for what a visitor types. A page number it cannot
serve is a 404, as on the listings (``core.listing.paginate``): answering the nearest page instead
would give crawlers endless URLs. ``suggestions`` answers the search boxes' autocomplete
(``search.autocomplete``).
"""

import hashlib
from array import array

from django.db.models import prefetch_related_objects
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from core.caching import cached
from core.listing import active_filter_links, apply_filters, paginate, selected_params
from core.ratelimit import client_address
from core.visibility import active_locale_id, visible
from knowledge.models import ThemePage

from . import log
from .autocomplete import suggestions as autocomplete_suggestions
from .facets import search_facets
from .highlight import highlights, summary_of
from .models import Answer
from .promotions import promoted_first, promoted_ids
from .query import MAX_QUERY_LENGTH, query_from, terms
from .ranking import Ranking, has_match, rank
from .suggest import suggestion

RESULTS_PER_PAGE = 10
# ``?letterlijk=1``: the words as typed, no correction (the way back from a corrected answer).
LITERAL_PARAM = "letterlijk"
# Relations a result shows, loaded for a whole page at once: the card's line (``card_meta``: a
# pilot's municipality), and in the JSON also the themes and the organisation.
CARD_RELATIONS = ("municipality",)
JSON_RELATIONS = ("themes", "organisation", "municipality")


def _results(ids, relations):
    """The pages ``ids`` in their own types, with the ``relations`` their cards show, loaded for
    all of them at once: one query per page type and relation, not one per result."""
    # A card shows no body: its StreamFields (the largest columns) stay unread.
    pages = Page.objects.filter(pk__in=ids).defer_streamfields().specific().in_bulk()
    results = [pages[pk] for pk in ids if pk in pages]
    by_type = {}
    for item in results:
        by_type.setdefault(type(item), []).append(item)
    for model, items in by_type.items():
        names = {field.name for field in model._meta.get_fields()}
        # Only the relations the answer shows: the page's cards show no themes or organisation,
        # and loading them cost two queries and a page of theme pages built for nothing.
        prefetch_related_objects(items, *(name for name in relations if name in names))
    return results


def _page_of(request, ids, relations):
    """The requested page of results, its pages kept until the content changes: the same page of
    the same results (a popular query, the way back from a result) asks no query for its cards."""
    page = paginate(request, ids, RESULTS_PER_PAGE)
    shown = list(page.object_list)
    digest = hashlib.blake2b(array("q", shown).tobytes(), digest_size=16).hexdigest()
    key = f"search-results:{'-'.join(relations)}:{digest}"
    page.object_list = cached(key, lambda: _results(shown, relations))
    return page


def _year(item):
    year = getattr(item, "year", None)
    if year:
        return year
    return item.first_published_at.year if item.first_published_at else None


def _result(request, item, highlight):
    organisation = item.organisation
    themes = item.themes.all() if hasattr(item, "themes") else []
    return {
        "promoted": item.search_promoted,
        "title": item.title,
        "url": item.get_url(request),
        "kind": str(item.get_verbose_name()),
        "summary": summary_of(item),
        "themes": [theme.title for theme in themes],
        "organisation": organisation.name if organisation else None,
        "meta": item.card_meta(),
        "year": _year(item),
        "highlight": str(highlight),
    }


def _only_q(query, literal=False):
    params = QueryDict(mutable=True)
    params["q"] = query
    if literal:
        params[LITERAL_PARAM] = "1"
    return params.urlencode()


def _facet_json(facets):
    return {
        facet.param: [
            {"value": option["value"], "label": str(option["label"]), "count": option["count"]}
            for option in facet.options
        ]
        for facet in facets
    }


def _facet_block(request, facets, links, kept, ids):
    """The facet form (``search/facets.html``) as HTML, kept until the content changes.

    Counting every choice among the matches and rendering a select per facet, with an option per
    theme, organisation, municipality and year, was a good part of a search's time in Python; the
    same search asked again (another page of results, the way back from a result, a popular
    query) gets the same form. It depends on the matches (``ids``, before narrowing: the counts
    are among them), the chosen values, what the form keeps (``kept``: the words as typed) and the
    language, and on nothing else: the key holds each, the content version the rest.
    """
    chosen = QueryDict(mutable=True)
    chosen.update({facet.param: facet.selected for facet in facets if facet.selected})
    chosen.update({f"kept-{name}": value for name, value in kept.items()})
    # One digest of it all: a query of 200 characters would make a key too long for some caches.
    digest = hashlib.blake2b(array("q", sorted(ids)).tobytes(), digest_size=16)
    digest.update(chosen.urlencode().encode())
    key = f"search-facets:{get_language()}:{digest.hexdigest()}"

    def render_block():
        shown = [facet for facet in facets if facet.options or facet.selected]
        if not shown and not links:
            return ""
        context = {
            "facets": shown,
            "active_facets": links,
            "search_kept_fields": [{"name": name, "value": value} for name, value in kept.items()],
        }
        return render_to_string("search/facets.html", context, request)

    # Safe: the template engine rendered it, escaping what it inserted.
    return mark_safe(cached(key, render_block))


def _ranking(pages, words, language, locale_id):
    """``rank`` for the visible ``pages`` of ``locale_id``, kept until the content changes.

    Ranking is most of a search's database time (on SQLite a pass over the full-text table per
    question it asks), and the same words come again: a popular query, the next page of results,
    the way back from a result, a facet chosen. Only the words, the language and the content
    decide the ranking (``pages`` is always ``visible()`` in that locale), so the key holds them.
    """
    digest = hashlib.blake2b("\n".join(words).encode(), digest_size=16).hexdigest()
    key = f"search-ranking:{language}:{locale_id}:{digest}"
    return cached(key, lambda: rank(pages, words, language, locale_id))


def _answer(request, pages, query, locale_id):
    """The ranking for ``query`` and, when it finds nothing but a corrected query does, the
    corrected query's: ``(ranking, answered query, corrected_from, suggestion)``.

    A zero-result query whose correction finds something answers with the correction at once, as
    the big search engines do; the page says so and links back to the query as typed, with
    ``letterlijk=1``, which then gets its zero results and the suggestion as a link.
    """
    language = get_language()
    words = terms(query)
    ranking = _ranking(pages, words, language, locale_id) if query else Ranking([])
    if not query or ranking.ids:
        return ranking, query, None, None
    suggested = suggestion(words, locale_id, lambda words: has_match(pages, words, language))
    if suggested is None or request.GET.get(LITERAL_PARAM) == "1":
        return ranking, query, None, suggested
    corrected = _ranking(pages, terms(suggested), language, locale_id)
    if not corrected.ids:
        return ranking, query, None, suggested
    return corrected, suggested, query, None


def search(request):
    typed = query_from(request.GET)
    locale_id = active_locale_id()
    pages = visible(Page.objects.filter(locale_id=locale_id))
    ranking, query, corrected_from, suggested = _answer(request, pages, typed, locale_id)
    words = terms(query)
    # Promotions for the words as typed too: an editor may promote a page for a common typo.
    promoted = promoted_ids(query, pages)
    if corrected_from:
        for_typed = promoted_ids(typed, pages)
        promoted = [*for_typed, *(pk for pk in promoted if pk not in for_typed)]
    ids = promoted_first(promoted, ranking.ids)
    matches, facets = ids, []
    if ids:
        counts = search_facets(ids, locale_id)
        facets = counts.facets
        # Reads the chosen values from the URL; the facets narrow in Python (search.facets).
        apply_filters(Page.objects.none(), facets, request.GET)
        kept = counts.among()
        ids = [pk for pk in ids if pk in kept]
    wants_json = "application/json" in request.headers.get("Accept", "")
    results = _page_of(request, ids, JSON_RELATIONS if wants_json else CARD_RELATIONS) if query else None
    # The synonyms and compounds are marked too: they are why a page without the words is here.
    fragments = highlights(results.object_list, [*words, *ranking.marked], get_language()) if results else {}
    for item in results or []:
        item.search_highlight = fragments.get(item.pk, "")
        item.search_promoted = item.pk in promoted
    # A search counts once: its first page, unnarrowed, on the page a person reads.
    first_search = results is not None and results.number == 1 and not any(f.selected for f in facets)
    if first_search and not wants_json and not log.is_bot(request):
        if corrected_from:
            answer = Answer.CORRECTED
        elif ranking.ids and not ranking.literal:
            answer = Answer.EXPANDED
        else:
            answer = Answer.LITERAL
        log.record(
            typed,
            get_language(),
            results.paginator.count,
            client=client_address(request),
            answer=answer,
            answered_as=query if corrected_from else "",
        )

    if wants_json:
        response = JsonResponse(
            {
                "query": query,
                "corrected_from": corrected_from,
                "also_searched": ranking.also if ranking.expanded else [],
                "total": results.paginator.count if results else 0,
                "page": results.number if results else 1,
                "results": [_result(request, item, item.search_highlight) for item in results or []],
                "facets": _facet_json(facets),
                "suggestion": suggested,
            }
        )
    else:
        # Links and forms keep what was typed (and ``letterlijk``): a corrected answer is found again.
        kept = {"q": typed}
        if request.GET.get(LITERAL_PARAM) == "1":
            kept[LITERAL_PARAM] = "1"
        search_params = selected_params(facets)
        search_params.update(kept)
        for link in (links := active_filter_links(facets)):
            remaining = QueryDict(link["querystring"], mutable=True)
            remaining.update(kept)
            link["querystring"] = remaining.urlencode()
        response = render(
            request,
            "search/search.html",
            {
                "search_query": typed,
                "answered_query": query,
                "corrected_from": corrected_from,
                "literal_querystring": _only_q(typed, literal=True),
                "also_searched": ranking.also if ranking.expanded else [],
                "results": results,
                "search_params": search_params,
                "max_query_length": MAX_QUERY_LENGTH,
                "suggestion": suggested,
                "suggestion_query": _only_q(suggested) if suggested else "",
                "facet_block": _facet_block(request, facets, links, kept, matches) if facets else "",
                "active_facets": links,
                # The no-results page offers the themes as a way in.
                "themes": visible(ThemePage.objects.filter(locale_id=locale_id)).order_by("path")
                if results is not None and not results.object_list
                else [],
                "popular_searches": [
                    {"query": popular, "querystring": _only_q(popular)}
                    for popular in log.popular_searches(get_language())
                    if popular != log.loggable_query(typed)
                ]
                if results is not None and not results.object_list
                else [],
                "search_params_query_only": _only_q(typed),
            },
        )
    # Results depend on the query and change with every publish: never cache them.
    add_never_cache_headers(response)
    patch_vary_headers(response, ["Accept"])
    return response


def suggestions(request):
    """The autocomplete's JSON: ``{"query": …, "suggestions": [{"title", "url", "kind"}]}``."""
    query = query_from(request.GET)
    response = JsonResponse(
        {"query": query, "suggestions": autocomplete_suggestions(request, query, active_locale_id())}
    )
    # Like the results: a page unpublished a moment ago must not be suggested from a cache.
    add_never_cache_headers(response)
    return response
