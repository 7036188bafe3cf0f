"""What a visitor may see: live pages outside private sections, in the language they read.

Every listing, section, search, feed and sitemap narrows its pages through ``visible()``, so there
is one rule and one place to change it. A page is private when it or an ancestor has a view
restriction (a password, a login, a group); Wagtail's ``PageQuerySet.public()`` runs a query for
the restrictions on every call, so ``private_pages_q()`` keeps their tree paths in the cache under
the content version, which every saved or deleted restriction changes (see ``core.caching``).
"""

from django.db.models import Q
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction

from .caching import cached


def _private_sections():
    return cached(
        "private-sections",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth")),
    )


def _restricted_aliases():
    """Tree paths of the aliases that resolve to a page with a view restriction (an alias of an
    alias by its last source): Wagtail checks an alias, and an alias among a page's ancestors, by
    its source's restrictions, whatever the alias's own place in the tree."""

    def compute():
        restricted = set(PageViewRestriction.objects.values_list("page_id", flat=True))
        resolved, frontier = set(restricted), restricted
        while frontier:
            frontier = set(Page.objects.filter(alias_of_id__in=frontier).values_list("pk", flat=True))
            frontier -= resolved
            resolved |= frontier
        aliases = resolved - restricted
        return list(Page.objects.filter(pk__in=aliases).values_list("path", flat=True)) if aliases else []

    return cached("restricted-aliases", compute)


def may_have_view_restrictions(page):
    """False when Wagtail's ``get_view_restrictions`` would find none for ``page``.

    Its answer comes from ``page`` and its ancestors, each resolved to its source when it is an
    alias: when none of them is private (``is_private``) or an alias of a restricted page, there is
    nothing to find. Every way to a new restricted alias saves a ``PageViewRestriction`` (Wagtail
    copies the source's to a new alias), which starts a new content version, so neither list is
    ever short.
    """
    return is_private(page) or any(page.path.startswith(path) for path in _restricted_aliases())


def private_pages_q():
    """Matches every page in a private section: Wagtail's ``private_q()`` without its query."""
    q = Q()
    for path, depth in _private_sections():
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def visible(queryset):
    """The live pages of ``queryset`` that anyone may see (no view restriction on the way)."""
    return queryset.live().exclude(private_pages_q())


def is_private(page):
    """True when ``page`` or one of its ancestors has a view restriction."""
    return any(page.path.startswith(path) for path, _depth in _private_sections())


def active_locale_id():
    """The id of the active language's Locale, like ``Locale.get_active()`` without its query."""
    ids = cached("locale-ids", lambda: dict(Locale.objects.values_list("language_code", "pk")))
    try:
        language = get_supported_content_language_variant(get_language())
    except LookupError:
        language = None
    return ids.get(language) or Locale.get_default().pk


def privacy_url():
    """The privacy statement in the reader's language, or the Dutch one at ``/privacy/``.

    Every form that asks for consent links to it.
    """
    page = visible(Page.objects.filter(slug="privacy", locale_id=active_locale_id())).first()
    return page.url if page else "/privacy/"
