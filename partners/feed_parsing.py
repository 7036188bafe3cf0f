"""A partner's feed, from the bytes fetched, to plain entries: ``parse_feed(content)``.

RSS 2.0 (and RSS 1.0), Atom 1.0 and JSON Feed 1.0/1.1. A small parser of our own instead of
feedparser: it never fetches anything, never sanitises (``core.sanitising`` does, later), and
each rule below is one test away.

- XML goes through defusedxml: a DTD that declares entities (billion laughs) or an external
  entity (``file:///etc/passwd``) is refused as a whole, never expanded.
- The XML declaration and a BOM decide the encoding. Bytes that don't match it (a feed that says
  UTF-8 and sends Latin-1) are decoded by guess (charset-normalizer) and parsed again, so a
  wrong declaration costs at worst a wrong accent, never the feed.
- An entry without a guid uses its link; without either, or without a title, it is skipped and
  counted. A missing or unreadable date is "now".
- Titles, summaries and authors are plain text (markup stripped); ``summary_html`` is the summary
  as given (HTML or text) for ``introduction_text``, which makes clean sentences of it;
  ``content_html`` is the raw HTML, for ``sanitise_html``.
"""

import dataclasses
import datetime
import email.utils
import html
import json
import re
from xml.etree.ElementTree import Element, ParseError

import charset_normalizer
from bs4 import BeautifulSoup
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.text import Truncator

NOT_A_FEED = "Dit is geen RSS-, Atom- of JSON-feed."
ENTITIES_REFUSED = "De feed bevat een DTD of entiteiten; die worden geweigerd."
EMPTY = "De feed is leeg."
# More entries than this in one feed are not read (a feed holds the latest few dozen).
MAX_ENTRIES = 500

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
RSS1 = "{http://purl.org/rss/1.0/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
XHTML = "{http://www.w3.org/1999/xhtml}"

# Characters XML 1.0 and PostgreSQL refuse.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_http_url = URLValidator(schemes=["http", "https"])


class FeedParseError(Exception):
    """The bytes are not a feed we can read; ``str(error)`` says why, in Dutch, for the run log."""


@dataclasses.dataclass
class Entry:
    guid: str
    link: str
    title: str
    summary: str
    content_html: str
    published: datetime.datetime
    author: str
    summary_html: str = ""


@dataclasses.dataclass
class ParsedFeed:
    kind: str  # "rss", "atom" or "json"
    entries: list
    skipped: int = 0  # entries without a title, or without both guid and link
    problems: list = dataclasses.field(default_factory=list)


def parse_feed(content):
    """``ParsedFeed`` for the feed in ``content`` (bytes), or ``FeedParseError``."""
    content = content or b""
    start = content.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")[:1]
    if not start:
        raise FeedParseError(EMPTY)
    if start in (b"{", b"["):
        return _parse_json(content)
    if start == b"<":
        return _parse_xml(content)
    raise FeedParseError(NOT_A_FEED)


# Plain values ------------------------------------------------------------------------------------


def plain_text(value):
    """``value`` without markup, entities or control characters, on one line."""
    if not value:
        return ""
    value = str(value)
    if "<" in value or "&" in value:
        soup = BeautifulSoup(value, "html.parser")
        for element in soup.find_all(("script", "style", "template", "svg", "math")):
            element.decompose()
        value = soup.get_text(" ")
    return " ".join(CONTROL.sub("", html.unescape(value)).split())


# A call to action or what is left of a link: "Lees het rapport", "klik hier", "Read more »",
# WordPress's "The post ... appeared first on ...". Matched against a whole link text or sentence.
CALL_TO_ACTION = re.compile(
    r"^(?:klik(?:\s+hier|\s+op)?|lees\s+(?:meer|verder|hier|het|de|dit|alles|ook)|verder\s+lezen|"
    r"meer\s+(?:lezen|info|informatie|weten)|bekijk|download|ontdek|bestel|"
    r"read\s+more|continue\s+reading|click(?:\s+here)?|view|see\s+more)\b",
    re.IGNORECASE,
)
# WordPress adds this to every excerpt, whatever its length.
POSTED_FIRST = re.compile(
    r"^(?:the\s+post\s.+\sappeared\s+first\s+on|het\s+bericht\s.+\sverscheen\s+eerst\s+op)\b",
    re.IGNORECASE,
)
CALL_TO_ACTION_WORDS = 8  # longer than this, a sentence that starts with "Bekijk" is content
LEFTOVERS = re.compile(r"https?://\S+|\[\s*(?:…|\.\.\.)\s*\]|[»«→←▸►]|&raquo;|&rarr;")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def _is_call_to_action(text):
    text = text.strip(" .:!?-–—>»→")
    if not text:
        return False
    if POSTED_FIRST.match(text):
        return True
    return len(text.split()) <= CALL_TO_ACTION_WORDS and bool(CALL_TO_ACTION.match(text))


def introduction_text(value, limit):
    """Clean sentences for an introduction from a summary or body (HTML or text), at most ``limit``
    characters.

    Links that only call to action ("Lees het rapport", "klik hier") go with their text, other
    links keep theirs; addresses, "[…]" and arrows go; a sentence that is only a call to action
    ("klik Lees het rapport.") goes. What is left ends as a sentence, cut at a sentence's end
    when it is too long (or at a word, with "…", when the first sentence alone is).
    """
    if not value:
        return ""
    value = str(value)
    if "<" in value or "&" in value:
        soup = BeautifulSoup(value, "html.parser")
        for element in soup.find_all(("script", "style", "template", "svg", "math")):
            element.decompose()
        for link in soup.find_all("a"):
            text = link.get_text(" ").strip()
            if not text or _is_call_to_action(text) or LEFTOVERS.fullmatch(text.strip()):
                link.decompose()
        # Block ends are sentence ends: "<p>Kop</p><p>Tekst</p>" is not "Kop Tekst".
        for block in soup.find_all(("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "br")):
            block.append(" \n ")
        value = soup.get_text(" ")
    value = LEFTOVERS.sub(" ", CONTROL.sub("", html.unescape(value)))
    sentences = []
    for line in value.split("\n"):
        for sentence in SENTENCE_END.split(" ".join(line.split())):
            sentence = re.sub(r"\s+([.,;:!?])", r"\1", sentence).strip(" -–—|:;,")
            if not sentence or _is_call_to_action(sentence):
                continue
            if sentence[-1].isalnum() or sentence[-1] in ")\"'":
                sentence += "."
            sentences.append(sentence[0].upper() + sentence[1:])
    kept, length = [], 0
    for sentence in sentences:
        if length + len(sentence) + bool(kept) > limit:
            break
        kept.append(sentence)
        length += len(sentence) + bool(kept)
    if not kept and sentences:
        return Truncator(sentences[0]).chars(limit)
    return " ".join(kept)


def http_link(value):
    """``value`` when it is an http(s) address, else ""."""
    value = CONTROL.sub("", str(value or "")).strip()
    try:
        _http_url(value)
    except ValidationError:
        return ""
    return value


def parse_date(value):
    """An aware datetime from RFC 822 (RSS) or RFC 3339 (Atom, JSON Feed); None if unreadable."""
    value = str(value or "").strip()
    if not value:
        return None
    moment = None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            moment = datetime.datetime.fromisoformat(value.replace("z", "Z"))
        except ValueError:
            return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def _entry(feed, *, guid, link, title, summary, content_html, published, author):
    link = http_link(link)
    guid = CONTROL.sub("", str(guid or "")).strip() or link
    title = plain_text(title)
    if not guid or not title:
        feed.skipped += 1
        feed.problems.append(
            f"bericht {title[:60]!r} zonder guid en link overgeslagen"
            if title
            else "bericht zonder titel overgeslagen"
        )
        return
    content_html = CONTROL.sub("", content_html or "")
    feed.entries.append(
        Entry(
            guid=guid,
            link=link,
            title=title,
            summary=plain_text(summary),
            summary_html=CONTROL.sub("", str(summary or "")),
            content_html=content_html,
            published=parse_date(published) or timezone.now(),
            author=plain_text(author),
        )
    )


# JSON Feed ---------------------------------------------------------------------------------------


def _decode(content):
    """Text from bytes whose encoding is unknown or wrong: UTF-8 if it is, else a good guess."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if content.startswith(bom):
            return content.decode(encoding, errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    guess = charset_normalizer.from_bytes(content[:200_000]).best()
    if guess is not None:
        try:
            return content.decode(guess.encoding, errors="replace")
        except LookupError:
            pass
    return content.decode("utf-8", errors="replace")


def _parse_json(content):
    try:
        data = json.loads(_decode(content))
    except (ValueError, RecursionError) as error:
        raise FeedParseError(NOT_A_FEED) from error
    if (
        not isinstance(data, dict)
        or not str(data.get("version", "")).startswith("https://jsonfeed.org/version/")
        or not isinstance(data.get("items"), list)
    ):
        raise FeedParseError(NOT_A_FEED)
    feed = ParsedFeed(kind="json", entries=[])
    for item in data["items"][:MAX_ENTRIES]:
        if not isinstance(item, dict):
            feed.skipped += 1
            feed.problems.append("bericht dat geen object is overgeslagen")
            continue
        authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
        names = [author.get("name", "") for author in authors if isinstance(author, dict)]
        content_html = _json_text(item.get("content_html"))
        if not content_html and item.get("content_text"):
            content_html = _paragraphs(_json_text(item["content_text"]))
        _entry(
            feed,
            guid=_json_text(item.get("id")),
            link=_json_text(item.get("url")) or _json_text(item.get("external_url")),
            title=_json_text(item.get("title")),
            summary=_json_text(item.get("summary")),
            content_html=content_html,
            published=_json_text(item.get("date_published") or item.get("date_modified")),
            author=", ".join(_json_text(name) for name in names if name),
        )
    return feed


def _json_text(value):
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _paragraphs(text):
    return "".join(
        f"<p>{html.escape(part.strip())}</p>" for part in re.split(r"\n\s*\n", text) if part.strip()
    )


# XML: RSS and Atom -------------------------------------------------------------------------------


def _parse_xml(content):
    try:
        root = fromstring(content)
    except DefusedXmlException as error:
        raise FeedParseError(ENTITIES_REFUSED) from error
    except (ParseError, ValueError, LookupError) as first_error:
        # Often bytes that don't match the declared encoding: decode by guess and try once more.
        text = XML_DECLARATION.sub("", CONTROL.sub("", _decode(content)), count=1)
        try:
            root = fromstring(text.encode("utf-8"))
        except DefusedXmlException as error:
            raise FeedParseError(ENTITIES_REFUSED) from error
        except (ParseError, ValueError, LookupError):
            raise FeedParseError(NOT_A_FEED) from first_error
    if root.tag == "rss":
        channel = root.find("channel")
        return _parse_rss(channel.findall("item") if channel is not None else [])
    if root.tag == f"{RDF}RDF":
        return _parse_rss(root.findall(f"{RSS1}item"), namespace=RSS1)
    if root.tag == f"{ATOM}feed":
        return _parse_atom(root)
    raise FeedParseError(NOT_A_FEED)


def _text(element, path):
    found = element.find(path)
    return "".join(found.itertext()).strip() if found is not None else ""


def _parse_rss(items, namespace=""):
    feed = ParsedFeed(kind="rss", entries=[])
    for item in items[:MAX_ENTRIES]:
        description = _text(item, f"{namespace}description")
        encoded = _text(item, f"{CONTENT}encoded")
        guid = _text(item, "guid") or item.get(f"{RDF}about", "")
        _entry(
            feed,
            guid=guid,
            link=_text(item, f"{namespace}link"),
            title=_text(item, f"{namespace}title"),
            summary=description if encoded else "",
            content_html=encoded or description,
            published=_text(item, "pubDate") or _text(item, f"{DC}date"),
            author=_text(item, "author") or _text(item, f"{DC}creator"),
        )
    return feed


def _atom_html(element):
    """The HTML of an Atom text construct (type text, html or xhtml)."""
    if element is None:
        return ""
    kind = element.get("type", "text").lower()
    if kind == "xhtml":
        div = element.find(f"{XHTML}div")
        container = div if div is not None else element
        return _serialise_children(container)
    text = "".join(element.itertext())
    if kind in ("html", "text/html"):
        return text
    return _paragraphs(text)


def _serialise_children(element):
    """The XHTML inside ``element`` as HTML text, namespaces dropped (the sanitiser reads it)."""
    parts = [html.escape(element.text or "", quote=False)]
    for child in element:
        parts.append(_serialise(child))
        parts.append(html.escape(child.tail or "", quote=False))
    return "".join(parts)


def _serialise(element: Element):
    tag = element.tag.rsplit("}", 1)[-1]
    attributes = "".join(
        f' {name.rsplit("}", 1)[-1]}="{html.escape(value)}"' for name, value in element.attrib.items()
    )
    return f"<{tag}{attributes}>{_serialise_children(element)}</{tag}>"


def _atom_link(entry):
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return ""


def _parse_atom(root):
    feed = ParsedFeed(kind="atom", entries=[])
    for entry in root.findall(f"{ATOM}entry")[:MAX_ENTRIES]:
        summary = entry.find(f"{ATOM}summary")
        content = entry.find(f"{ATOM}content")
        title = entry.find(f"{ATOM}title")
        authors = [_text(author, f"{ATOM}name") for author in entry.findall(f"{ATOM}author")]
        _entry(
            feed,
            guid=_text(entry, f"{ATOM}id"),
            link=_atom_link(entry),
            title=_atom_html(title)
            if title is not None and title.get("type")
            else _text(entry, f"{ATOM}title"),
            summary=_atom_html(summary) if content is not None else "",
            content_html=_atom_html(content) if content is not None else _atom_html(summary),
            published=_text(entry, f"{ATOM}published") or _text(entry, f"{ATOM}updated"),
            author=", ".join(name for name in authors if name),
        )
    return feed
