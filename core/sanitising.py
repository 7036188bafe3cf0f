"""The project's one policy for HTML from outside: ``sanitise_html(html)``.

Every import path (``import_knowledge``, partner feeds) passes outside HTML through this function
and stores the result as Wagtail rich text. The policy is a short allow-list:

- tags: paragraphs, headings h2-h4, lists, links, emphasis, blockquote and line breaks;
- attributes: ``href`` on links only, with the schemes http, https and mailto; every link gets
  ``rel="nofollow noopener"``;
- a tag outside the list is dropped and its text kept, except for elements whose content is code
  or foreign markup (script, style, iframe, svg, ...): those go with everything inside them, so
  a script never shows up as escaped text either.

Two passes. First the HTML is parsed as a browser parses it (html5lib, the WHATWG parser that
bleach ships and parses with itself) and the elements that go with their content are removed
from that tree. A browser's view matters here: a parser that differs from it on where a script or
a raw-text element ends (``<script><!--<script></script>...``, an unterminated tag) leaves a
script's body behind as text. Then bleach applies the allow-list to what is left; it has the last
word, so whatever the first pass made of the markup, only the allow-list comes out.
``tests/core/test_sanitising_corpus.py`` holds the hostile payloads this is checked against.

Links that are not absolute are kept: a relative href leads to the site itself, a
protocol-relative one (``//elders.example/``) to https on the site's https pages.

bleach does the allow-list (it is in security-only maintenance; nh3 is its successor): keep this
module's interface as it is, and moving to nh3 is a change of this module alone.
"""

import bleach

# bleach's own copy of html5lib 1.1 (unmodified: bleach/_vendor/README.rst), so that both passes
# use one parser and the project needs no second copy of it.
from bleach._vendor import html5lib

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


_walker = html5lib.getTreeWalker("etree")
_serializer = html5lib.serializer.HTMLSerializer(
    quote_attr_values="always", escape_lt_in_attrs=True, omit_optional_tags=False
)


def _goes_with_content(element):
    tag = element.tag
    # Comments and processing instructions (a function as tag), and foreign markup: SVG and MathML
    # elements carry their namespace, "{http://www.w3.org/2000/svg}svg".
    return not isinstance(tag, str) or tag.startswith("{") or tag in DROPPED_WITH_CONTENT


def _drop_children(parent):
    """Removes the children that go with their content, keeping the text that follows each one."""
    kept, text = [], [parent.text or ""]

    def place(joined):
        if kept:
            kept[-1].tail = joined or None
        else:
            parent.text = joined or None

    for child in list(parent):
        if _goes_with_content(child):
            text.append(child.tail or "")
            continue
        place("".join(text))
        kept.append(child)
        text = [child.tail or ""]
    place("".join(text))
    parent[:] = kept
    return kept


def _first_pass(html):
    """``html`` as a browser parses it, without the elements that go with their content."""
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    # Without recursion: a document of 10,000 nested elements is no reason to fail.
    stack = [fragment]
    while stack:
        element = stack.pop()
        stack.extend(_drop_children(element))
        if element.tag == "a":
            href = element.get("href")
            element.attrib.clear()
            if href:
                element.set("href", href)
            element.set("rel", LINK_REL)
    return _serializer.render(_walker(fragment))


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
    return _cleaner.clean(_first_pass(str(html))).strip()
