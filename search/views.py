"""The site search behind the header's search box: live pages in the reader's language."""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from wagtail.models import Page

from home.caching import active_locale_id, private_pages_q
from home.listing import paginate

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = (
            Page.objects.live()
            .exclude(private_pages_q())
            .filter(locale_id=active_locale_id())
            .specific()
            .search(query)
        )
        results = paginate(request, pages, RESULTS_PER_PAGE)
    response = render(request, "search/search.html", {"search_query": query, "results": results})
    # Results depend on the query and change with every publish: never cache them.
    add_never_cache_headers(response)
    return response
