"""What a visitor typed, made safe for every search backend, in one place.

Search backends parse their query languages: SQLite FTS5 raises on a bare ``"`` (wagtail#13227),
PostgreSQL rejects NUL bytes, and both read ``AND``, ``OR``, ``NOT``, ``-``, ``*`` and brackets as
operators. Visitors mean none of that. So the query is normalised once (control characters and NUL
out, whitespace collapsed, length capped) and the backend only ever sees plain words, passed as a
``PlainText`` query whose terms each backend quotes itself.
"""

import re
import unicodedata

from django.http import QueryDict
from modelsearch.query import And, Or, PlainText

MAX_QUERY_LENGTH = 200
# More words find nothing more (every word must match) and only make the query slower.
MAX_TERMS = 12

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Letters and digits of any script; the underscore is punctuation to both backends' tokenisers.
_WORD = re.compile(r"[^\W_]+")


def normalise(raw):
    """The query as the page shows it: printable, single-spaced, at most ``MAX_QUERY_LENGTH``."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_from(params: QueryDict):
    """The ``q`` parameter, normalised. Repeated ``q`` parameters: the last one counts."""
    return normalise(params.get("q", ""))


def terms(query):
    """The words the backend searches for: no operators, quotes or brackets, ever."""
    return [word.lower() for word in _WORD.findall(query)][:MAX_TERMS]


def variants(word, language):
    """``word`` and the Dutch spellings the stemmer does not join: huis/huizen, brief/brieven.

    Snowball's Dutch stemmer stems ``dorpshuis`` to ``dorpshuis`` and ``dorpshuizen`` to
    ``dorpshuiz``; searching for either spelling finds both. A variant nobody writes finds nothing.
    """
    found = [word]
    if language != "nl" or len(word) < 5:
        return found
    if word.endswith("zen"):
        found.append(word[:-3] + "s")
    elif word.endswith("ven"):
        found.append(word[:-3] + "f")
    elif word.endswith("s") and not word.endswith("ss"):
        found.append(word[:-1] + "zen")
    elif word.endswith("f"):
        found.append(word[:-1] + "ven")
    return found


def backend_query(words, language):
    """The modelsearch query for ``words``: every word must match, in one of its spellings."""
    parts = []
    for word in words:
        spellings = [PlainText(spelling) for spelling in variants(word, language)]
        parts.append(spellings[0] if len(spellings) == 1 else Or(spellings))
    return parts[0] if len(parts) == 1 else And(parts)
