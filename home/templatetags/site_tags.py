"""Template tags for the site shell: menu, footer, language links, breadcrumbs and head tags.

Menu and footer change only when an editor publishes, unpublishes or moves a page or saves the
site settings, and each of those changes the content version (``core.caching``). So the data
both need (titles, URLs, tree paths, contact details) is kept with ``cached()`` under a key made
of the site, the language and that version: a warm page renders its shell without a query, and a
publish makes every key stale at once. Only plain data is cached, never rendered
page content, so a draft or a preview cannot leak to visitors through it.

Language links and the ``hreflang`` alternates in the head come from one cached query (the
page's live translations together with the home pages of every language) and are remembered on
the request, so the head and the header share them. ``page.localized`` is never used: it queries
on every access.
"""

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from core.caching import cached
from core.http import same_site_path
from core.sections import section_names
from core.visibility import is_private, visible
from home.models import SiteSettings

register = template.Library()

OPEN_GRAPH_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def _language():
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


def _root_paths(site):
    """``{language_code: url_path}`` of the site's home page in each language (Wagtail caches these)."""
    if site is None:
        return {}
    return {srp.language_code: srp.root_path for srp in Site.get_site_root_paths() if srp.site_id == site.pk}


# --- menu and footer -------------------------------------------------------------------------


def site_shell(request):
    """The cached menu, footer and feed data for this request's site and language."""
    if hasattr(request, "_site_shell"):
        return request._site_shell
    site = Site.find_for_request(request)
    language = _language()
    request._site_shell = cached(
        f"site-shell:{site.pk if site else 0}:{language}", lambda: _build_shell(request, site, language)
    )
    return request._site_shell


def _build_shell(request, site, language):
    data = {
        "site_name": site.site_name if site and site.site_name else settings.WAGTAIL_SITE_NAME,
        "home_url": "/",
        "sections": [],
        "navigation": [],
        "index_pages": {},
        "rss_url": "",
        "contact": {},
        "footer_links": [],
    }
    if site is None:
        return data
    home = Page.objects.live().filter(url_path=_root_paths(site).get(language), depth=2).first()
    if home:
        data["home_url"] = home.get_url(request)
    else:
        # No home page in this language yet: Wagtail serves the main-language tree under the
        # language's prefix (/en/), so the reader keeps their language.
        home = site.root_page
        with translation.override(language):
            data["home_url"] = reverse("wagtail_serve", args=("",))
    children = list(visible(home.get_children()).order_by("path"))
    data["sections"] = [
        {"title": child.title, "url": child.get_url(request), "path": child.path} for child in children
    ]
    data["navigation"] = [
        section for section, child in zip(data["sections"], children, strict=True) if child.show_in_menus
    ]
    names = section_names()
    indexes = {names[child.specific_class]: child for child in children if child.specific_class in names}
    data["index_pages"] = {
        name: {"title": page.title, "url": page.get_url(request)} for name, page in indexes.items()
    }
    if "news" in indexes:
        news = indexes["news"].specific
        data["rss_url"] = news.get_url(request) + news.reverse_subpage("rss")
    site_settings = SiteSettings.for_site(site)
    data["contact"] = {
        "organisation_name": site_settings.organisation_name_in(language),
        "email": site_settings.email,
        "phone": site_settings.phone,
        "phone_href": site_settings.phone_href,
        "visiting_address": site_settings.visiting_address,
        "postal_address": site_settings.postal_address,
    }
    data["footer_links"] = _footer_links(request, site_settings, language)
    return data


def _footer_links(request, site_settings, language):
    """Footer links with the linked page's title in the reader's language.

    The chosen page is usually the Dutch one; its translations are found for all links at once,
    through ``translation_key`` and the active language. A link whose text is not in the reader's
    language gets a ``lang`` so screen readers pronounce it right.
    """
    links = list(site_settings.footer_links.select_related("page__locale").order_by("sort_order"))
    keys = {link.page.translation_key for link in links if link.page_id}
    translated = {
        page.translation_key: page
        for page in visible(
            Page.objects.filter(translation_key__in=keys, locale__language_code=language)
        ).select_related("locale")
    }
    own_label = "label_en" if language == "en" else "label"
    result = []
    for link in links:
        text, text_language = getattr(link, own_label), language
        if link.page_id:
            fallback = link.page if link.page.live and not is_private(link.page) else None
            target = translated.get(link.page.translation_key) or fallback
            if target is None:
                continue
            url = target.get_url(request)
            if not text:
                text, text_language = target.title, target.locale.language_code
        elif link.url:
            url = link.url
            if not text:
                # The Dutch label is better than the bare address; mark its language.
                text, text_language = (link.label, settings.LANGUAGE_CODE) if link.label else (url, language)
        else:
            continue
        result.append({"text": text, "url": url, "lang": "" if text_language == language else text_language})
    return result


@register.simple_tag(takes_context=True)
def shell(context):
    """``{% shell as shell %}``: the cached data of the site shell.

    ``site_name``, ``home_url``, ``sections`` (every live page below the home page),
    ``navigation`` (those shown in menus), ``index_pages`` (``index_pages.news.url`` and so on),
    ``rss_url``, ``contact`` (the SiteSettings contact details) and ``footer_links``.
    """
    return site_shell(context["request"])


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def main_navigation(context):
    """The main menu: live children of this language's home page with 'show in menus' ticked."""
    page = context.get("page")
    current_path = page.path if isinstance(page, Page) else ""
    items = []
    for item in site_shell(context["request"])["navigation"]:
        items.append(
            {
                **item,
                "is_current": item["path"] == current_path,
                "is_ancestor": current_path.startswith(item["path"]) and item["path"] != current_path,
            }
        )
    return {"items": items}


# --- languages -------------------------------------------------------------------------------


def language_links(context):
    """One entry per site language: where to read this page in that language.

    Each entry has ``code``, ``name`` (in its own language), ``url``, ``is_current``, and
    ``is_fallback`` with a ``note`` and ``title`` when the page has no live translation in that
    language and the link goes to that language's home page instead. Alternates (``hreflang``)
    list only the live translations of the page itself, with full URLs.
    """
    request = context["request"]
    if hasattr(request, "_site_language_links"):
        return request._site_language_links
    page = context.get("page")
    site = Site.find_for_request(request)
    current = _language()
    is_page = isinstance(page, Page) and page.pk is not None

    homes, translations = _language_urls(request, site, page.translation_key if is_page else None)
    query = request.GET.urlencode()
    links, alternates = [], []
    for code, _name in settings.LANGUAGES:
        link = {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "is_current": code == current,
            "is_fallback": False,
        }
        if code == current:
            link["url"] = same_site_path(request)
        elif code in translations:
            link["url"] = translations[code]["url"] + (f"?{query}" if query else "")
        elif not is_page and _translatable_view(request):
            link["url"] = translate_url(same_site_path(request), code)
        elif code in homes:
            link["url"] = homes[code]
            link["is_fallback"] = True
            # Said in the language of the link: that is the language its reader understands.
            with translation.override(code):
                link["note"] = _("startpagina")
                link["title"] = (
                    _("Deze pagina is niet vertaald. De link gaat naar de startpagina.")
                    if is_page
                    else _("De link gaat naar de startpagina.")
                )
        else:
            continue
        links.append(link)
        if code in translations:
            alternates.append({"hreflang": code, "url": translations[code]["full_url"]})
    default = next((a for a in alternates if a["hreflang"] == settings.LANGUAGE_CODE), None)
    if default and len(alternates) > 1:
        alternates.append({"hreflang": "x-default", "url": default["url"]})
    elif len(alternates) < 2:
        alternates = []  # a page in one language has nothing to point search engines to
    request._site_language_links = {"links": links, "alternates": alternates}
    return request._site_language_links


def _language_urls(request, site, translation_key):
    """``(homes, translations)``: the URL of each language's home page, and the URLs of the live
    translations of the page with ``translation_key`` (``{code: {"url", "full_url"}}``).

    One query, kept under the content version: publishing or unpublishing a translation, or a
    new locale, makes a new one.
    """

    def compute():
        root_paths = _root_paths(site)
        lookup = Q(depth=2, url_path__in=root_paths.values())
        if translation_key:
            lookup |= Q(translation_key=translation_key)
        pages = list(visible(Page.objects.filter(lookup)).select_related("locale"))
        homes = {
            p.locale.language_code: p.get_url(request)
            for p in pages
            if p.depth == 2 and root_paths.get(p.locale.language_code) == p.url_path
        }
        translations = {
            p.locale.language_code: {"url": p.get_url(request), "full_url": p.get_full_url(request)}
            for p in pages
            if translation_key and p.translation_key == translation_key
        }
        return homes, translations

    return cached(f"language-urls:{site.pk if site else 0}:{translation_key or '-'}", compute)


def _translatable_view(request):
    """True for named views outside the page tree (search), whose URL exists in every language."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return bool(match.url_name) and match.url_name != "wagtail_serve"


@register.simple_tag(takes_context=True)
def languages(context):
    """``{% languages as languages %}``: ``languages.links`` and ``languages.alternates``."""
    return language_links(context)


# --- breadcrumbs and head --------------------------------------------------------------------


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Home, then the ancestors below the home page, then the current page (not a link)."""
    page = context.get("page")
    request = context["request"]
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": []}
    shell_data = site_shell(request)
    crumbs = [{"title": _("Home"), "url": shell_data["home_url"]}]
    if page.depth > 3:
        # Most pages sit directly below a section page the cached shell already knows.
        parent_path = page.path[: -Page.steplen]
        section = next((s for s in shell_data["sections"] if s["path"] == parent_path), None)
        if section:
            crumbs.append(section)
        else:
            crumbs += [
                {"title": ancestor.title, "url": ancestor.get_url(request)}
                for ancestor in page.get_ancestors().filter(depth__gt=2)
            ]
    return {"crumbs": crumbs, "current": page.title}


def _absolute(request, url):
    """A full URL on the site's configured host, as Wagtail's own ``get_full_url`` gives it.

    The Site record, not the request's Host header, decides the host: canonical and Open Graph
    URLs must not change with whatever host a request happened to use. A path that starts with
    several slashes (``//evil.example/``) stays a path on this site.
    """
    if url.startswith(("/", "\\")):
        url = "/" + url.lstrip("/\\")
    site = Site.find_for_request(request)
    if site is None:
        return request.build_absolute_uri(url)
    return site.root_url.rstrip("/") + url if url.startswith("/") else url


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
    """A full URL for a site-relative ``url``, for canonical, feed and Open Graph tags."""
    return _absolute(context["request"], url)


@register.simple_tag
def open_graph_locale(language_code):
    return OPEN_GRAPH_LOCALES.get(language_code, language_code)
