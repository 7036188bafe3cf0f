""" "Bedoelde u …": a spelling suggestion when a query finds nothing.

Each word the site does not know is replaced by the closest word the search index holds for the
visible pages in the reader's language: titles, summaries and bodies alike, so a typo in a word
that only a body contains (``laaggeletterdhied``) is fixed too. The vocabulary is read back from
the index (``search.backends.indexed_texts``) and kept in each process under the content version,
so a publish refreshes it. Closeness is ``difflib``'s ratio, on both databases, so SQLite and
PostgreSQL suggest the same word; among equally close words the one on more pages wins. The
suggestion is offered only when it finds something.

Why not modelsearch's ``Fuzzy`` search with pg_trgm: it needs an extension (a migration) on
PostgreSQL only, it compares the whole query with whole texts, and it would give SQLite nothing. A
vocabulary of 30,000 words costs some 25 ms a word, and only when a query has found nothing.
"""

import difflib
import re
from collections import Counter

from wagtail.models import Page

from core.caching import cached, kept_in_process
from core.visibility import visible

from .backends import indexed_texts

_WORD = re.compile(r"[^\W\d_]{4,}")
# Longer "words" are pasted junk, not typos: comparing them with every word would only cost time.
LONGEST_WORD = 40
# How close a word must be: one wrong, missing or swapped letter in a word of eight or more.
CUTOFF = 0.8


def vocabulary(locale_id):
    """The indexed words of the visible pages in ``locale_id``: word -> number of pages with it."""

    def words():
        pages = visible(Page.objects.filter(locale_id=locale_id, depth__gt=1))
        counts = Counter()
        for text in indexed_texts(pages):
            counts.update({word.lower() for word in _WORD.findall(text)})
        return dict(counts)

    # Read once per content version for all processes (the shared cache: reading every page's text
    # takes most of a second at 10,000 items), then kept in each process like the facet table:
    # 30,000 words are too many to fetch and unpickle on every search, and ``search.expansion``
    # reads them for every Dutch query.
    name = f"search-vocabulary:{locale_id}"
    return kept_in_process(name, lambda: cached(name, words))


def closest(word, known):
    """The word of ``known`` (word -> pages) closest to ``word``, or None if none is close enough."""
    # A ratio of 0.8 cannot be reached by words whose lengths differ by more than this.
    slack = len(word) // 2
    matcher = difflib.SequenceMatcher(b=word)
    best, best_key = None, None
    for candidate, pages in known.items():
        if abs(len(candidate) - len(word)) > slack:
            continue
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
            continue
        ratio = matcher.ratio()
        key = (round(ratio, 6), pages, candidate)
        if ratio >= CUTOFF and (best_key is None or key > best_key):
            best, best_key = candidate, key
    return best


def suggestion(words, locale_id, finds_something):
    """A corrected query, or None; ``finds_something(words)`` says whether it has results."""
    known = vocabulary(locale_id)
    corrected = [
        word if word in known or not 4 <= len(word) <= LONGEST_WORD else closest(word, known) or word
        for word in words
    ]
    if corrected == list(words) or not finds_something(corrected):
        return None
    return " ".join(corrected)
