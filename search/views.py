"""The site search behind the header's search box: visible pages in the reader's language."""

from django.http import QueryDict
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from wagtail.models import Page

from core.listing import paginate
from core.visibility import active_locale_id, visible

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = visible(Page.objects.filter(locale_id=active_locale_id())).specific().search(query)
        results = paginate(request, pages, RESULTS_PER_PAGE)
    search_params = QueryDict(mutable=True)
    search_params["q"] = query
    response = render(
        request,
        "search/search.html",
        {"search_query": query, "results": results, "search_params": search_params},
    )
    # Results depend on the query and change with every publish: never cache them.
    add_never_cache_headers(response)
    return response
