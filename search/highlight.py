"""A snippet of each result's text: the sentence around the first match, the query's words marked.

No search backend highlights (wagtail#5340). PostgreSQL's ``ts_headline`` (Django's
``SearchHeadline``) finds the stemmed words in the indexed text, in the reader's language, and
marks all of them (``HighlightAll``); SQLite has no stemmer, so there the words are found in
Python, as word beginnings (``dorp`` marks ``dorpshuis``). Both work on the plain text the search
index keeps of every page, and the same Python then picks what a reader gets to see:

- the text is cut into sentences (at ``.``, ``!``, ``?`` and at the line breaks the index puts
  between a body's blocks, see ``core.blocks.BodyStreamBlock``), and leftovers of older index
  rows (a ``,`` between blocks, empty pieces) are dropped;
- sentences that are part of the summary the result already shows (its introduction) are left
  out: a reader never gets the same words twice. Found only in the summary, the words are marked
  in the summary's own sentences, which the card shows instead of the summary (``Highlight``);
- the snippet is the first sentence with a match, with the next (or previous) ones while they
  fit in ``FRAGMENT_CHARS``; a longer sentence is cut around the match at word boundaries, with
  ``…`` where text was left out.

Markup never passes: the text is escaped first and only our own markers become ``<mark>``. The
markers are private-use characters taken out of the text beforehand, so page text or a query
with ``<script>`` or ``<b>`` shows as text.
"""

import re
from dataclasses import dataclass
from functools import reduce
from html import escape
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.safestring import mark_safe
from modelsearch.conf import get_app_config
from wagtail.models import Page

from .backends import config_for_language
from .query import variants

FRAGMENT_CHARS = 220
START, STOP = "\ue000", "\ue001"
ELLIPSIS = "…"

# Where a sentence ends: after . ! ? or … (and a comma the index may have put behind it), or at a
# line break. Titles and headings without a full stop end at the line break after them.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\s,]*\s|\s*\n\s*")
# What a piece of an older index row can consist of without saying anything: commas and spaces.
_EMPTY_PIECES = re.compile(r"(?:\s*,)+(?=\s*,)|^[\s,]+|[\s,]+$")
# A space before a comma: what an empty piece of an older index row leaves behind.
_SPACE_BEFORE_COMMA = re.compile(r"\s+(?=,)")
_MARKERS = re.compile(f"[{START}{STOP}]")


def _marked(text):
    """Escaped ``text`` with each START…STOP pair as ``<mark>``; stray markers dropped."""
    html, open_ = [], False
    for part in re.split(f"([{START}{STOP}])", text):
        if part == START and not open_:
            html.append("<mark>")
            open_ = True
        elif part == STOP and open_:
            html.append("</mark>")
            open_ = False
        elif part not in (START, STOP):
            html.append(escape(part, quote=False))
    if open_:
        html.append("</mark>")
    return mark_safe("".join(html))


def _plain(text):
    """``text`` without markers, single-spaced: what a reader reads."""
    return " ".join(_MARKERS.sub("", text or "").split())


def _sentences(text):
    """The sentences of ``text`` (markers kept), each single-spaced, without empty pieces."""
    found = []
    for piece in _SENTENCE_BREAK.split(text or ""):
        sentence = _SPACE_BEFORE_COMMA.sub("", _EMPTY_PIECES.sub("", " ".join(piece.split())))
        if _plain(sentence).strip(" ,"):
            found.append(sentence)
    return found


def _cut(sentence, limit):
    """A sentence longer than ``limit``: the words around its first match, with ``…`` for the rest."""
    match = sentence.find(START)
    start = max(0, match - limit // 3)
    if start:
        start = sentence.find(" ", start) + 1 or start
    fragment = sentence[start : start + limit]
    if start + limit < len(sentence):
        fragment = fragment.rsplit(" ", 1)[0].rstrip(" ,;:") + " " + ELLIPSIS
    if start:
        fragment = ELLIPSIS + " " + fragment
    return fragment


def _around_first_match(sentences):
    """The first sentence with a match, with the next (or previous) ones while they fit."""
    first = next((n for n, sentence in enumerate(sentences) if START in sentence), None)
    if first is None:
        return ""
    if len(_plain(sentences[first])) > FRAGMENT_CHARS:
        return _cut(sentences[first], FRAGMENT_CHARS)
    taken, length = [sentences[first]], len(_plain(sentences[first]))
    after, before = first + 1, first - 1
    # Fill up with whole sentences, the next ones first: a reader reads on from the match.
    while True:
        if after < len(sentences) and length + 1 + len(_plain(sentences[after])) <= FRAGMENT_CHARS:
            taken.append(sentences[after])
            length += 1 + len(_plain(sentences[after]))
            after += 1
        elif before >= 0 and length + 1 + len(_plain(sentences[before])) <= FRAGMENT_CHARS:
            taken.insert(0, sentences[before])
            length += 1 + len(_plain(sentences[before]))
            before -= 1
        else:
            break
    text = " ".join(taken)
    if before >= 0:
        text = f"{ELLIPSIS} {text}"
    if after < len(sentences):
        text = f"{text} {ELLIPSIS}"
    return text


@dataclass(frozen=True)
class Highlight:
    """A result's snippet as safe HTML; ``is_summary`` when the words were found only in the
    summary, which it then replaces (the card shows one or the other, never both)."""

    html: str
    is_summary: bool = False

    def __str__(self):
        return self.html

    def __bool__(self):
        return bool(self.html)


def snippet(marked_text, summary=""):
    """``(text with markers, is_summary)``: the sentence(s) of ``marked_text`` around its first
    match outside ``summary``, at most about ``FRAGMENT_CHARS`` long; or, when the words are only
    in the summary, its sentences around the match; ``("", False)`` when nothing matches."""
    shown = _plain(summary)
    sentences = _sentences(marked_text)
    in_summary = [bool(shown) and _plain(sentence) in shown for sentence in sentences]
    rest = [sentence for sentence, part in zip(sentences, in_summary, strict=True) if not part]
    if found := _around_first_match(rest):
        return found, False
    summary_sentences = [sentence for sentence, part in zip(sentences, in_summary, strict=True) if part]
    if found := _around_first_match(summary_sentences):
        return found, True
    return "", False


def _marked_in_python(text, words):
    """``text`` (markers taken out first) with every word beginning with one of ``words`` marked."""
    text = _MARKERS.sub("", text or "")
    pattern = re.compile(r"\b(" + "|".join(re.escape(word) for word in words) + r")\w*", re.IGNORECASE)
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", text)


def _entries(pages):
    content_types = ContentType.objects.get_for_models(
        *{type(page) for page in pages}, for_concrete_models=True
    )
    root_type = ContentType.objects.get_for_model(Page)
    ids = [str(page.pk) for page in pages]
    index_entries = get_app_config().get_model("IndexEntry").objects
    return index_entries.filter(
        content_type_id__in=[root_type.pk, *[ct.pk for ct in content_types.values()]], object_id__in=ids
    )


def _marked_texts(pages, words, language):
    """``{page pk: the page's indexed body text with its matches between markers}`` (one query)."""
    entries = _entries(pages)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchHeadline, SearchQuery

        config = config_for_language(language, "simple")
        query = reduce(or_, [SearchQuery(word, config=config, search_type="plain") for word in words])
        rows = entries.annotate(
            marked=SearchHeadline(
                "body_text", query, config=config, start_sel=START, stop_sel=STOP, highlight_all=True
            )
        ).values_list("object_id", "marked", "body_text")
        # ts_headline returns the markers where it matched; take any from the page out first.
        return {
            int(object_id): marked if START not in (body_text or "") else _marked_in_python(body_text, words)
            for object_id, marked, body_text in rows
        }
    return {
        int(object_id): _marked_in_python(body, words)
        for object_id, body in entries.values_list("object_id", "body")
    }


def summary_of(page):
    """The summary a result shows under its title (the search page's cards and its JSON)."""
    return getattr(page, "introduction", "") or page.search_description


def highlights(pages, words, language):
    """``{page pk: Highlight}`` for ``pages`` (one query); no entry where nothing matches."""
    if not pages or not words:
        return {}
    words = [spelling for word in words for spelling in variants(word, language)]
    texts = _marked_texts(pages, words, language)
    found = {}
    for page in pages:
        fragment, is_summary = snippet(texts.get(page.pk, ""), summary_of(page))
        if fragment:
            found[page.pk] = Highlight(_marked(fragment), is_summary)
    return found
