"""Which Wagtail site answers a request, from the cache instead of a query on every request.

Why: Wagtail asks the database which ``Site`` answers each request (``Site.find_for_request``: a
query ordered by a ``CASE`` over host name, port and the default flag) and reads the sites' root
paths from its own cache entry (``Site.get_site_root_paths``: a Redis round trip). Together that
was a fifth of a knowledge item's render, for an answer that changes only when an editor changes
a site or a home page. Here both come from ``core.caching.cached`` under the content version
(a saved or deleted ``Site`` bumps it, ``core/signals.py``), with each site's home page already in
its own type, so Wagtail's routing asks no query for it either.

How: Wagtail keeps both answers on the request and asks again only when they are missing
(``request._wagtail_site`` and ``request._wagtail_cached_site_root_paths``). No public way sets
them; ``SiteMiddleware`` does, and no other module of the project touches those names
(``tests/core/test_public_apis.py`` allows them here only, ``docs/pitfalls.md`` says why).
``tests/core/test_sites.py`` checks that Wagtail still reads them, and that ``site_for_host``
chooses what Wagtail's own ``get_site_for_hostname`` chooses for every combination of host name,
port and default site.
"""

import logging

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from wagtail.models import Site

from .caching import cached

logger = logging.getLogger(__name__)

# The ranks Wagtail's get_site_for_hostname orders candidates by (best first).
HOST_AND_PORT, HOST_AND_DEFAULT, DEFAULT, HOST_ONLY = range(4)


def _sites_with_home_pages():
    sites = list(Site.objects.select_related("root_page"))
    for site in sites:
        # In its own type (HomePage): Wagtail's routing asks for ``root_page.specific``.
        site.root_page = site.root_page.specific
        # Its image is in the home page's social preview (og:image), as home/routing.py loads it.
        getattr(site.root_page, "listing_image", None)
    return sites


def all_sites():
    """Every site with its root page in its own type; a copy of its own for each caller."""
    return cached("sites", _sites_with_home_pages)


def _rank(site, hostname, port):
    if site.hostname == hostname:
        if site.port == port:
            return HOST_AND_PORT
        return HOST_AND_DEFAULT if site.is_default_site else HOST_ONLY
    return DEFAULT


def site_for_host(sites, hostname, port):
    """The site of ``sites`` that answers ``hostname:port``, or None: Wagtail's rule.

    An exact host name and port first, then the host name if it is the default site, then the
    default site, unless exactly one other site has the host name. A host name several sites share
    on other ports, with no default site, has no answer.
    """
    candidates = sorted(
        (site for site in sites if site.hostname == hostname or site.is_default_site),
        key=lambda site: _rank(site, hostname, port),
    )
    if not candidates:
        return None
    best = _rank(candidates[0], hostname, port)
    if len(candidates) == 1 or best in (HOST_AND_PORT, HOST_AND_DEFAULT):
        return candidates[0]
    if best == DEFAULT:
        # The default site, unless exactly one other site has this host name.
        return candidates[len(candidates) == 2]
    return None


def site_root_paths():
    """``Site.get_site_root_paths()``, kept in this process until the content changes."""
    return cached("site-root-paths", Site.get_site_root_paths)


class SiteMiddleware:
    """Gives Wagtail the request's site and the sites' root paths before anything asks for them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            # The host as Wagtail reads it; a host outside ALLOWED_HOSTS is refused further on
            # (CommonMiddleware answers 400), and Wagtail is left to its own lookup meanwhile.
            hostname = split_domain_port(request.get_host())[0]
        except DisallowedHost:
            return self.get_response(request)
        try:
            site, root_paths = site_for_host(all_sites(), hostname, request.get_port()), site_root_paths()
        except Exception:  # the cache is down: Wagtail asks the database, /healthz says what is wrong
            logger.warning("Cache unreachable; Wagtail looks the site up itself", exc_info=True)
            return self.get_response(request)
        request._wagtail_site = site
        request._wagtail_cached_site_root_paths = root_paths
        return self.get_response(request)
