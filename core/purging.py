"""Purging a shared cache (nginx, Varnish, a CDN) in front of the site: the URLs that show a page.

Pages may be kept by a shared cache for ``SHARED_CACHE_SECONDS`` (``core.http``). Django's own
caches follow the content version and are fresh at once; a proxy knows nothing of it, so when an
editor publishes, unpublishes, moves or deletes a page, every URL whose answer shows that page is
purged: the page itself, the pages that list it (its ancestors, up to its language's home page,
which shows the latest news and meetings), the sitemap, the feeds, the theme pages it is tagged
with — in every language the page has. Each page type says which URLs show it
(``BasePage.urls_showing_this``, overridden where a type shows up elsewhere); this module gathers
them into one ``PurgeBatch`` per event.

A snippet or setting (``core.caching.CONTENT_MODELS``: the footer, the site settings, the
organisations, ...) may appear on every page, so saving one purges every live page, in a task.

``wagtail.contrib.frontend_cache`` sends the purges (its ``HTTPBackend`` sends ``PURGE`` requests
to nginx; Cloudflare and CloudFront have backends too), through its own task. Its app is *not* in
``INSTALLED_APPS``: its ``ready()`` connects handlers that purge a published page's own URL in a
batch of their own, a second purge of the same URL beside the one made here. Nothing happens unless
``WAGTAILFRONTENDCACHE`` names a backend (``config/settings/base.py``, from the environment).

What is not purged lasts at most ``SHARED_CACHE_SECONDS``: filtered and paginated listings
(``/kennisbank/?thema=…``), pages that show a page as a related item, a registration that opens or
closes on the clock. Behind nginx the site therefore runs with ``SHARED_CACHE_SECONDS=1``
(docs/proxy-cache.md).
"""

import copy

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django_tasks import task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageLogEntry
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .caching import CONTENT_MODELS
from .visibility import visible

# Set while a purge of the whole site waits to be queued, so that saving a footer with its ten links
# queues one purge, not eleven. It lapses by itself if the transaction is rolled back.
SITE_PURGE_PENDING_KEY = "purge-whole-site-pending"
SITE_PURGE_PENDING_SECONDS = 10


def purging_enabled():
    """True when a shared cache is configured to be purged (``WAGTAILFRONTENDCACHE``)."""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


# --- the URLs that show a page --------------------------------------------------------------------


def page_urls(page, request=None):
    """The full URLs Wagtail serves ``page`` at: its own URL and its routable sub-paths
    (``get_cached_paths``: the news index's ``rss/``). ``request`` is passed on to Wagtail's URL
    methods, which keep the site root paths on it: any object that takes attributes will do."""
    url = page.get_full_url(request)
    if url is None:
        return []
    return [url + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()]


def sitemap_url(page, request=None):
    """The sitemap of the site ``page`` is on (one sitemap lists every page in every language)."""
    url_parts = page.get_url_parts(request)
    if url_parts is None or url_parts[1] is None:
        return None
    return url_parts[1] + reverse("sitemap")


def default_urls_showing(page, request=None):
    """What shows any page: the page itself, every ancestor up to and including its language's home
    page (an index page lists its children, a partner's section and the news index both list a
    partner's news, and the home page shows the latest news and meetings), and the sitemap.

    An ancestor that does not list the page costs one needless purge; one that does and was left
    out would show the page's old title for ``SHARED_CACHE_SECONDS``.
    """
    urls = set(page_urls(page, request))
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        urls.update(page_urls(ancestor, request))
    if sitemap := sitemap_url(page, request):
        urls.add(sitemap)
    return urls


def previously_live_revision(page):
    """The revision that was live before the publish now under way, or None.

    ``page_published`` is sent before Wagtail logs the publish, so the newest ``wagtail.publish``
    entry is still the one before: what visitors saw until now (a theme the editor just removed
    still lists the page).
    """
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish", revision__isnull=False)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision if entry else None


def urls_showing_translations(page, request=None):
    """The URLs that show ``page`` or any of its translations: a Dutch publish changes the English
    listings' "more in Dutch" counts, and an English page lists under English parents."""
    urls = set()
    for translation in Page.objects.filter(translation_key=page.translation_key).specific():
        urls.update(translation.urls_showing_this(request))
    return urls


# --- one batch per event ----------------------------------------------------------------------------


def purge(urls):
    """Purge ``urls`` in one batch (the backends send it from Wagtail's purge task)."""
    urls = {url for url in urls if url}
    if urls:
        PurgeBatch(urls).purge()


def shown_on_every_page(page):
    """True for the home page and the sections below it, which every page's menu and footer name
    (``home.shell``), and for a page type that says ``shown_on_every_page = True`` (a theme, whose
    name the cards of every listing show)."""
    if getattr(page, "shown_on_every_page", False):
        return True
    site = page.get_site()
    return site is not None and page.depth <= site.root_page.depth + 1


def page_published_or_unpublished(sender, instance, **kwargs):
    """``page_published`` and ``page_unpublished``; a deleted live page is unpublished first, so a
    delete comes here too, before the row is gone (``pre_delete``, for every page of the subtree)."""
    if not purging_enabled():
        return
    batch = PurgeBatch()
    urls = urls_showing_translations(instance.specific, batch)
    revision = kwargs.get("revision")
    previous = previously_live_revision(instance) if revision is not None else None
    if previous is not None and previous.pk != revision.pk:
        # The page as visitors saw it until now: its old themes still list it.
        urls.update(previous.as_object().urls_showing_this(batch))
    purge(urls)
    if shown_on_every_page(instance):
        # At once what shows it for sure, then every page in a task: a rare second batch.
        queue_whole_site_purge()


def urls_under_old_path(page, old_url_path, request=None):
    """The URLs ``page`` and its descendants had while ``page`` was at ``old_url_path``.

    Wagtail builds a URL from ``url_path``; a copy of each page with its old path gives the old URL
    without a second way of making URLs."""
    new_url_path = page.url_path
    urls = set()
    for moved in [page, *page.get_descendants().specific(defer=True)]:
        before = copy.copy(moved)
        before.url_path = old_url_path + moved.url_path[len(new_url_path) :]
        urls.update(page_urls(before, request))
    return urls


def page_moved(sender, instance, parent_page_before, url_path_before, **kwargs):
    """``post_page_move``: the page and its subtree are gone from their old URLs and their old
    parent's listing, and appear under the new parent (``urls_showing_this`` of the new place)."""
    if not purging_enabled() or url_path_before == instance.url_path:
        return  # a reorder among siblings: no URL changed
    batch = PurgeBatch()
    urls = urls_under_old_path(instance, url_path_before, batch)
    urls.update(default_urls_showing(parent_page_before.specific, batch))
    urls.update(urls_showing_translations(instance.specific, batch))
    purge(urls)


def page_slug_changed_handler(sender, instance, instance_before, **kwargs):
    """``page_slug_changed``: the page's old URL (and its subtree's) still holds the old answer."""
    if not purging_enabled():
        return
    purge(urls_under_old_path(instance, instance_before.url_path, PurgeBatch()))


# --- snippets and settings: every page ------------------------------------------------------------


def every_live_url():
    """Every URL of every visible page in every language, with the sitemap of each site."""
    batch = PurgeBatch()
    urls = set()
    for page in visible(Page.objects.all()).specific(defer=True).iterator():
        urls.update(page_urls(page, batch))
        if sitemap := sitemap_url(page, batch):
            urls.add(sitemap)
    return urls


@task()
def purge_whole_site():
    """Purge every live page: a snippet or setting they all may show has changed."""
    cache.delete(SITE_PURGE_PENDING_KEY)
    if purging_enabled():
        purge(every_live_url())


def queue_whole_site_purge():
    """Purge every live page once the current transaction commits (the task must read what was
    saved); several calls in one transaction queue one purge."""
    if cache.add(SITE_PURGE_PENDING_KEY, True, SITE_PURGE_PENDING_SECONDS):
        transaction.on_commit(purge_whole_site.enqueue)


def content_model_changed(sender, **kwargs):
    """``post_save``/``post_delete`` of any model: those in ``CONTENT_MODELS`` purge the whole site."""
    if sender in CONTENT_MODELS and purging_enabled():
        queue_whole_site_purge()


def connect():
    """Connect the handlers; called once from ``CoreConfig.ready``. Each checks
    ``purging_enabled()`` when it runs, so settings changed later (in tests) are honoured."""
    for signal in (page_published, page_unpublished):
        signal.connect(page_published_or_unpublished, dispatch_uid=f"purge-{signal!r}")
    post_page_move.connect(page_moved, dispatch_uid="purge-page-moved")
    page_slug_changed.connect(page_slug_changed_handler, dispatch_uid="purge-slug-changed")
    # Without a sender: CONTENT_MODELS is still being filled while the apps load.
    for signal in (post_save, post_delete):
        signal.connect(content_model_changed, dispatch_uid=f"purge-content-model-{signal!r}")
