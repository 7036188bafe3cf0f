"""The kwartaalupdate as an e-mail: rendered once per issue and language, personalised per recipient.

``render_issue`` turns an issue's sections into HTML and a plain-text part, from the same data as
the web page. The HTML is the issue's own MJML (``newsletter/email/issue.mjml``, with its title in
the header and its links in the footer) in the site's one mail layout (``core.mail.layout``:
header, footer, colours, styles inlined because many mail clients drop ``<style>``), the same
layout every transactional mail uses. What differs per recipient is left as placeholders, so a
send of thousands runs MJML once and only does string replacement per address (``personalise``):

- ``%%PREFERENCES_URL%%`` and ``%%UNSUBSCRIBE_URL%%``: the recipient's own signed links;
- ``%%THEMES_BLOCK%%``: "In uw thema's", this issue's items in the recipient's themes. It is joined
  from fragments rendered once per theme (``RenderedIssue.theme_fragments``), never per recipient.

Every link and image is absolute on ``settings.BASE_URL``; nothing loads from elsewhere (no web
fonts, no tracking pixels, no rewritten links), so the e-mail reads the same with images off and
tells nobody when it was opened.
"""

import dataclasses
import functools
import html as html_lib

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail.rich_text import expand_db_html

from core.mail import layout
from core.mail.messages import tidy_text
from core.visibility import is_private
from knowledge.models import ThemePage

from .sections import SectionKind

PREFERENCES_URL = "%%PREFERENCES_URL%%"
UNSUBSCRIBE_URL = "%%UNSUBSCRIBE_URL%%"
THEMES_BLOCK = "%%THEMES_BLOCK%%"

HTML = "html"
TEXT = "text"


@dataclasses.dataclass
class RenderedIssue:
    """An issue rendered for one language, with the per-recipient parts still placeholders.

    ``theme_fragments`` maps a theme's ``translation_key`` (a string) to its rendered piece of
    the themes block, ``{"title": ..., "html": ..., "text": ...}``, in the issue's order of themes.
    """

    subject: str
    html: str
    text: str
    language: str
    theme_fragments: dict = dataclasses.field(default_factory=dict)


# The data -----------------------------------------------------------------------------------------


def site_path(page):
    """The page's path on the site (with ``/en/`` for English), or ``""`` when it has none."""
    parts = page.get_url_parts()
    return parts[2] if parts else ""


def absolute_url(page):
    """The page's URL on ``settings.BASE_URL``: a mail is read far from the site's host name."""
    path = site_path(page)
    return settings.BASE_URL + path if path else ""


def _shown(page):
    """Whether a chosen page may go out: live and not in a private section."""
    return page is not None and page.live and not is_private(page)


def _in_issue_language(issue):
    """``choose(page)``: the page to show in ``issue``'s language, or ``None`` when none may go out.

    A translated issue (wagtail-localize) still points at the source's pages: it keeps chosen
    pages as they are, to be localised when shown. So each item shows its live translation in the
    issue's language where there is one, else the page itself. The translations are read in one
    query for the whole issue.
    """
    chosen = [item["page"] for block in issue.sections for item in block.value["items"] if item["page"]]
    keys = {page.translation_key for page in chosen if page.locale_id != issue.locale_id}
    translated = {}
    if keys:
        for page in Page.objects.filter(translation_key__in=keys, locale_id=issue.locale_id, live=True):
            translated[page.translation_key] = page

    def choose(page):
        if page is None:
            return None
        translation_ = translated.get(page.translation_key)
        if _shown(translation_):
            return translation_
        return page if _shown(page) else None

    return choose


def issue_sections(issue):
    """The issue's sections as plain data for the templates; pages gone dark are left out.

    Returns ``[{"kind", "heading", "note", "items": [{"title", "url", "text", "meta",
    "theme_keys", "language", "text_language"}]}]``. ``language`` is the page's language code when it
    differs from the issue's (a page not translated yet), else ``""``: templates mark its title, and
    its text when that is the page's own (``text_language``), with ``lang``. Sections
    without any item left are dropped: an empty heading helps nobody.
    """
    choose = _in_issue_language(issue)
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    sections = []
    for block in issue.sections:
        value = block.value
        items = []
        for item in value["items"]:
            page = choose(item["page"])
            if page is None:
                continue
            page = page.specific
            language = languages.get(page.locale_id, "") if page.locale_id != issue.locale_id else ""
            # Subsidy schemes have no themes; the rest point at the main-language theme pages.
            themes = list(page.themes.all()) if hasattr(page, "themes") else []
            items.append(
                {
                    "title": page.title,
                    "url": absolute_url(page),
                    "path": site_path(page),
                    "text": item["note"] or page.introduction,
                    "meta": page.card_meta(),
                    "theme_keys": [str(theme.translation_key) for theme in themes],
                    "themes": themes,
                    "language": language,
                    # The editor's note is written in the issue's language, an introduction in the page's.
                    "text_language": "" if item["note"] else language,
                }
            )
        if items:
            sections.append(
                {
                    "kind": value["kind"],
                    "heading": str(SectionKind(value["kind"]).label),
                    "note": value["note"],
                    "items": items,
                }
            )
    return sections


def _theme_titles(themes, language):
    """``{translation_key: title}`` in ``language``: the live translation, else the source title."""
    keys = {str(theme.translation_key) for theme in themes}
    titles = {str(theme.translation_key): theme.title for theme in themes}
    translated = ThemePage.objects.filter(
        translation_key__in=keys, locale__language_code=language, live=True
    ).values_list("translation_key", "title")
    titles.update({str(key): title for key, title in translated})
    return titles


# The themes block -------------------------------------------------------------------------------


def _theme_fragments(sections, language):
    """One rendered piece of the themes block per theme of this issue's items, in theme order."""
    themes = {}
    items_by_theme = {}
    for section in sections:
        for item in section["items"]:
            for theme in item["themes"]:
                key = str(theme.translation_key)
                themes[key] = theme
                entries = items_by_theme.setdefault(key, [])
                if item not in entries:
                    entries.append(item)
    titles = _theme_titles(themes.values(), language)
    fragments = {}
    for key in sorted(themes, key=lambda key: themes[key].path):
        context = {"theme_title": titles[key], "items": items_by_theme[key]}
        fragments[key] = {
            "title": titles[key],
            "html": _inline_in_themes_block(
                render_to_string("newsletter/email/theme_fragment.html", context)
            ),
            "text": render_to_string("newsletter/email/theme_fragment.txt", context).strip(),
        }
    return fragments


def _join_themes(fragments, theme_keys, fmt):
    """The themes block for one recipient: the fragments of their themes, or ``""`` if none."""
    wanted = {str(key) for key in theme_keys or ()}
    chosen = [fragment for key, fragment in fragments.items() if key in wanted]
    if not chosen:
        return ""
    heading = _("In uw thema's")
    if fmt == TEXT:
        rule = "-" * len(heading)
        return "\n\n".join([f"{heading}\n{rule}", *(fragment["text"] for fragment in chosen)]) + "\n"
    if fmt != HTML:
        raise ValueError(fmt)
    intro = _("Onderwerpen in dit nummer over de thema's die u heeft gekozen.")
    return _themes_wrapper(heading, intro).replace(THEMES_ITEMS, "".join(f["html"] for f in chosen))


def themed_block(issue, theme_translation_keys, fmt=HTML):
    """The "In uw thema's" block for a recipient's themes, as ``fmt`` (``"html"`` or ``"text"``).

    ``issue`` may be a ``RenderedIssue`` (its cached fragments are joined: no rendering at all)
    or an issue page (its fragments are rendered first, without MJML). Empty when none of the
    issue's items is in those themes.
    """
    if isinstance(issue, RenderedIssue):
        return _join_themes(issue.theme_fragments, theme_translation_keys, fmt)
    language = issue.locale.language_code
    with translation.override(language):
        fragments = _theme_fragments(issue_sections(issue), language)
        return _join_themes(fragments, theme_translation_keys, fmt)


# Rendering --------------------------------------------------------------------------------------

# Inlining parses the stylesheet each time: the block around a recipient's themes is inlined once
# per heading (language), and each theme's piece once per send, in the block's context (so that
# ``.themes h3`` applies), then joined per recipient as plain strings.
THEMES_ITEMS = "%%THEMES_ITEMS%%"
_THEMES_OPEN = '<div class="themes">'


@functools.lru_cache(maxsize=8)
def _themes_wrapper(heading, intro):
    """The themes block's frame, inlined, with ``THEMES_ITEMS`` where the themes go."""
    return layout.inline_fragment(
        f"{_THEMES_OPEN}<h2>{html_lib.escape(heading)}</h2><p>{html_lib.escape(intro)}</p>"
        f"{THEMES_ITEMS}</div>"
    )


def _inline_in_themes_block(fragment):
    """``fragment`` inlined as if inside the themes block, without the block's own ``<div>``."""
    inlined = layout.inline_fragment(f"{_THEMES_OPEN}{fragment}</div>")
    return inlined[inlined.index(">") + 1 : inlined.rindex("</div>")]


def _context(issue, sections, language):
    web_url = absolute_url(issue) if issue.pk else ""
    intro = _absolute_links(str(issue.intro)) if issue.intro else ""
    return {
        "issue": issue,
        "language": language,
        "sections": sections,
        "web_url": web_url,
        "intro_html": layout.inline_fragment(intro) if intro else "",
        "intro_text": _plain_text(intro),
        "base_url": settings.BASE_URL,
        "preferences_url": PREFERENCES_URL,
        "unsubscribe_url": UNSUBSCRIBE_URL,
        "themes_block": THEMES_BLOCK,
    }


def _absolute_links(rich_text):
    """The intro's rich text with Wagtail's page links made absolute on ``BASE_URL``."""
    expanded = expand_db_html(rich_text)
    return expanded.replace('href="/', f'href="{settings.BASE_URL}/')


def _plain_text(html):
    """Rich text as plain text for the text part, each paragraph on its own line."""
    text = strip_tags(html.replace("</p>", "</p>\n"))
    return html_lib.unescape(text).strip()


def render_issue(issue):
    """The issue as e-mail, once for its language: subject, HTML and text with placeholders."""
    language = issue.locale.language_code
    with translation.override(language):
        sections = issue_sections(issue)
        context = _context(issue, sections, language)
        html = layout.page(
            render_to_string("newsletter/email/issue.mjml", context),
            language=language,
            title=issue.title,
            preview=issue.introduction,
            header=render_to_string("newsletter/email/issue_header.html", context),
            footer=render_to_string("newsletter/email/issue_footer.html", context),
        )
        text = render_to_string("newsletter/email/issue.txt", context)
        return RenderedIssue(
            subject=issue.seo_title or issue.title,
            html=html,
            text=tidy_text(text),
            language=language,
            theme_fragments=_theme_fragments(sections, language),
        )


def personalise(rendered, preferences_url, unsubscribe_url, theme_keys):
    """``(html, text)`` for one recipient: their links and their themes put in. No MJML here."""
    with translation.override(rendered.language):
        html_block = _join_themes(rendered.theme_fragments, theme_keys, HTML)
        text_block = _join_themes(rendered.theme_fragments, theme_keys, TEXT)
    html = (
        rendered.html.replace(PREFERENCES_URL, html_lib.escape(preferences_url))
        .replace(UNSUBSCRIBE_URL, html_lib.escape(unsubscribe_url))
        .replace(THEMES_BLOCK, html_block)
    )
    text = (
        rendered.text.replace(PREFERENCES_URL, preferences_url)
        .replace(UNSUBSCRIBE_URL, unsubscribe_url)
        .replace(THEMES_BLOCK, text_block)
    )
    return html, text
