"""The data of the site shell: what the header, the menu, the footer and the language links show.

Everything here is plain data (titles, URLs, tree paths, contact details), built per site and
language. Menu and footer change only when an editor publishes, unpublishes or moves a page, or
saves the footer or the site settings, and each of those changes the content version
(``core.caching``). So ``site_shell`` keeps its data with ``cached()`` under a key made of the
site, the language and that version: a warm page renders its shell without a query, and a publish
makes every key stale at once. Rendered page content is never cached here, so a draft or a
preview cannot leak to visitors through it.

The footer (``home.models.SiteFooter``) is a snippet translated with wagtail-localize. The shell
takes the data (addresses, phone, where the links go, their order) from the footer the settings
chose, and the texts (the team's name, the links' texts) from that footer's translation in the
reader's language. A text that has no translation yet is shown in the language it has, marked with
``lang`` so that screen readers pronounce it right.

Language links and the ``hreflang`` alternates come from one cached query (the page's live
translations together with the home pages of every language). ``page.localized`` is never used:
it queries on every access. What one request asked for is remembered on the request, so the head,
the header, the footer and the blocks share it.

``home/templatetags/site_tags.py`` only hands these to the templates.
"""

from django.conf import settings
from django.db.models import Q
from django.urls import NoReverseMatch, Resolver404, resolve, reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from core.caching import cached
from core.http import same_site_path
from core.sections import section_names
from core.visibility import is_private, visible

from .localisation import untranslated_query
from .models import FooterLink, SiteFooter, SiteSettings


def reader_language():
    """The content language of the current request (``nl`` or ``en``)."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


def root_paths(site):
    """``{language_code: url_path}`` of the site's home page in each language (Wagtail caches these)."""
    if site is None:
        return {}
    return {srp.language_code: srp.root_path for srp in Site.get_site_root_paths() if srp.site_id == site.pk}


# --- header, menu and footer -------------------------------------------------------------------


def site_shell(request):
    """The cached data of the shell for this request's site and language.

    ``site_name``, ``home_url``, ``sections`` (every visible page below the home page),
    ``navigation`` (those shown in menus), ``index_pages`` (``index_pages.news.url`` and so on),
    ``rss_url``, ``subscribe_url`` (the kwartaalupdate's form), ``contact`` (the team's name and
    contact details, see ``_contact``) and ``footer_links`` (``text``, ``url`` and ``lang`` when
    the text is in another language).
    """
    if not hasattr(request, "_site_shell"):
        site = Site.find_for_request(request)
        language = reader_language()
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
        "subscribe_url": "",
        "contact": {},
        "footer_links": [],
    }
    if site is None:
        return data
    home = Page.objects.live().filter(url_path=root_paths(site).get(language), depth=2).first()
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
    data["subscribe_url"] = _subscribe_url(language)

    footer = SiteSettings.for_site(site).footer
    if footer is not None:
        translated = _translation(footer, language)
        data["contact"] = _contact(footer, translated, language)
        data["footer_links"] = _footer_links(request, footer, translated, language)
    return data


def _subscribe_url(language):
    """The kwartaalupdate's subscribe form in ``language``, found by its URL name: ``home`` sits
    beside ``newsletter`` and does not import it. Empty on a site without the newsletter."""
    with translation.override(language):
        try:
            return reverse("newsletter:subscribe")
        except NoReverseMatch:
            return ""


def _translation(footer, language):
    """The chosen footer in the reader's language, or ``None`` when it has not been translated."""
    if footer.locale.language_code == language:
        return footer
    translations = SiteFooter.objects.filter(translation_key=footer.translation_key)
    return translations.filter(locale__language_code=language).first()


def _contact(footer, translated, language):
    """The team's name in the reader's language (when translated) and the footer's contact details."""
    source_language = footer.locale.language_code
    return {
        "team_name": translated.team_name if translated else footer.team_name,
        "team_name_lang": "" if translated else source_language,
        "email": footer.email,
        "phone": footer.phone,
        "phone_href": footer.phone_href,
        "visiting_address": footer.visiting_address,
        "postal_address": footer.postal_address,
    }


def _footer_links(request, footer, translated, language):
    """The chosen footer's links, in its order, with texts and pages in the reader's language.

    A link's text is its translation's (the translated link has the same ``translation_key``);
    without one, a link to a page shows the page's title in the reader's language, and a link
    elsewhere the text it has (marked with its language) or the address itself. The chosen page
    is usually the Dutch one; its translations are found for all links at once, through
    ``translation_key`` and the reader's language. A page with no visible translation is linked in
    the language it has, and a page nobody may see is left out.
    """
    rows = list(
        FooterLink.objects.filter(footer__in={footer.pk, translated.pk if translated else footer.pk})
        .select_related("page__locale")
        .order_by("sort_order", "pk")
    )
    links = [row for row in rows if row.footer_id == footer.pk]
    texts = {row.translation_key: row.label for row in rows if translated and row.footer_id == translated.pk}
    keys = {link.page.translation_key for link in links if link.page_id}
    pages = {
        page.translation_key: page
        for page in visible(
            Page.objects.filter(translation_key__in=keys, locale__language_code=language)
        ).select_related("locale")
    }
    source_language = footer.locale.language_code
    result = []
    for link in links:
        text, text_language = texts.get(link.translation_key, ""), language
        if link.page_id:
            fallback = link.page if link.page.live and not is_private(link.page) else None
            target = pages.get(link.page.translation_key) or fallback
            if target is None:
                continue
            url = target.get_url(request)
            if not text:
                text, text_language = target.title, target.locale.language_code
        elif link.url:
            url = link.url
            if not text:
                text, text_language = (link.label, source_language) if link.label else (url, language)
        else:
            continue
        result.append({"text": text, "url": url, "lang": "" if text_language == language else text_language})
    return result


def navigation(request, page):
    """The menu: the shell's ``navigation``, each marked as the page being read or an ancestor of it."""
    current_path = page.path if isinstance(page, Page) else ""
    return [
        {
            **item,
            "is_current": item["path"] == current_path,
            "is_ancestor": current_path.startswith(item["path"]) and item["path"] != current_path,
        }
        for item in site_shell(request)["navigation"]
    ]


def breadcrumbs(request, page):
    """Home, then the ancestors below the home page, then the current page (not a link)."""
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": []}
    shell = site_shell(request)
    crumbs = [{"title": _("Home"), "url": shell["home_url"]}]
    if page.depth > 3:
        # Most pages sit directly below a section page the cached shell already knows.
        parent_path = page.path[: -Page.steplen]
        section = next((s for s in shell["sections"] if s["path"] == parent_path), None)
        if section:
            crumbs.append(section)
        else:
            crumbs += [
                {"title": ancestor.title, "url": ancestor.get_url(request)}
                for ancestor in page.get_ancestors().filter(depth__gt=2)
            ]
    return {"crumbs": crumbs, "current": page.title}


# --- languages ---------------------------------------------------------------------------------


def language_links(request, page):
    """One entry per site language: where to read this page in that language.

    ``links``: each has ``code``, ``name`` (in its own language), ``url``, ``is_current``, and
    ``is_fallback`` with a ``note``, a ``title`` and the language's ``home_url`` when there is no
    live translation in that language: a page's link then stays on the page and asks it for the
    "not available in your language" notice (``home.localisation``); elsewhere (an error page)
    it goes to that language's home page. ``alternates`` (``hreflang``)
    lists only the visible translations of the page itself, with full URLs.
    """
    if hasattr(request, "_site_language_links"):
        return request._site_language_links
    site = Site.find_for_request(request)
    current = reader_language()
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
        elif is_page and code in homes:
            # No translation yet: the link stays on this page and asks it to say so in the
            # link's language, with a way to that language's home page (home/localisation.py).
            link["url"] = f"{page.get_url(request)}?{untranslated_query(request, code)}"
            link["home_url"] = homes[code]
            link["is_fallback"] = True
            with translation.override(code):
                link["note"] = _("niet vertaald")
                link["title"] = _("Deze pagina is nog niet vertaald. U blijft op deze pagina.")
        elif code in homes:
            link["url"] = homes[code]
            link["home_url"] = homes[code]
            link["is_fallback"] = True
            # Said in the language of the link: that is the language its reader understands.
            with translation.override(code):
                link["note"] = _("startpagina")
                link["title"] = _("De link gaat naar de startpagina.")
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
    """``(homes, translations)``: the URL of each language's home page, and the URLs of the visible
    translations of the page with ``translation_key`` (``{code: {"url", "full_url"}}``).

    One query, kept under the content version: publishing or unpublishing a translation, or a
    new locale, makes a new one.
    """

    def compute():
        paths = root_paths(site)
        lookup = Q(depth=2, url_path__in=paths.values())
        if translation_key:
            lookup |= Q(translation_key=translation_key)
        pages = list(visible(Page.objects.filter(lookup)).select_related("locale"))
        homes = {
            p.locale.language_code: p.get_url(request)
            for p in pages
            if p.depth == 2 and paths.get(p.locale.language_code) == p.url_path
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
