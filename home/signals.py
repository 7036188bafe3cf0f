"""Bump the content version (see ``home/caching.py``) when editors change what pages show."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .caching import bump_content_version
from .models import FooterLink, SiteSettings

for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
    signal.connect(bump_content_version, dispatch_uid=f"content-version-{signal!r}")

for model in (SiteSettings, FooterLink, PageViewRestriction, Locale):
    for signal in (post_save, post_delete):
        signal.connect(
            bump_content_version, sender=model, dispatch_uid=f"content-version-{model.__name__}-{signal!r}"
        )
