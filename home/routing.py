"""Find the page for a URL in two queries, however deep it lies.

Wagtail's ``Page.route`` walks the tree one level at a time and asks the database twice per level
(the child, then its specific type). A knowledge item at ``/kennisbank/<item>/`` cost five queries
before its own code ran. The home page instead looks the URL up in a table of its descendants'
``url_path``s, kept in the cache until the content version changes (see ``core/caching.py``),
and hands over to the deepest matching page's own ``route`` (or to the first routable page on the
way) — so routable pages (the news RSS feed) and the live/draft checks behave exactly as before.
``tests/demo/test_routing.py`` compares it with Wagtail's own routing on every page of the demo.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from core.caching import cached


def _url_path_table(home):
    return cached(
        f"url-paths:{home.pk}",
        lambda: {
            url_path: (pk, content_type_id, live)
            for url_path, pk, content_type_id, live in Page.objects.filter(
                path__startswith=home.path, depth__gt=home.depth
            ).values_list("url_path", "pk", "content_type_id", "live")
        },
    )


def _has_route(model, path_components):
    """True when the routable page type ``model`` has a sub-path route for ``path_components``."""
    if not issubclass(model, RoutablePageMixin):
        return False
    try:
        model.get_resolver().resolve("/" + "/".join(path_components) + "/")
    except Resolver404:
        return False
    return True


def find_descendant(home, path_components):
    """The descendant of ``home`` that must route ``path_components``, and the rest of the path.

    That is the deepest page whose URL starts with the path, unless a live routable page on the
    way has a route for the rest: Wagtail asks a routable page for its own sub-paths before its
    children (the news index's ``rss/`` wins over a news item with the slug ``rss``).
    Returns ``(None, path_components)`` when nothing matches or the table is out of date (a page
    deleted since it was built), so the caller can fall back to Wagtail's own routing.
    """
    table = _url_path_table(home)
    match = None
    for depth in range(1, len(path_components) + 1):
        url_path = home.url_path + "/".join(path_components[:depth]) + "/"
        if url_path not in table:
            break
        pk, content_type_id, live = table[url_path]
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            model = None
        # Gone, or not a page type: the table came from another database (a restored backup).
        # Wagtail's own routing answers instead of a server error.
        if model is None or not issubclass(model, Page):
            return None, path_components
        match = (model, pk, depth)
        if live and depth < len(path_components) and _has_route(model, path_components[depth:]):
            break
    if match is None:
        return None, path_components
    model, pk, depth = match
    pages = model.objects.filter(pk=pk)
    if hasattr(model, "listing_image"):
        # The page's own image is in its social preview (og:image) on every request.
        pages = pages.select_related("listing_image")
    page = pages.first()
    if page is None:
        return None, path_components
    return page, path_components[depth:]
