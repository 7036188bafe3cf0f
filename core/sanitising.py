"""The project's one policy for HTML from outside: ``sanitise_html(html)``.

Every import path (``import_knowledge``, partner feeds) passes outside HTML through this function
and stores the result as Wagtail rich text. The policy is a short allow-list:

- tags: paragraphs, headings h2-h4, lists, links, emphasis, blockquote and line breaks;
- attributes: ``href`` on links only, with the schemes http, https and mailto; every link gets
  ``rel="nofollow noopener"``;
- a tag outside the list is dropped and its text kept, except for elements whose content is code
  or foreign markup (script, style, iframe, svg, ...): those go with everything inside them, so
  a script never shows up as escaped text either.

bleach does the allow-list (it is in security-only maintenance; nh3 is its successor): keep this
module's interface as it is, and moving to nh3 is a change of this module alone.
"""

import bleach
from bs4 import BeautifulSoup

ALLOWED_TAGS = frozenset(
    {"p", "h2", "h3", "h4", "ul", "ol", "li", "a", "b", "strong", "i", "em", "blockquote", "br"}
)
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"
# Removed together with their content.
DROPPED_WITH_CONTENT = (
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "svg",
    "math",
    "head",
    "title",
    "textarea",
    "select",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
)


def _link_attribute(tag, name, value):
    return name == "href" or (name == "rel" and value == LINK_REL)


_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes={"a": _link_attribute},
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def sanitise_html(html):
    """``html`` reduced to the allow-list above: safe to store as rich text and show as it is."""
    if not html or not str(html).strip():
        return ""
    soup = BeautifulSoup(str(html), "html.parser")
    for element in soup.find_all(DROPPED_WITH_CONTENT):
        element.decompose()
    for link in soup.find_all("a"):
        link.attrs = {"href": link["href"]} if link.get("href") else {}
        link["rel"] = LINK_REL
    # bleach has the last word: whatever the pre-pass parsed differently, only the allow-list
    # survives its own (html5lib) parse.
    return _cleaner.clean(str(soup)).strip()
