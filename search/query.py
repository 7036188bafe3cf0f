"""What a visitor typed, made safe for every search backend, in one place.

Search backends parse their query languages: SQLite FTS5 raises on a bare ``"`` (wagtail#13227),
PostgreSQL rejects NUL bytes, and both read ``AND``, ``OR``, ``NOT``, ``-``, ``*`` and brackets as
operators. Visitors mean none of that. So the query is normalised once (control characters and NUL
out, whitespace collapsed, length capped) and the backend only ever sees plain words, passed as a
``PlainText`` query whose terms each backend quotes itself (or a ``Prefix``, which the site's
backends quote the same way).

The search log (``search.log``) keeps what the search read, from the same parser: ``logged_query``
gives the words ``terms`` gives, no more, with e-mail addresses, links and long numbers replaced by
a placeholder. Text the search never used can therefore never be stored, nor offered back to other
visitors as a popular search.
"""

import re
import unicodedata

from django.http import QueryDict
from modelsearch.query import And, Or, PlainText

MAX_QUERY_LENGTH = 200
# More words find nothing more (every word must match) and only make the query slower.
MAX_TERMS = 12
# From this length a word also finds the compounds it begins (see ``Prefix``); a shorter one would
# find too much (``wonen`` stems to ``won``, the start of ``wonder``).
PREFIX_FROM = 7

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Letters and digits of any script; the underscore is punctuation to both backends' tokenisers.
_WORD = re.compile(r"[^\W_]+")
# Dutch plurals with an apostrophe (auto's, foto's): the "s" alone would be a word of its own that
# every result must contain. The text is indexed with "auto" and "s" apart, so "auto" finds both.
_APOSTROPHE_S = re.compile(r"(?<=[^\W_])['’‘`]s\b", re.IGNORECASE)
# A short vowel before one final consonant doubles it in the plural: bus/bussen, kap/kappen. Not
# the unstressed endings of long words (vrijwilliger/vrijwilligers, wandel, keuken, probleem).
_SHORT_VOWEL_END = re.compile(r"(?:^|[^aeiou])[aiou]([bdfgklmnprst])$|(?:^|[^aeiou])e([bdfgkpst])$")
_DOUBLED_PLURAL = re.compile(r"([bdfgklmnprst])\1en$")

# What the log never stores, only a placeholder for: someone's address or number typed into the
# box by mistake, or a link someone wants other visitors to follow. Each pattern covers the whole
# stretch of text; the words the search reads inside it become one placeholder.
_EMAIL = re.compile(r"\S+@\S+")
# http://…, www.…, and anything shaped like a domain name (scam-winactie.nl, x.com/…): a letter or
# digit, a dot and two or more letters that end the name. A few abbreviations match too
# (st.jansdal); a word too many hidden in the report is better than a link offered to visitors.
_LINK = re.compile(r"(?<!\S)\S*(?:://|www\.|[^\W_]\.[^\W\d_]{2,}(?![^\W_]))\S*", re.IGNORECASE)
_NUMBER = re.compile(r"\d{6,}")
_MASKS = ((_EMAIL, "[e-mail]"), (_LINK, "[link]"), (_NUMBER, "[nummer]"))
# A placeholder's brackets are never part of a word (``_WORD``): a logged query holds one exactly
# when something was masked.
MASK_MARK = "["


def normalise(raw):
    """The query as the page shows it: printable, single-spaced, at most ``MAX_QUERY_LENGTH``."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_from(params: QueryDict):
    """The ``q`` parameter, normalised. Repeated ``q`` parameters: the last one counts."""
    return normalise(params.get("q", ""))


def _read(query):
    """The text the search reads and the matches of the words it uses, at most ``MAX_TERMS``."""
    text = _APOSTROPHE_S.sub("", query or "")
    words = []
    for match in _WORD.finditer(text):
        if len(words) == MAX_TERMS:
            break
        words.append(match)
    return text, words


def terms(query):
    """The words the backend searches for: no operators, quotes or brackets, ever."""
    _text, words = _read(query)
    return [word.group().lower() for word in words]


def logged_query(query):
    """``query`` as the search log keeps it: the words ``terms`` gives, single-spaced, each run of
    words from one e-mail address, link or long number replaced by one placeholder.

    ``"Mail jan@example.org over www.x.nl/win"`` is logged as ``"mail [e-mail] over [link]"``.
    The masks are looked for in the text the words come from, so an address cut off by
    ``MAX_TERMS`` is still masked; words past the cut-off are not stored at all.
    """
    text, words = _read(query)
    spans = [
        (found.start(), found.end(), placeholder)
        for pattern, placeholder in _MASKS
        for found in pattern.finditer(text)
    ]
    kept, previous = [], None
    for word in words:
        # The first mask that covers the word wins: an e-mail address is not also a link.
        span = next((s for s in spans if s[0] < word.end() and word.start() < s[1]), None)
        if span is None:
            kept.append(word.group().lower())
        elif span is not previous:
            kept.append(span[2])
        previous = span
    return " ".join(kept)


class Prefix(PlainText):
    """One word and every word it begins: ``mantelzorg`` finds ``mantelzorgers``, ``energie``
    ``energierekening``.

    Dutch writes compounds as one word, which neither stemmer splits. The site's backends
    (``search.backends``) search it as a prefix: ``'mantelzorg':*`` on PostgreSQL (stemmed first),
    ``"mantelzorg"*`` in FTS5. Searched beside the plain word, a page with the word itself still
    ranks above one with only a compound.
    """


def variants(word, language):
    """``word`` and the Dutch spellings the stemmer does not join: huis/huizen, brief/brieven,
    bus/bussen.

    Snowball's Dutch stemmer stems ``dorpshuis`` to ``dorpshuis`` and ``dorpshuizen`` to
    ``dorpshuiz``, ``buurtbus`` to ``buurtbus`` and ``buurtbussen`` to ``buurtbuss`` (it undoubles
    only k, d and t); searching for either spelling finds both. A variant nobody writes finds
    nothing.
    """
    found = [word]
    if language != "nl" or len(word) < 5:
        return found
    if word.endswith("zen"):
        found.append(word[:-3] + "s")
    elif word.endswith("ven"):
        found.append(word[:-3] + "f")
    elif doubled := _DOUBLED_PLURAL.search(word):
        found.append(word[: doubled.start()] + doubled.group(1))
    elif word.endswith("s") and not word.endswith("ss"):
        found.append(word[:-1] + "zen")
    elif word.endswith("f"):
        found.append(word[:-1] + "ven")
    if short := _SHORT_VOWEL_END.search(word):
        found.append(word + (short.group(1) or short.group(2)) + "en")
    return found


def backend_query(words, language):
    """The modelsearch query for ``words``: every word must match, in one of its spellings or as
    the start of a compound."""
    parts = []
    for word in words:
        spellings = [PlainText(spelling) for spelling in variants(word, language)]
        if len(word) >= PREFIX_FROM:
            spellings.append(Prefix(word))
        parts.append(spellings[0] if len(spellings) == 1 else Or(spellings))
    return parts[0] if len(parts) == 1 else And(parts)
