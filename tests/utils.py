"""Small helpers for reading responses the way a reader does: visible text, links, form fields."""

import re
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def visible_text(response):
    """The page's text with tags removed and whitespace collapsed, as a screen reader would read it."""
    page = soup(response)
    for hidden in page(["script", "style", "template"]):
        hidden.decompose()
    return re.sub(r"\s+", " ", page.get_text(" ")).strip()


def main_text(response):
    """The text inside ``<main>``, so menus and footers don't make a listing look fuller than it is."""
    page = soup(response)
    main = page.find("main")
    if main is None:
        raise AssertionError("The page has no <main> landmark")
    for hidden in main(["script", "style", "template"]):
        hidden.decompose()
    return re.sub(r"\s+", " ", main.get_text(" ")).strip()


def hrefs(response, within=None):
    page = soup(response)
    scope = page.find(within) if within else page
    if scope is None:
        raise AssertionError(f"The page has no <{within}>")
    return [a["href"] for a in scope.find_all("a", href=True)]


def path_of(url):
    return urlsplit(url).path


def query_of(url):
    return parse_qs(urlsplit(url).query)


def links_to(response, path, query=None, within=None):
    """The links on the page that go to ``path`` (and, when given, carry exactly ``query``).

    Links may be written as absolute URLs, root-relative paths or bare query strings (``?page=2``);
    a bare query string is read as pointing at the page itself.
    """
    request_path = response.wsgi_request.path
    found = []
    for href in hrefs(response, within=within):
        target = path_of(href) or request_path
        if target != path:
            continue
        if query is not None and query_of(href) != {k: [v] for k, v in query.items()}:
            continue
        found.append(href)
    return found


def link_text(response, href):
    """The text of the first link with exactly this ``href``."""
    link = soup(response).find("a", href=href)
    if link is None:
        raise AssertionError(f"No link to {href}")
    return " ".join(link.get_text(" ").split())


def alternate_links(response):
    """``{hreflang: path}`` for every ``<link rel="alternate" hreflang>`` in the head."""
    page = soup(response)
    return {
        link["hreflang"]: path_of(link["href"])
        for link in page.find_all("link", hreflang=True)
        if "alternate" in link.get("rel", [])
    }


def selected_options(response, name):
    page = soup(response)
    select = page.find("select", attrs={"name": name})
    if select is None:
        raise AssertionError(f'The page has no <select name="{name}">')
    return [option.get("value") for option in select.find_all("option") if option.has_attr("selected")]


def list_block(items):
    """Form data for a ListBlock, the counterpart of wagtail's ``streamfield()`` helper."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index)} for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def language_links(response, language_code):
    """Paths of the links marked as going to another language (``hreflang`` or ``lang`` on the link)."""
    page = soup(response)
    return [
        path_of(a["href"])
        for a in page.find_all("a", href=True)
        if language_code in (a.get("hreflang"), a.get("lang"))
    ]


def listed(response, pages):
    """Titles of those ``pages`` that the listing links to from its main content."""
    linked = {path_of(href) for href in hrefs(response, within="main")}
    return {page.title for page in pages if page.url in linked}


def _text(element):
    return " ".join(element.get_text(" ").split())


def _main(response):
    main = soup(response).find("main")
    if main is None:
        raise AssertionError("The page has no <main> landmark")
    return main


def facts(response):
    """``{term: description}`` of the description lists in ``<main>`` (a page's facts, a byline).

    A value the reader should find next to its label is only really shown when it is there: the
    same words in the title, the kicker or the footer prove nothing about the facts.
    """
    found = {}
    for term in _main(response).find_all("dt"):
        description = term.find_next_sibling("dd")
        if description is None:
            raise AssertionError(f"The term {_text(term)!r} has no description")
        label = _text(term)
        if label in found:
            raise AssertionError(f"The term {label!r} appears twice in <main>")
        found[label] = _text(description)
    return found


def card_titles(response, section=None):
    """The headings of the cards (``<article>``) in ``<main>``, in the order a reader meets them.

    With ``section``, only the cards of the part of the page labelled by the heading with exactly
    that text (``aria-labelledby``), so a page with several lists can be read one list at a time.
    """
    scope = _main(response)
    if section is not None:
        headings = [h for h in scope.find_all(re.compile(r"^h[1-6]$"), id=True) if _text(h) == section]
        if len(headings) != 1:
            raise AssertionError(f"Expected one heading {section!r} in <main>, found {len(headings)}")
        scope = scope.find(attrs={"aria-labelledby": headings[0]["id"]})
        if scope is None:
            raise AssertionError(f"Nothing on the page is labelled by the heading {section!r}")
    titles = []
    for card in scope.find_all("article"):
        heading = card.find(re.compile(r"^h[1-6]$"))
        if heading is None:
            raise AssertionError("A card has no heading")
        titles.append(_text(heading))
    return titles
