"""The kwartaalupdate as an e-mail: rendered once per issue and language, personalised per recipient.

``render_issue`` turns an issue's sections into HTML and a plain-text part, from the same data as
the web page. The HTML is the issue's own MJML (``newsletter/email/issue.mjml``, with its title in
the header and its links in the footer) in the site's one mail layout (``core.mail.layout``:
header, footer, colours, styles inlined because many mail clients drop ``<style>``), the same
layout every transactional mail uses. What differs per recipient is left as placeholders, so a
send of thousands runs MJML once and only does string replacement per address (``personalise``):

- ``%%PREFERENCES_URL%%`` and ``%%UNSUBSCRIBE_URL%%``: the recipient's own signed links;
- ``%%MARK:<n>%%`` after each item's title: "Uw thema: Eenzaamheid" when the item is about one
  of the recipient's themes, "Uw gemeente: Arnhem" when it is about their municipality, else
  nothing. Each item appears once, where the editor put it: a reader who follows three themes
  sees the same issue as everyone else, with their items marked, never a second copy;
- ``%%PERSONAL_NOTE%%`` under the introduction: one sentence that says which of the reader's
  themes (and municipality) this issue has, and how their items are marked.

The marks depend only on the recipient's themes that occur in the issue and on their municipality
if an item names it, so the personal body is made once per such combination
(``RenderedIssue.personal_body``, a handful per send) and reused for everyone who shares it.

In a translated issue (the English issue is the Dutch one's wagtail-localize translation, which
keeps the Dutch pages the editor chose) each item shows its live, public translation in the
issue's language where there is one, else the page itself with "(in het Nederlands)" after its
title (``issue_sections``).

Every link and image is absolute on ``settings.BASE_URL``; nothing loads from elsewhere (no web
fonts, no tracking pixels, no rewritten links), so the e-mail reads the same with images off and
tells nobody when it was opened.
"""

import dataclasses
import functools
import html as html_lib
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import Locale, Page
from wagtail.rich_text import expand_db_html

from core.mail import layout
from core.mail.messages import tidy_text
from core.visibility import is_private
from knowledge.models import Municipality, ThemePage

from .blocks import FREE_BLOCK_TYPES, email_entry
from .sections import SectionKind

PREFERENCES_URL = "%%PREFERENCES_URL%%"
UNSUBSCRIBE_URL = "%%UNSUBSCRIBE_URL%%"
PERSONAL_NOTE = "%%PERSONAL_NOTE%%"
MARK = "%%MARK:{}%%"
_MARK_PATTERN = re.compile(r"%%MARK:(\d+)%%")

HTML = "html"
TEXT = "text"
# Personal bodies kept per rendered issue (oldest dropped first). Making one is a regular-expression
# pass over the mail, far cheaper than sending it; keeping every combination of six themes and
# the municipalities an issue names could hold hundreds of copies of the mail.
MAX_BODIES = 64


@dataclasses.dataclass(frozen=True)
class Choice:
    """What a recipient chose that matters for this issue: their themes here, their municipality.

    ``themes`` holds theme ``translation_key`` strings; ``municipality`` a ``Municipality`` id or
    ``None``. Made by ``RenderedIssue.choice``, which drops what the issue does not mention.
    """

    themes: frozenset = frozenset()
    municipality: int | None = None


@dataclasses.dataclass
class RenderedIssue:
    """An issue rendered for one language, with the per-recipient parts still placeholders.

    ``items`` holds, per item in the order of the mail (the ``n`` of its ``%%MARK:n%%``), the
    ``translation_key`` strings of its themes and its municipality's id. ``theme_titles`` maps
    each theme of the issue's items to its title in the issue's language, in the site's order of
    themes; ``municipality_names`` the municipalities the items name.
    """

    subject: str
    html: str
    text: str
    language: str
    items: list = dataclasses.field(default_factory=list)
    theme_titles: dict = dataclasses.field(default_factory=dict)
    municipality_names: dict = dataclasses.field(default_factory=dict)
    _bodies: dict = dataclasses.field(default_factory=dict, repr=False, compare=False)

    def choice(self, theme_keys=(), municipality_id=None):
        """The ``Choice`` of a recipient with these themes and this municipality, for this issue."""
        themes = frozenset(str(key) for key in theme_keys or ()).intersection(self.theme_titles)
        municipality = municipality_id if municipality_id in self.municipality_names else None
        return Choice(themes, municipality)

    def personal_body(self, choice):
        """``(html, text)`` with the marks and the note for ``choice``; made once per choice."""
        if choice not in self._bodies:
            if len(self._bodies) >= MAX_BODIES:
                # Each body is the whole mail: keep memory flat however varied the list is.
                del self._bodies[next(iter(self._bodies))]
            with translation.override(self.language):
                self._bodies[choice] = _personal_body(self, choice)
        return self._bodies[choice]


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


def chosen_pages(issue):
    """The pages the editor chose in the sections of ``issue``, in order (free blocks aside)."""
    return [
        item["page"]
        for block in issue.sections
        if block.block_type == "section"
        for item in block.value["items"]
        if item["page"]
    ]


def in_issue_language(issue):
    """``choose(page)``: the page to show in ``issue``'s language, or ``None`` when none may go out.

    A translated issue (wagtail-localize) still points at the source's pages: a page chooser is
    synchronised, not translated. So each item shows its live, public translation in the issue's
    language where there is one, else the page itself. The translations are read in one query
    for the whole issue.
    """
    keys = {page.translation_key for page in chosen_pages(issue) if page.locale_id != issue.locale_id}
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


def language_note(language):
    """ "(in het Nederlands)" after the title of a page that is not in the reader's language."""
    notes = {
        "nl": pgettext("taal van een pagina", "(in het Nederlands)"),
        "en": pgettext("taal van een pagina", "(in het Engels)"),
    }
    return notes.get(language, f"({language})")


def issue_sections(issue):
    """The issue's sections as plain data for the templates; pages gone dark are left out.

    Free blocks (text, image, call to action) are entries of their own, in their place, with
    ``free`` set and their mail HTML and text (``newsletter.blocks.email_entry``).

    Returns ``[{"kind", "heading", "note", "items": [{"n", "title", "url", "path", "text",
    "meta", "theme_keys", "themes", "municipality_id", "language", "language_note",
    "text_language", "mark"}]}]``. ``n`` numbers the items across the issue (their ``%%MARK:n%%``
    in the mail). ``language`` is the page's language code when it differs from the issue's (a
    page not translated yet), else ``""``: templates mark its title, and its text when that is
    the page's own (``text_language``), with ``lang``, and show ``language_note``. Sections
    without any item left are dropped: an empty heading helps nobody.
    """
    choose = in_issue_language(issue)
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    sections = []
    count = 0
    for block in issue.sections:
        if block.block_type in FREE_BLOCK_TYPES:
            # Text, an image, a call to action: rendered by their own templates (newsletter.blocks).
            entry = email_entry(block)
            if entry is not None:
                sections.append(entry)
            continue
        if block.block_type != "section":
            continue
        value, chosen = block.value, block.value["items"]
        items = []
        for item in chosen:
            page = choose(item["page"])
            if page is None:
                continue
            page = page.specific
            language = languages.get(page.locale_id, "") if page.locale_id != issue.locale_id else ""
            # Subsidy schemes have no themes; the rest point at the main-language theme pages.
            themes = list(page.themes.all()) if hasattr(page, "themes") else []
            items.append(
                {
                    "n": count,
                    "title": page.title,
                    "url": absolute_url(page),
                    "path": site_path(page),
                    "text": item["note"] or page.introduction,
                    "meta": page.card_meta(),
                    "theme_keys": [str(theme.translation_key) for theme in themes],
                    "themes": themes,
                    # Pilots and good examples say where they happened.
                    "municipality_id": getattr(page, "municipality_id", None),
                    "language": language,
                    "language_note": language_note(language) if language else "",
                    # The editor's note is written in the issue's language, an introduction in the page's.
                    "text_language": "" if item["note"] else language,
                    "mark": MARK.format(count),
                }
            )
            count += 1
        if items:
            kind = value["kind"]
            heading = SectionKind(kind).label if kind in SectionKind.values else kind
            sections.append({"kind": kind, "heading": str(heading), "note": value["note"], "items": items})
    return sections


def _theme_titles(sections, language):
    """``{translation_key: title}`` of the items' themes in ``language``, in the site's theme order.

    The live translation's title, else the source's.
    """
    themes = {}
    for section in sections:
        for item in section["items"]:
            for theme in item["themes"]:
                themes[str(theme.translation_key)] = theme
    titles = {key: theme.title for key, theme in themes.items()}
    translated = ThemePage.objects.filter(
        translation_key__in=list(themes), locale__language_code=language, live=True
    ).values_list("translation_key", "title")
    titles.update({str(key): title for key, title in translated})
    return {key: titles[key] for key in sorted(themes, key=lambda key: themes[key].path)}


def _municipality_names(sections):
    ids = {item["municipality_id"] for section in sections for item in section["items"]}
    ids.discard(None)
    return dict(Municipality.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


# The personal parts -----------------------------------------------------------------------------


def _labels(rendered, facts, choice):
    """``[(label, names)]`` for one item: ("Uw thema", "Eenzaamheid"), ("Uw gemeente", "Arnhem")."""
    labels = []
    themes = [rendered.theme_titles[key] for key in facts["themes"] if key in choice.themes]
    if themes:
        labels.append((_("Uw thema"), ", ".join(themes)))
    if choice.municipality is not None and facts["municipality"] == choice.municipality:
        labels.append((_("Uw gemeente"), rendered.municipality_names[choice.municipality]))
    return labels


@functools.lru_cache(maxsize=256)
def _inlined(fragment):
    """A small piece of HTML with ``STYLESHEET`` written onto it, once per distinct piece."""
    return layout.inline_fragment(fragment)


def _mark(labels, fmt):
    if not labels:
        return ""
    if fmt == TEXT:
        return "".join(f"\n  {label}: {names}" for label, names in labels)
    parts = format_html_join(" · ", "<strong>{}:</strong> {}", labels)
    return _inlined(str(format_html('<p class="mark">{}</p>', parts)))


def _note(rendered, choice, fmt):
    """The sentence under the introduction that explains the marks, or ``""`` without any."""
    sentences = []
    if choice.themes:
        titles = [title for key, title in rendered.theme_titles.items() if key in choice.themes]
        sentences.append(
            _("Bij onderwerpen over uw thema's staat ‘Uw thema’. Uw thema's in dit nummer: %(themes)s.")
            % {"themes": ", ".join(titles)}
        )
    if choice.municipality is not None:
        sentences.append(
            _("Bij onderwerpen over uw gemeente staat ‘Uw gemeente’ (%(municipality)s).")
            % {"municipality": rendered.municipality_names[choice.municipality]}
        )
    if not sentences:
        return ""
    if fmt == TEXT:
        return "\n" + "\n".join(sentences) + "\n"
    paragraphs = format_html_join("", "<p>{}</p>", ((sentence,) for sentence in sentences))
    return _inlined(str(format_html('<div class="themes">{}</div>', paragraphs)))


def _personal_body(rendered, choice):
    marks = {fmt: {} for fmt in (HTML, TEXT)}
    for n, facts in enumerate(rendered.items):
        labels = _labels(rendered, facts, choice)
        for fmt in (HTML, TEXT):
            marks[fmt][str(n)] = _mark(labels, fmt)
    html = _MARK_PATTERN.sub(lambda match: marks[HTML][match[1]], rendered.html)
    text = _MARK_PATTERN.sub(lambda match: marks[TEXT][match[1]], rendered.text)
    html = html.replace(PERSONAL_NOTE, _note(rendered, choice, HTML))
    text = tidy_text(text.replace(PERSONAL_NOTE, _note(rendered, choice, TEXT)))
    return html, text


# Rendering --------------------------------------------------------------------------------------


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
        "personal_note": PERSONAL_NOTE,
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
            # The line mail clients show after the subject: the preheader where the issue has one.
            preview=getattr(issue, "preheader", "") or issue.introduction,
            header=render_to_string("newsletter/email/issue_header.html", context),
            footer=render_to_string("newsletter/email/issue_footer.html", context),
        )
        text = render_to_string("newsletter/email/issue.txt", context)
        return RenderedIssue(
            subject=issue.seo_title or issue.title,
            html=html,
            text=tidy_text(text),
            language=language,
            items=[
                {"themes": tuple(item["theme_keys"]), "municipality": item["municipality_id"]}
                for section in sections
                for item in section["items"]
            ],
            theme_titles=_theme_titles(sections, language),
            municipality_names=_municipality_names(sections),
        )


def personalise(rendered, preferences_url, unsubscribe_url, theme_keys=(), municipality_id=None):
    """``(html, text)`` for one recipient: their links put in, their items marked. No MJML here.

    ``theme_keys`` are the ``translation_key``s of the recipient's themes, ``municipality_id``
    their municipality's id (``subscriber.municipality_id``).
    """
    html, text = rendered.personal_body(rendered.choice(theme_keys, municipality_id))
    html = html.replace(PREFERENCES_URL, html_lib.escape(preferences_url)).replace(
        UNSUBSCRIBE_URL, html_lib.escape(unsubscribe_url)
    )
    text = text.replace(PREFERENCES_URL, preferences_url).replace(UNSUBSCRIBE_URL, unsubscribe_url)
    return html, text


def personalise_for(rendered, subscriber, urls):
    """``personalise`` for a ``Subscriber`` (prefetch ``themes``), with ``PersonalLinks.urls``."""
    theme_keys = [str(theme.translation_key) for theme in subscriber.themes.all()]
    return personalise(
        rendered, urls["preferences"], urls["unsubscribe"], theme_keys, subscriber.municipality_id
    )
