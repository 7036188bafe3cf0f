"""Clear cached fragments that show pages or settings when editors change them."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from .models import FooterLink, SiteSettings

NAVIGATION_CACHE_VERSION_KEY = "navigation-version"


def navigation_cache_version():
    """A number that changes whenever the menu or footer may have changed; part of every fragment key."""
    return cache.get_or_set(NAVIGATION_CACHE_VERSION_KEY, 1, timeout=None)


def bump_navigation_cache(**kwargs):
    try:
        cache.incr(NAVIGATION_CACHE_VERSION_KEY)
    except ValueError:
        cache.set(NAVIGATION_CACHE_VERSION_KEY, 2, timeout=None)


for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
    signal.connect(bump_navigation_cache, dispatch_uid=f"navigation-{signal!r}")


@receiver(post_save, sender=SiteSettings, dispatch_uid="navigation-settings-saved")
@receiver(post_save, sender=FooterLink, dispatch_uid="navigation-footer-saved")
@receiver(post_delete, sender=FooterLink, dispatch_uid="navigation-footer-deleted")
def settings_changed(**kwargs):
    bump_navigation_cache()
