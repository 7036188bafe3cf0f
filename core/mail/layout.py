"""The site's one e-mail layout: MJML in, HTML that mail clients show well out.

Every mail the site sends, transactional or the kwartaalupdate, is the same branded page
(``site/templates/email/layout.mjml``): Team Leefbaarheid's name as header, the mail's own content,
a footer with the site's address; one set of colours, one button style. What makes it hold up in
mail clients:

- MJML (mjml-python, MRML) turns the components into the nested tables mail clients need, with a
  viewport meta and columns that stack below 480 px; readable at 320 px.
- The stylesheet (``STYLESHEET``) is written onto the elements with css-inline, because many
  clients drop ``<style>``. Only what *can't* be inline stays in ``<style>``: the dark colours
  (``DARK_CSS``, for clients that honour ``prefers-color-scheme``) and MJML's media queries.
  ``<meta name="color-scheme" content="light dark">`` tells clients both schemes were thought of;
  the light colours keep their contrast when a client inverts them itself.
- Nothing loads from elsewhere: no web fonts (``fonts={}``; MRML would add Google's), no images.

Two ways to fill the layout:

- ``page(body, ...)``: a whole document from MJML that is final, compiled and inlined at once. The
  kwartaalupdate uses it once per issue and language, then personalises by string replacement.
- ``compiled(template_name, language)``: for transactional mails. The mail's MJML template is put
  into the layout *as Django template source* and compiled by MJML once per template and
  language (``functools.lru_cache``); per message only the Django template is rendered and the
  CSS inlined (``inline``). That works because MJML copies the content of ``<mj-text>`` and
  ``<mj-button>`` and attribute values as they are, Django's ``{{ }}`` and ``{% %}`` included.
  So in a mail's ``.mjml`` template, template tags go *inside* those components (or in an
  attribute such as ``href="{{ url }}"``), never around components: the components are fixed per
  template. ``{% load %}`` tags are lifted out and put at the top of the compiled template.
"""

import functools
import re

import css_inline
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import engines
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from mjml import mjml2html

LAYOUT = "email/layout.mjml"
TEXT_LAYOUT = "email/layout.txt"

FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

# Written onto the elements by css-inline (see ``inline``). The issue's own classes (themes block,
# items, meta lines) are here too: one stylesheet for every mail.
STYLESHEET = """
body { margin: 0; padding: 0; background-color: #f3f6f9; }
h1 { margin: 0 0 8px; font-size: 26px; line-height: 1.25; color: #ffffff; }
h2 { margin: 0 0 8px; font-size: 21px; line-height: 1.3; color: #00467f; }
h3 { margin: 0 0 4px; font-size: 17px; line-height: 1.35; color: #1f2933; }
p { margin: 0 0 12px; }
a { color: #00467f; text-decoration: underline; overflow-wrap: anywhere; }
ul { margin: 0 0 12px; padding: 0 0 0 20px; }
li { margin: 0 0 6px; }
th { padding: 2px 12px 2px 0; text-align: left; vertical-align: top; }
/* A label breaks between words only; a value (a long address) anywhere it must. */
th { word-break: normal; overflow-wrap: normal; }
td { overflow-wrap: anywhere; }
.team { margin: 0; font-size: 15px; line-height: 1.4; color: #ffffff; }
.team-name { font-size: 20px; }
.kicker { margin: 8px 0 4px; font-size: 14px; color: #ffffff; }
.header-text { color: #ffffff; }
.header-link { color: #ffffff; }
.meta { margin: 0 0 4px; font-size: 14px; color: #4b5863; }
/* The kwartaalupdate's personal mark ("Uw thema: ...") and "(in het Nederlands)" after a title. */
.mark { margin: 0 0 4px; font-size: 14px; color: #00467f; }
.language-note { font-size: 15px; font-weight: normal; color: #4b5863; }
.note { margin: 0 0 12px; font-style: italic; }
.item { margin: 0 0 18px; }
.details { margin: 0 0 12px; border-collapse: collapse; }
.themes { padding: 16px; background-color: #e6eef6; border-left: 4px solid #00467f; }
.themes h2 { margin: 0 0 8px; }
.themes h3 { margin: 12px 0 4px; font-size: 16px; }
.footer { margin: 0 0 8px; font-size: 14px; color: #1f2933; }
.footer a { color: #00325c; }
"""

# For clients that follow the reader's dark mode (Apple Mail, Outlook for Mac, some webmail). The
# inline light colours win over a stylesheet, hence ``!important``. The header keeps its dark blue.
DARK_CSS = """
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  body, .mail-page { background-color: #0d1620 !important; }
  .mail-content, .mail-content > table { background: #16212c !important; }
  .mail-content div, .mail-content p, .mail-content li, .mail-content th, .mail-content td,
  .mail-content h2, .mail-content h3 { color: #e6edf3 !important; }
  .mail-content a { color: #9fcbf5 !important; }
  .mail-content .language-note { color: #c5d0da !important; }
  .mail-content .themes { background-color: #1f2d3b !important; border-color: #9fcbf5 !important; }
  .mail-content .mail-button td { background: #9fcbf5 !important; }
  .mail-content .mail-button a { background: #9fcbf5 !important; color: #0d1620 !important; }
  .mail-footer, .mail-footer > table { background: #1f2d3b !important; }
  .mail-footer div, .mail-footer p { color: #d5dee7 !important; }
  .mail-footer a { color: #9fcbf5 !important; }
}
"""

_INLINER = css_inline.CSSInliner(
    # MJML's own <style> (media queries for the columns) and the dark colours stay.
    keep_style_tags=True,
    load_remote_stylesheets=False,
    extra_css=STYLESHEET,
)
_FRAGMENT_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False)
_LOAD_TAG = re.compile(r"{%\s*load\s[^%]*%}")


def home_url(language):
    """The home page in ``language`` on ``BASE_URL``: ``/`` for the main language, else ``/en/``."""
    prefix = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
    return settings.BASE_URL.rstrip("/") + prefix


def layout_source(body, *, language, title, preview="", header="", footer=""):
    """The layout's MJML with ``body`` (MJML components), ``header`` and ``footer`` (HTML) put in.

    The three are inserted as they are, not escaped: they are MJML or HTML already.
    """
    with translation.override(language):
        return render_to_string(
            LAYOUT,
            {
                "language": language,
                "title": title,
                "preview": preview,
                "header": mark_safe(header),  # noqa: S308 - the caller's markup, rendered by a template
                "body": mark_safe(body),  # noqa: S308
                "footer": mark_safe(footer),  # noqa: S308
                "home_url": home_url(language),
                "font_family": FONT_FAMILY,
                "dark_css": mark_safe(DARK_CSS),  # noqa: S308 - a constant of this module
            },
        )


def to_html(mjml_source):
    """MJML compiled to HTML, without web fonts; the CSS is not inlined yet (see ``inline``)."""
    html = mjml2html(mjml_source, disable_comments=True, fonts={})
    # The XHTML namespace is never fetched, but a URL outside BASE_URL helps no one either.
    return html.replace(' xmlns="http://www.w3.org/1999/xhtml"', "")


def inline(html):
    """``STYLESHEET`` written onto the elements of a whole document (``<style>`` tags stay)."""
    return _INLINER.inline(html)


def inline_fragment(fragment):
    """``STYLESHEET`` written onto the elements of a piece of HTML (no document around it)."""
    return _FRAGMENT_INLINER.inline_fragment(fragment, STYLESHEET)


def page(body, *, language, title, preview="", header="", footer=""):
    """A finished HTML document: ``body`` (rendered MJML components) in the layout, inlined."""
    source = layout_source(
        body, language=language, title=title, preview=preview, header=header, footer=footer
    )
    return inline(to_html(source))


def template_source(template_name):
    """A template's text as written, found through the template loaders (the documented
    ``Loader.get_contents(origin)``): the same file ``render_to_string`` would use."""
    origin = get_template(template_name).origin
    return origin.loader.get_contents(origin)


@functools.lru_cache(maxsize=128)
def compiled(template_name, language):
    """The mail template ``template_name`` in the layout, compiled by MJML, as a Django template.

    Rendered per message with the mail's context (``subject`` and ``preview`` included); the
    result still needs ``inline``. Cached per template and language: MJML runs once for each.
    """
    source = template_source(template_name)
    loads = "".join(_LOAD_TAG.findall(source))
    body = _LOAD_TAG.sub("", source)
    # ``{{ subject }}`` and ``{{ preview }}`` pass through the layout as text and MJML as text,
    # and are filled in per message like every other variable of the mail.
    html = to_html(layout_source(body, language=language, title="{{ subject }}", preview="{{ preview }}"))
    return engines["django"].from_string(loads + html)


@receiver(setting_changed)
def _forget_compiled(setting, **kwargs):
    # Tests switch templates, languages and the site's address: compiled mails must follow.
    if setting in {"TEMPLATES", "BASE_URL", "LANGUAGE_CODE", "LANGUAGES"}:
        compiled.cache_clear()
