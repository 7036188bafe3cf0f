"""Wagtail's own changes that alter what visitors see: they bump the content version.

Publishing, unpublishing, moving or renaming a page changes listings, menus and routing; a view
restriction changes who may see a section (Wagtail copies a page's restriction to a new alias of
it, which bumps too); a locale changes the language links; a site changes which home page answers
(``core/sites.py``). The project's own models declare the same with ``@bumps_content_version``
where they are defined.
"""

from wagtail.models import Locale, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .caching import bump_content_version, bumps_content_version

for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
    signal.connect(bump_content_version, dispatch_uid=f"content-version-{signal!r}")

for model in (PageViewRestriction, Locale, Site):
    bumps_content_version(model)
