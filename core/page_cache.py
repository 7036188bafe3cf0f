"""The page cache: an anonymous visitor's page answered from the cache, before Django does any work.

Why our own thin layer and not wagtail-cache or Django's cache middleware: both key a page on its
URL and forget it by deleting keys, so a publish must find every URL that shows the page (the
listings, the theme pages, the home page, the sitemap, the feed) and a clock moment (registration
opens, a deadline passes) must find every page it changes. This site already has the one thing that
makes that unnecessary: the content version and the clock's epoch (``core.caching``, ``core.clock``),
which every ETag and fragment varies on. A cached page is kept under both, so the first request after
a publish commits, or after a moment passes, misses and renders afresh — on every page at once, in
every process (within ``VERSION_RECHECK_SECONDS`` of a publish elsewhere), with nothing to purge.

What may be kept is decided where it is known, by one rule: the answer says ``Cache-Control:
public`` (``core.http.add_cache_headers``: anonymous visitor, not private, no form for this visitor),
status 200, and sets no cookie. Search with a query, previews, the admin and private pages never say
``public``. A query string is kept only when the view lists its parameters as ones it understands
(``allow_query``): otherwise anyone could fill the cache with ``?x=1``, ``?x=2``, ….

A public page with a form (a meeting open for registration, the pilots' interest form) is the same
for every visitor but for the form's CSRF token. ``add_cache_headers`` says so (``keep_with_form``):
it is kept with the token taken out, and each visitor gets it with a token of their own, made by
Django's own ``CsrfViewMiddleware`` (which also sets the visitor's CSRF cookie). Such an answer stays
``private, no-cache`` for browsers and proxies: only this cache, which puts a fresh token in, keeps it.

The middleware sits right after WhiteNoise: a hit costs no session, database, URL resolution or
template, and most hits not even a round trip to Redis. The content version is read at most every
``VERSION_RECHECK_SECONDS`` per process; the pages asked for most are also kept in the process itself
(``LOCAL_PAGES`` of them, under the same keys); the clock's moments are kept in the process per
content version. (Measured on two cores: a hit with a Redis read of the version on every request
served 0.65x the static file's rate; the target is 0.8x.) A request that carries a session or
messages cookie is never answered from the cache (an editor, a visitor who just submitted a form
and sees a "thank you" message). When the cache is unreachable the page is rendered as if
nothing were kept: the visitor (and ``/healthz``) gets an answer.
"""

import logging
import re
from hashlib import md5

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import get_conditional_response

from .caching import ProcessLRU, recent_content_version
from .clock import clock_epoch

# The cookies that make an answer personal: the session (editors, page passwords, the second
# factor) and Django's cookie message storage (the notice after a form).
PERSONAL_COOKIES = ("messages",)
# Response headers a cached copy keeps; everything else (cookies above all) is left behind.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "ETag", "Cache-Control", "Vary")
HIT_HEADER = "X-Page-Cache"
logger = logging.getLogger(__name__)

# How old the content version a lookup uses may be (core/caching.py, recent_content_version): a
# publish in another process is seen within this, and the cache is asked a few times a second
# instead of on every request.
VERSION_RECHECK_SECONDS = 0.25
# How many kept pages each process holds itself, besides the shared cache (most recently used).
LOCAL_PAGES = 200

# request attributes: the query parameters the view said it understands (``allow_query``), and
# that the answer is public but for its forms' CSRF tokens (``keep_with_form``).
ALLOWED_QUERY = "page_cache_query_parameters"
WITH_FORM = "page_cache_with_form"
# What ``{% csrf_token %}`` renders, and what the kept copy holds instead of the visitor's token.
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
TOKEN_PLACEHOLDER = b"page-cache-csrf-token"


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def allow_query(request, parameters):
    """Let the page cache keep this URL with its query string when every parameter is one of
    ``parameters`` (a listing's filters and its page number)."""
    setattr(request, ALLOWED_QUERY, frozenset(parameters))


def keep_with_form(request):
    """The answer is the same for every anonymous visitor but for its forms' CSRF tokens."""
    setattr(request, WITH_FORM, True)


def _query_allowed(request):
    if not request.GET:
        return True
    allowed = getattr(request, ALLOWED_QUERY, frozenset())
    return set(request.GET) <= allowed


# Never kept, so never looked up: the admin (and its login page, which a locked-out address must
# reach with as little work as possible, accounts/throttling.py).
NEVER_KEPT_PREFIXES = ("/admin/",)


def _may_answer(request):
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS:
        return False
    if request.path_info.startswith(NEVER_KEPT_PREFIXES):
        return False
    personal = (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES)
    return not any(name in request.COOKIES for name in personal)


def _key(request):
    """The URL with everything the answer depends on that isn't in the URL."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    scheme = "https" if request.is_secure() else "http"
    version = recent_content_version(VERSION_RECHECK_SECONDS)
    # Hashed: a URL may be longer than a cache key should be.
    url = md5(f"{scheme}://{host}{request.get_full_path()}".encode(), usedforsecurity=False).hexdigest()
    # The release too: a deploy that changes templates or static files is seen at once.
    return f"page:{settings.RELEASE}:{version}:{clock_epoch(version)}:{url}"


# The most recently used kept pages of this process, by key (which holds the version).
local_pages = ProcessLRU(LOCAL_PAGES)


def _lookup(request):
    """``(key, kept entry or None)``; no key when the cache can't be asked."""
    try:
        key = _key(request)
        if key is None:
            return None, None
        entry = local_pages.get(key)
        if entry is None:
            entry = cache().get(key)
            if entry is not None:
                local_pages.set(key, entry)
        return key, entry
    except Exception:  # the cache is down: render, and say so once per request
        logger.warning("Page cache unreachable; rendering without it", exc_info=True)
        return None, None


def _storable(request, response):
    """``None``, or the content to keep (with the forms' tokens taken out)."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return None
    if not _query_allowed(request) or "no-store" in response.get("Cache-Control", ""):
        return None
    if getattr(request, WITH_FORM, False):
        # The only cookie such an answer may set is the visitor's CSRF cookie.
        if set(response.cookies) <= {settings.CSRF_COOKIE_NAME}:
            return CSRF_FIELD.sub(rb"\1" + TOKEN_PLACEHOLDER + rb"\2", response.content)
        return None
    if response.cookies or "public" not in response.get("Cache-Control", ""):
        return None
    return response.content


def _with_token(request, entry):
    """The kept copy of a page with a form, with this visitor's own CSRF token (and cookie)."""
    status, headers, content, _form = entry

    def respond(request):
        token = get_token(request).encode()
        return _response(request, (status, headers, content.replace(TOKEN_PLACEHOLDER, token), False))

    return CsrfViewMiddleware(respond)(request)


def _from_cache(request, entry):
    if entry[3]:
        return _with_token(request, entry)
    return _response(request, entry)


def _response(request, entry):
    status, headers, content, _form = entry
    etag = dict(headers).get("ETag")
    if etag:
        # The stored ETag is the page's own (content version and clock included): a browser that
        # holds it holds this very answer.
        not_modified = get_conditional_response(request, etag=etag)
        if isinstance(not_modified, HttpResponseNotModified):
            for name, value in headers:
                if name in ("ETag", "Cache-Control", "Vary"):
                    not_modified[name] = value
            not_modified[HIT_HEADER] = "hit"
            return not_modified
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response[name] = value
    # What CommonMiddleware would add, had the request got that far.
    response["Content-Length"] = str(len(content))
    response[HIT_HEADER] = "hit"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key, entry = _lookup(request) if _may_answer(request) else (None, None)
        if entry is not None:
            return _from_cache(request, entry)
        response = self.get_response(request)
        if key is not None and (content := _storable(request, response)) is not None:
            headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
            entry = (response.status_code, headers, content, getattr(request, WITH_FORM, False))
            try:
                cache().set(key, entry, settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("Page cache unreachable; the page was not kept", exc_info=True)
                return response
            local_pages.set(key, entry)
            response[HIT_HEADER] = "miss"
        return response
