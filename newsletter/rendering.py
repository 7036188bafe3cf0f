"""The kwartaalupdate as an e-mail: rendered once per issue and language, personalised per recipient.

``render_issue`` turns an issue's sections into HTML (MJML, with the CSS inlined, because many mail
clients drop ``<style>``) and a plain-text part, from the same data as the web page. What differs
per recipient is left as placeholders, so a send of thousands runs MJML once and only does string
replacement per address (``personalise``):

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

import css_inline
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from mjml import mjml2html
from wagtail.rich_text import expand_db_html

from core.visibility import is_private
from knowledge.models import KnowledgeItemPage, MeetingPage, NewsPage, PilotPage, SubsidyPage, ThemePage

from .sections import SectionKind

PREFERENCES_URL = "%%PREFERENCES_URL%%"
UNSUBSCRIBE_URL = "%%UNSUBSCRIBE_URL%%"
THEMES_BLOCK = "%%THEMES_BLOCK%%"

HTML = "html"
TEXT = "text"

# The e-mail's stylesheet, inlined into style= attributes by css-inline (see ``_inline``).
EMAIL_CSS = """
body { margin: 0; padding: 0; background-color: #f3f6f9; }
h1 { margin: 0 0 8px; font-size: 26px; line-height: 1.25; color: #ffffff; }
h2 { margin: 0 0 8px; font-size: 21px; line-height: 1.3; color: #00467f; }
h3 { margin: 0 0 4px; font-size: 17px; line-height: 1.35; color: #1f2933; }
p { margin: 0 0 12px; }
a { color: #00467f; text-decoration: underline; }
ul { margin: 0 0 12px; padding: 0 0 0 20px; }
li { margin: 0 0 6px; }
.kicker { margin: 0 0 4px; font-size: 14px; color: #ffffff; }
.header-text { color: #ffffff; }
.header-link { color: #ffffff; }
.meta { margin: 0 0 4px; font-size: 14px; color: #4b5863; }
.note { margin: 0 0 12px; font-style: italic; }
.item { margin: 0 0 18px; }
.themes { padding: 16px; background-color: #e6eef6; border-left: 4px solid #00467f; }
.themes h2 { margin: 0 0 8px; }
.themes h3 { margin: 12px 0 4px; font-size: 16px; }
.footer { font-size: 14px; color: #1f2933; }
.footer a { color: #00325c; }
"""

FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'


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


def _item_meta(page):
    """One line under an item's title: when, where or until when, in the active language."""
    if isinstance(page, MeetingPage):
        start = timezone.localtime(page.start)
        line = date_format(start, "l j F Y, H:i")
        place = getattr(page, "location_name", "")
        return f"{line} · {place}" if place else line
    if isinstance(page, NewsPage):
        return date_format(page.date, "j F Y")
    if isinstance(page, PilotPage):
        where = [page.place] if page.place else []
        if page.municipality_id:
            where.append(str(page.municipality))
        return ", ".join(where)
    if isinstance(page, SubsidyPage):
        if page.deadline:
            return _("Aanvragen kan tot %(date)s") % {"date": date_format(page.deadline, "j F Y")}
        return page.get_status_display()
    if isinstance(page, KnowledgeItemPage):
        return page.get_kind_display()
    return ""


def _shown(page):
    """Whether a chosen page may go out: live and not in a private section."""
    return page is not None and page.live and not is_private(page)


def issue_sections(issue):
    """The issue's sections as plain data for the templates; pages gone dark are left out.

    Returns ``[{"kind", "heading", "note", "items": [{"title", "url", "text", "meta",
    "theme_keys"}]}]``. Sections without any item left are dropped: an empty heading helps nobody.
    """
    sections = []
    for block in issue.sections:
        value = block.value
        items = []
        for item in value["items"]:
            page = item["page"]
            if not _shown(page):
                continue
            page = page.specific
            # Subsidy schemes have no themes; the rest point at the main-language theme pages.
            themes = list(page.themes.all()) if hasattr(page, "themes") else []
            items.append(
                {
                    "title": page.title,
                    "url": absolute_url(page),
                    "path": site_path(page),
                    "text": item["note"] or page.introduction,
                    "meta": _item_meta(page),
                    "theme_keys": [str(theme.translation_key) for theme in themes],
                    "themes": themes,
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

_INLINER = css_inline.CSSInliner(
    # MJML's own <style> (media queries for the columns) stays; ours is inlined and dropped.
    keep_style_tags=True,
    load_remote_stylesheets=False,
    extra_css=EMAIL_CSS,
)
_FRAGMENT_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False)


def _inline_fragment(fragment):
    return _FRAGMENT_INLINER.inline_fragment(fragment, EMAIL_CSS)


# Inlining parses the stylesheet each time: the block around a recipient's themes is inlined once
# per heading (language), and each theme's piece once per send, in the block's context (so that
# ``.themes h3`` applies), then joined per recipient as plain strings.
THEMES_ITEMS = "%%THEMES_ITEMS%%"
_THEMES_OPEN = '<div class="themes">'


@functools.lru_cache(maxsize=8)
def _themes_wrapper(heading, intro):
    """The themes block's frame, inlined, with ``THEMES_ITEMS`` where the themes go."""
    return _inline_fragment(
        f"{_THEMES_OPEN}<h2>{html_lib.escape(heading)}</h2><p>{html_lib.escape(intro)}</p>"
        f"{THEMES_ITEMS}</div>"
    )


def _inline_in_themes_block(fragment):
    """``fragment`` inlined as if inside the themes block, without the block's own ``<div>``."""
    inlined = _inline_fragment(f"{_THEMES_OPEN}{fragment}</div>")
    return inlined[inlined.index(">") + 1 : inlined.rindex("</div>")]


def _context(issue, sections, language):
    web_url = absolute_url(issue) if issue.pk else ""
    intro = _absolute_links(str(issue.intro)) if issue.intro else ""
    return {
        "issue": issue,
        "language": language,
        "sections": sections,
        "web_url": web_url,
        "intro_html": _inline_fragment(intro) if intro else "",
        "intro_text": _plain_text(intro),
        "base_url": settings.BASE_URL,
        "preferences_url": PREFERENCES_URL,
        "unsubscribe_url": UNSUBSCRIBE_URL,
        "themes_block": THEMES_BLOCK,
        "font_family": FONT_FAMILY,
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
        source = render_to_string("newsletter/email/issue.mjml", context)
        result = mjml2html(source, disable_comments=True, fonts={})
        # The XHTML namespace is never fetched, but a URL outside BASE_URL helps no one either.
        html = _INLINER.inline(result).replace(' xmlns="http://www.w3.org/1999/xhtml"', "")
        text = render_to_string("newsletter/email/issue.txt", context)
        return RenderedIssue(
            subject=issue.seo_title or issue.title,
            html=html,
            text=_tidy_text(text),
            language=language,
            theme_fragments=_theme_fragments(sections, language),
        )


def _tidy_text(text):
    """Collapse the blank lines template tags leave behind: at most one empty line in a row."""
    lines = [line.rstrip() for line in text.splitlines()]
    tidy = []
    for line in lines:
        if not line and (not tidy or not tidy[-1]):
            continue
        tidy.append(line)
    return "\n".join(tidy).strip() + "\n"


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
