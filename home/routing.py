"""Find the page for a URL in two queries, however deep it lies.

Wagtail's ``Page.route`` walks the tree one level at a time and asks the database twice per level
(the child, then its specific type). A knowledge item at ``/kennisbank/<item>/`` cost five queries
before its own code ran. The home page instead looks the URL up in a table of its descendants'
``url_path``s, kept in the cache until the content version changes (see ``core/caching.py``),
and hands over to the deepest matching page's own ``route`` — so routable pages (the news RSS feed)
and the live/draft checks behave exactly as before.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from core.caching import cached


def _url_path_table(home):
    return cached(
        f"url-paths:{home.pk}",
        lambda: {
            url_path: (pk, content_type_id)
            for url_path, pk, content_type_id in Page.objects.filter(
                path__startswith=home.path, depth__gt=home.depth
            ).values_list("url_path", "pk", "content_type_id")
        },
    )


def find_descendant(home, path_components):
    """The deepest descendant of ``home`` whose URL starts with ``path_components``, and the rest.

    Returns ``(None, path_components)`` when nothing matches or the table is out of date (a page
    deleted since it was built), so the caller can fall back to Wagtail's own routing.
    """
    table = _url_path_table(home)
    for depth in range(len(path_components), 0, -1):
        url_path = home.url_path + "/".join(path_components[:depth]) + "/"
        if url_path in table:
            pk, content_type_id = table[url_path]
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None:
                break
            pages = model.objects.filter(pk=pk)
            if hasattr(model, "listing_image"):
                # The page's own image is in its social preview (og:image) on every request.
                pages = pages.select_related("listing_image")
            page = pages.first()
            if page is None:
                break
            return page, path_components[depth:]
    return None, path_components
