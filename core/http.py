"""Response headers for public pages, and links made from the request's own path.

Browsers must ask again on every visit (``max-age=0``): a page an editor unpublishes or restricts
must be gone for every visitor at once, not after a browser's copy expires. Asking again is cheap:
each page answer carries an ETag made of what the page shows (``Page.cache_key``, which includes
the site-wide content version), the URL and the language, and a matching ``If-None-Match`` gets a
304 without rendering. Only shared caches that the site purges (``wagtail.contrib.frontend_cache``)
may keep a copy, for ``SHARED_CACHE_SECONDS`` (``s-maxage``; 0, the default, means none may).
Editors and visitors of private pages never get a shareable answer.
"""

from hashlib import md5
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from .page_cache import keep_with_form
from .visibility import is_private


def is_shareable(request, page=None):
    """True when the answer is the same for every anonymous visitor and may be cached by a proxy."""
    if page is not None and is_private(page):
        return False
    answers_each_visitor = getattr(page, "answers_each_visitor", None)
    if answers_each_visitor is not None and answers_each_visitor(request):
        return False
    return not request.user.is_authenticated


def add_cache_headers(request, response, page=None):
    if is_shareable(request, page):
        directives = {"public": True, "max_age": 0, "must_revalidate": True}
        if settings.SHARED_CACHE_SECONDS:
            directives["s_maxage"] = settings.SHARED_CACHE_SECONDS
        patch_cache_control(response, **directives)
    else:
        # Editors see the userbar and links to drafts; a private page is for its own visitor.
        patch_cache_control(response, private=True, no_cache=True)
        if page is not None and not request.user.is_authenticated and not is_private(page):
            # Public but for the form's token: the page cache keeps it and puts a fresh one in.
            keep_with_form(request)
    patch_vary_headers(response, ["Cookie"])
    return response


def page_etag(request, page):
    """An ETag that changes whenever the page's answer to this URL may change."""
    parts = [settings.RELEASE, page.cache_key, get_language(), request.get_full_path()]
    return '"' + md5("|".join(map(str, parts)).encode(), usedforsecurity=False).hexdigest() + '"'


def serve_with_revalidation(request, page, render):
    """``render()`` the page, or answer 304 when the browser's copy is still the current one."""
    etag = page_etag(request, page) if is_shareable(request, page) else None
    if etag and request.method in ("GET", "HEAD"):
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return add_cache_headers(request, not_modified, page)
    response = render()
    if etag and response.status_code == 200:
        response["ETag"] = etag
    return add_cache_headers(request, response, page)


def same_site_path(request):
    """The request's path and query string as a link that stays on this site.

    ``GET //evil.example/`` has the path ``//evil.example/``, which a browser reads as another
    host (so does ``/\\evil.example/``). Any run of leading slashes and backslashes becomes one.
    """
    return "/" + request.get_full_path().lstrip("/\\")


def site_host():
    """The site's host name from ``BASE_URL``: the right-hand side of mail and calendar ids."""
    return urlsplit(settings.BASE_URL).hostname or "localhost"
