"""A site-wide content version, and a cache for what many pages need and editors rarely change.

Menus, the footer, filter choices and the list of private sections are the same for every
visitor. They are kept in Django's cache under a key that includes ``content_version()``; the
signal handlers in ``home/signals.py`` (and ``knowledge/signals.py``) bump that version whenever an
editor publishes, unpublishes or moves a page, or saves settings, snippets or view restrictions.
Nothing has to be deleted by name, and a stale entry simply expires.
"""

from django.core.cache import cache
from django.db.models import Q

CONTENT_VERSION_KEY = "content-version"
CACHE_SECONDS = 60 * 60


def content_version():
    """A number that changes whenever published content may have changed."""
    return cache.get_or_set(CONTENT_VERSION_KEY, 1, timeout=None)


def bump_content_version(**kwargs):
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 2, timeout=None)


def cached(name, compute):
    """``compute()``, kept until the content changes. ``name`` must say everything it depends on."""
    key = f"{name}:{content_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def private_pages_q():
    """The same filter as Wagtail's ``PageQuerySet.private_q()``, without a query per call."""
    from wagtail.models import PageViewRestriction

    sections = cached(
        "private-sections",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth")),
    )
    q = Q()
    for path, depth in sections:
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def active_locale_id():
    """The id of the active language's Locale, like ``Locale.get_active()`` without its query."""
    from django.utils.translation import get_language
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    ids = cached("locale-ids", lambda: dict(Locale.objects.values_list("language_code", "pk")))
    return ids.get(get_supported_content_language_variant(get_language())) or Locale.get_default().pk
