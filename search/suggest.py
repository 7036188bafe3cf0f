""" "Bedoelde u …": a spelling suggestion when a query finds nothing.

Each word the site does not know is replaced by the closest word of the titles of the visible
pages in the reader's language (``difflib``, on both databases; the vocabulary is cached under the
content version, so a publish refreshes it). The suggestion is offered only when it finds
something. A trigram index (``pg_trgm``) over the whole indexed text would find more: not built.
"""

import difflib
import re

from wagtail.models import Page

from core.caching import cached
from core.visibility import visible

_WORD = re.compile(r"[^\W\d_]{3,}")


def vocabulary(locale_id):
    def words():
        titles = visible(Page.objects.filter(locale_id=locale_id, depth__gt=1)).values_list(
            "title", flat=True
        )
        return sorted({word.lower() for title in titles for word in _WORD.findall(title)})

    return cached(f"search-vocabulary:{locale_id}", words)


def suggestion(words, locale_id, finds_something):
    """A corrected query, or None; ``finds_something(words)`` says whether it has results."""
    known = vocabulary(locale_id)
    known_set = set(known)
    corrected = []
    for word in words:
        if word in known_set or len(word) < 4:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.8)
        corrected.append(close[0] if close else word)
    if corrected == list(words) or not finds_something(corrected):
        return None
    return " ".join(corrected)
