"""Both languages, whole: English URLs in English, and no dead end where a page is not translated.

Three things live here, each on a public API of Wagtail or wagtail-localize.

**A translation's own slug.** Every page's ``slug`` is a ``SynchronizedField`` (``core.models``):
a translation copies the Dutch slug at each sync. wagtail-localize lets a translation *override* a
synchronised field: the value sits in a ``SegmentOverride`` for the source's ``slug`` segment
and the target locale, and every later sync applies it after copying the Dutch value. In the
admin this is the translation editor's "Synchronised values" section (the slug's "Override"
button, wagtail-localize's ``edit_override`` view); in code it is ``set_translated_slug``. Because
wagtail-localize saves the translated page with ``Page.save()``, Wagtail notices the new slug,
updates the ``url_path`` of the page and everything below it, and sends ``page_slug_changed``:
``wagtail.contrib.redirects`` then creates a permanent redirect from every old URL of the page and
of its live descendants (``WAGTAILREDIRECTS_AUTO_CREATE``, on by default). ``/en/themas/…`` keeps
working, deep links included.

``give_own_slugs`` gives every translation that still has its source's slug a slug made from its
own title. It is a function (and ``manage.py give_english_slugs``) rather than a data migration:
a migration's historical models have no ``Page.save()``, so it would neither update ``url_path``
nor create the redirects, and it cannot ask wagtail-localize to sync. ``seed_demo`` calls it for
the demo; a site with English pages from before runs the command once after deploying.

**Redirects that keep the query string.** Wagtail's ``RedirectMiddleware`` matches a redirect on
the path without the query string when the full path has none, and then drops the query string:
``/en/kennisbank/?thema=x`` would lose its filter. ``LocalisedRedirectMiddleware`` puts it back.

**An untranslated page's URL in another language.** Where does ``/en/kennisbank/<dutch-slug>/``
go when the item has no English translation? Not to a 404: the visitor followed a link or changed
the language in the URL, and the page exists. The answer lives in the same middleware, after
Wagtail's redirects had their turn, because only a 404 can need it and a 404 costs the other
requests nothing: routing stays Wagtail's (and ``home.routing``'s), and no page type's ``route``
learns about languages. The path is walked from the Dutch home page, each step matching a Dutch
slug or the slug of the step's translation, so mixed paths work too
(``/en/knowledge-base/<dutch-slug>/``). The visitor gets a temporary redirect (302: a
translation may appear tomorrow) to the translation if it exists by now, or else to the Dutch page
with ``?niet-vertaald=en``, which makes the page show the notice "This page is not available in
English yet; here is the Dutch version" (``untranslated_notice``). A path that matches no page
stays a 404, in the visitor's language. The language switcher links the same way
(``home.shell.language_links``), so it never leads to a 404.
"""

import json
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.redirects.middleware import RedirectMiddleware
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import SegmentOverride, Translation, TranslationSource

from core.visibility import visible

# The query parameter that asks a page to say it is not available in the visitor's language.
UNTRANSLATED_PARAM = "niet-vertaald"
# wagtail-localize names a page's slug segment after the field.
SLUG_SEGMENT = "slug"

# What the notice says, in the language the visitor asked for: (asked for, page's language).
NOTICES = {
    ("en", "nl"): _("Deze pagina is nog niet beschikbaar in het Engels; hier is de Nederlandse versie."),
    ("nl", "en"): _("Deze pagina is nog niet beschikbaar in het Nederlands; hier is de Engelse versie."),
}
NOTICE_ELSEWHERE = _("Deze pagina is nog niet vertaald; hier is de oorspronkelijke versie.")


# A translation's own slug -----------------------------------------------------------------------


def _source_and_translation(page):
    """The wagtail-localize ``TranslationSource`` and ``Translation`` that made ``page``."""
    original = page.get_translation(Locale.get_default())
    source = TranslationSource.objects.get_for_instance(original)
    return source, Translation.objects.get(source=source, target_locale_id=page.locale_id)


def translated_slug(page):
    """The slug ``page`` (a translation) keeps whatever its source's slug is, or None."""
    source, _translation = _source_and_translation(page)
    override = (
        source.overridablesegment_set.filter(context__path=SLUG_SEGMENT).get_overrides(page.locale).first()
    )
    return override.data if override else None


def set_translated_slug(page, slug, user=None):
    """Give the translated ``page`` its own ``slug`` and keep it through every later sync.

    Stores the override as the translation editor does, then syncs the translation so the slug
    takes effect now (Wagtail creates the redirects from the old URLs). A live page stays live
    with its new slug; a draft stays a draft. Returns the page as it is afterwards.
    """
    source, target = _source_and_translation(page)
    segment = source.overridablesegment_set.get(context__path=SLUG_SEGMENT)
    SegmentOverride.objects.update_or_create(
        locale_id=page.locale_id,
        context_id=segment.context_id,
        defaults={"data_json": json.dumps(slugify(slug)), "last_translated_by": user, "has_error": False},
    )
    was_live = page.live and not page.has_unpublished_changes
    # Saved as a draft and published from the database: wagtail-localize's publish=True publishes
    # from an object built in memory, after the commit (see demo/content/translate.py).
    target.save_target(user=user, publish=False)
    page = Page.objects.get(pk=page.pk).specific
    if was_live:
        page.get_latest_revision().publish(user=user)
        page = Page.objects.get(pk=page.pk).specific
    return page


def pages_with_source_slugs(locale):
    """The translated pages in ``locale`` whose slug is still their source's, deepest first.

    Deepest first, because Wagtail creates the redirects after the commit, from the tree as it is
    then: a parent renamed first would make its children's redirects start from their new slugs,
    and ``/en/kennisbank/<old item slug>/`` would be lost.
    """
    default = Locale.get_default()
    source_slugs = dict(
        Page.objects.filter(locale=default, depth__gt=2).values_list("translation_key", "slug")
    )
    return [
        page
        for page in Page.objects.filter(locale=locale, depth__gt=2).order_by("-depth", "path")
        if source_slugs.get(page.translation_key) == page.slug
    ]


def give_own_slugs(locale, user=None):
    """Give every translated page in ``locale`` that still has its source's slug one made from its
    own title; return ``{old url_path: new url_path}`` of the pages that changed.

    A page whose title gives the same slug (``Pilots``, ``Contact``) is left alone, and so is a
    page that was not made by wagtail-localize (nothing to keep the slug through a sync).
    """
    changed = {}
    for page in pages_with_source_slugs(locale):
        slug = slugify(page.title)
        if not slug or slug == page.slug:
            continue
        try:
            _source_and_translation(page)
        except (Page.DoesNotExist, TranslationSource.DoesNotExist, Translation.DoesNotExist):
            continue
        old_path = page.url_path
        changed[old_path] = set_translated_slug(page, slug, user=user).url_path
    return changed


# Redirects and the untranslated fallback ---------------------------------------------------------


def _with_query(url, query):
    if not query or urlsplit(url).query:
        return url
    return f"{url}?{query}"


def _page_in(page, locale_id):
    """The visible page with ``page``'s translation key in ``locale_id``, or None."""
    return visible(Page.objects.filter(translation_key=page.translation_key, locale_id=locale_id)).first()


def source_page_for_path(site, language, components):
    """The page in the site's main language that ``components`` (a path below ``/<language>/``)
    names, each step by the main language's slug or by the slug of its ``language`` translation.

    None when a step matches nothing. Up to three small queries per step; only a 404 asks.
    """
    home = site.root_page
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or locale.pk == home.locale_id:
        return None
    current, translated = home, _page_in(home, locale.pk)
    for component in components:
        child = Page.objects.child_of(current).filter(slug=component).first()
        if child is None and translated is not None:
            translated_child = Page.objects.child_of(translated).filter(slug=component).first()
            if translated_child is not None:
                child = Page.objects.filter(
                    translation_key=translated_child.translation_key, locale_id=home.locale_id
                ).first()
        if child is None:
            return None
        current = child
        translated = Page.objects.filter(translation_key=child.translation_key, locale=locale).first()
    return current


def untranslated_redirect(request):
    """The temporary redirect for a 404 below a language prefix whose path names an existing page
    in the main language (see the module's docstring), or None."""
    if request.method not in ("GET", "HEAD"):
        return None
    language = get_language_from_path(request.path_info)
    if not language or language == settings.LANGUAGE_CODE:
        return None
    prefix = f"/{language}/"
    if not request.path_info.startswith(prefix):
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [part for part in request.path_info[len(prefix) :].split("/") if part]
    page = source_page_for_path(site, language, components)
    if page is None:
        return None
    query = request.GET.copy()
    translated = _page_in(page, Locale.objects.get(language_code=language).pk)
    if translated is not None:
        return HttpResponseRedirect(_with_query(translated.get_url(request), query.urlencode()))
    # A draft or a private page stays a 404: its URL is no business of a visitor.
    if not visible(Page.objects.filter(pk=page.pk)).exists():
        return None
    query[UNTRANSLATED_PARAM] = language
    return HttpResponseRedirect(f"{page.get_url(request)}?{query.urlencode()}")


class LocalisedRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirects, with the query string kept, then the untranslated-page fallback.

    Replaces ``wagtail.contrib.redirects.middleware.RedirectMiddleware`` in ``MIDDLEWARE``.
    """

    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        redirected = super().process_response(request, response)
        if redirected is not response:
            redirected["Location"] = _with_query(redirected["Location"], request.META.get("QUERY_STRING", ""))
            return redirected
        return untranslated_redirect(request) or response


# The notice ------------------------------------------------------------------------------------


def untranslated_notice(request, languages):
    """What the page says to a visitor who asked for it in a language it has no translation in.

    ``languages`` is ``home.shell.language_links``' answer for the page: the notice shows only when
    its link for the asked language is a fallback, so a hand-made ``?niet-vertaald=en`` on a
    translated page shows nothing. Returns ``{"lang", "text", "home_url", "home_text"}`` or None.
    """
    asked = request.GET.get(UNTRANSLATED_PARAM, "")
    link = next((link for link in languages["links"] if link["code"] == asked), None)
    if link is None or link["is_current"] or not link["is_fallback"]:
        return None
    current = translation.get_language()
    with translation.override(asked):
        return {
            "lang": asked,
            "text": str(NOTICES.get((asked, current), NOTICE_ELSEWHERE)),
            "home_url": link.get("home_url", ""),
            "home_text": str(_("Ga naar de startpagina")),
        }


def untranslated_query(request, language):
    """The current page's query string with the notice's parameter for ``language`` added."""
    params = [(key, value) for key, value in request.GET.items() if key != UNTRANSLATED_PARAM]
    return urlencode([*params, (UNTRANSLATED_PARAM, language)])
