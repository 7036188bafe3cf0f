"""Template tags for the site shell: menu, footer, language links, breadcrumbs and head tags.

Thin on purpose: the data comes from ``home.shell``, which builds and caches it; these tags only
hand it to the templates. ``{% shell as shell %}`` in ``base.html`` gives the whole page (header,
footer, the contact block) the same cached data.
"""

from django import template
from wagtail.models import Page, Site

from home import shell as shell_data

register = template.Library()

OPEN_GRAPH_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


@register.simple_tag(takes_context=True)
def shell(context):
    """``{% shell as shell %}``: the cached data of the site shell (see ``home.shell.site_shell``)."""
    return shell_data.site_shell(context["request"])


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def main_navigation(context):
    """The main menu: visible children of this language's home page with 'show in menus' ticked."""
    return {"items": shell_data.navigation(context["request"], context.get("page"))}


@register.simple_tag(takes_context=True)
def languages(context):
    """``{% languages as languages %}``: ``languages.links`` and ``languages.alternates``."""
    return shell_data.language_links(context["request"], context.get("page"))


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Home, then the ancestors below the home page, then the current page (not a link)."""
    return shell_data.breadcrumbs(context["request"], context.get("page"))


@register.simple_tag(takes_context=True)
def localized_pageurl(context, page):
    """The URL of ``page`` in the language of the page being read.

    A page chooser in a StreamField keeps the page the editor chose in the main language, also on
    the translation. One query, and only when the languages differ and a translation exists.
    """
    request = context.get("request")  # absent when a block renders on its own (admin previews)
    current = context.get("page")
    if page is None:
        return ""
    if isinstance(current, Page) and page.locale_id != current.locale_id:
        translated = (
            Page.objects.live()
            .filter(translation_key=page.translation_key, locale_id=current.locale_id)
            .first()
        )
        page = translated or page
    return page.get_url(request) or ""


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """A full URL for a site-relative ``url``, for canonical, feed and Open Graph tags.

    The Site record, not the request's Host header, decides the host, as Wagtail's own
    ``get_full_url`` does: canonical and Open Graph URLs must not change with whatever host a
    request happened to use. A path that starts with several slashes (``//evil.example/``) stays a
    path on this site.
    """
    request = context["request"]
    if url.startswith(("/", "\\")):
        url = "/" + url.lstrip("/\\")
    site = Site.find_for_request(request)
    if site is None:
        return request.build_absolute_uri(url)
    return site.root_url.rstrip("/") + url if url.startswith("/") else url


@register.simple_tag
def open_graph_locale(language_code):
    return OPEN_GRAPH_LOCALES.get(language_code, language_code)
