"""What a query also means: synonyms, Dutch compounds and the themes a word names.

The words a visitor typed find pages first (``search.query.backend_query``, the *literal* query).
Beside them, and ranked below them (``search.ranking``), a query also finds:

- **synonyms** from the editors' list (``search.synonyms``): ``buurthuis`` finds ``wijkcentrum``
  and ``dorpshuis``; a phrase in the list counts as one term (``informele zorg`` finds
  ``mantelzorg``, and back);
- **compounds that end in the word** (Dutch only): ``participatie`` finds
  ``bewonersparticipatie``. Dutch puts the head of a compound last, so a *bewonersparticipatie* is
  a kind of *participatie*; compounds that *begin* with a word were already found by its prefix
  (``search.query.Prefix``). They are read from the index's own vocabulary (``search.suggest``),
  the most common first, at most ``MAX_COMPOUNDS`` a word;
- **the parts of a compound** (Dutch only): ``bewonersparticipatie`` finds pages with both
  ``bewoners`` and ``participatie``; the split is the longest last part the vocabulary knows whose
  first part it knows too (with or without the linking ``s``, ``e`` or ``en``). A word the index
  does not know but could be a typo of one it knows (``dorphuis``) is not split: the correction
  (``search.suggest``) answers it better than ``dorp`` and ``huis`` apart;
- **the themes a word names** (``theme_slots``): ``eenzaamheid`` finds every page tagged with the
  theme Eenzaamheid, below the pages that say the word. The theme's title and its questions'
  longer words count.

Why at query time and not in the index: editors change synonyms in the admin and see the effect at
once, without re-indexing 10,000 pages, and both databases get the same behaviour.
"""

import bisect
import itertools
import re
from dataclasses import dataclass, field

from modelsearch.query import And, Or, Phrase, PlainText

from core.caching import cached, kept_in_process
from core.visibility import visible
from knowledge.models import ThemePage

from . import synonyms
from .query import PREFIX_FROM, Prefix, variants
from .suggest import closest, vocabulary

# A word must be this long to find the compounds it ends (``zorg`` would find hundreds).
COMPOUND_HEAD_FROM = 5
# The compound's first part must be this long: ``bewonen`` is no compound of ``wonen``.
MODIFIER_FROM = 3
# More compounds per word make the query slower and add little: the most common come first.
MAX_COMPOUNDS = 16
# Only longer words are tried as compounds of two parts.
SPLIT_FROM = 8
SPLIT_PART_FROM = 4
# What may join a compound's parts: dorp-s-huis, kind-er-opvang, ouder-en-zorg.
LINKS = ("", "s", "e", "en", "er")
# Longer words of a theme's questions name it; shorter ones are too common (``hoe``, ``mensen``).
QUESTION_WORD_FROM = 7
THEME_TITLE_WORD_FROM = 4

_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Slot:
    """One thing a query asks for: a word, or a run of words that is one term in the synonym list."""

    words: tuple
    synonyms: list = field(default_factory=list)
    compounds: list = field(default_factory=list)
    parts: tuple = ()

    @property
    def expanded(self):
        return bool(self.synonyms or self.compounds or self.parts)


def word_query(word, language):
    """One word as the literal query searches it: its spellings and, when long, its prefix."""
    spellings = [PlainText(spelling) for spelling in variants(word, language)]
    if len(word) >= PREFIX_FROM:
        spellings.append(Prefix(word))
    return spellings[0] if len(spellings) == 1 else Or(spellings)


def _term_query(term, language):
    if len(term) == 1:
        return word_query(term[0], language)
    return Phrase(" ".join(term))


def _reversed_words(locale_id):
    """The vocabulary's words spelt backwards, sorted: the words that end in ``x`` are one range."""

    def spelt_backwards():
        return sorted(word[::-1] for word in vocabulary(locale_id))

    return kept_in_process(f"search-reversed-vocabulary:{locale_id}", spelt_backwards)


def compounds_ending_in(word, known, backwards):
    """The words of ``known`` (word -> pages) that end in ``word`` (or ``word`` + s / en), with a
    first part of their own: most common first. ``backwards``: ``_reversed_words``."""
    if len(word) < COMPOUND_HEAD_FROM:
        return []
    found = set()
    for link in ("", "s", "en"):
        end = (word + link)[::-1]
        start = bisect.bisect_left(backwards, end)
        for candidate in itertools.takewhile(lambda c, end=end: c.startswith(end), backwards[start:]):
            if len(candidate) - len(end) >= MODIFIER_FROM:
                found.add(candidate[::-1])
    return sorted(found, key=lambda candidate: (-known.get(candidate, 0), candidate))[:MAX_COMPOUNDS]


def split(word, known):
    """``(first part, last part)`` of a Dutch compound both of which ``known`` holds, or ``()``."""
    if len(word) < SPLIT_FROM:
        return ()
    for start in range(MODIFIER_FROM, len(word) - SPLIT_PART_FROM + 1):
        head = word[start:]
        if head not in known:
            continue
        first = word[:start]
        for link in LINKS:
            stem = first[: len(first) - len(link)] if link else first
            if first.endswith(link) and len(stem) >= MODIFIER_FROM and stem in known:
                return (stem, head)
    return ()


def _synonym_key(words, start, longest, table, language):
    """The longest run of ``words`` from ``start`` that is a term of ``table``, and its length."""
    for length in range(min(longest, len(words) - start), 1, -1):
        run = tuple(words[start : start + length])
        if run in table:
            return run, length
    for spelling in variants(words[start], language):
        if (spelling,) in table:
            return (spelling,), 1
    return None, 1


def slots(words, language, locale_id):
    """The query's ``Slot``s, each with what it also means."""
    table = synonyms.table(language)
    longest = max((len(term) for term in table), default=1)
    known = vocabulary(locale_id) if language == "nl" else {}
    found, start = [], 0
    while start < len(words):
        key, length = _synonym_key(words, start, longest, table, language)
        typed = tuple(words[start : start + length])
        slot = Slot(typed, synonyms=list(table.get(key, [])))
        if language == "nl" and length == 1:
            word = typed[0]
            slot.compounds = compounds_ending_in(word, known, _reversed_words(locale_id))
            parts = split(word, known)
            # Only a word the index lacks can be a typo; asked only when the split found parts,
            # since ``closest`` compares with the whole vocabulary.
            if parts and (word in known or closest(word, known) is None):
                slot.parts = parts
        found.append(slot)
        start += length
    return found


def expanded_query(found, language):
    """The query for ``found`` slots with everything they also mean, or None if nothing more."""
    if not any(slot.expanded for slot in found):
        return None
    parts = []
    for slot in found:
        if len(slot.words) > 1:
            # A phrase from the synonym list typed as words: the words anywhere, as the literal query.
            alternatives = [And([word_query(word, language) for word in slot.words])]
        else:
            alternatives = [word_query(slot.words[0], language)]
        alternatives += [_term_query(term, language) for term in slot.synonyms]
        alternatives += [PlainText(compound) for compound in slot.compounds]
        if slot.parts:
            alternatives.append(And([word_query(part, language) for part in slot.parts]))
        flat = []
        for alternative in alternatives:
            flat.extend(alternative.subqueries if isinstance(alternative, Or) else [alternative])
        parts.append(flat[0] if len(flat) == 1 else Or(flat))
    return parts[0] if len(parts) == 1 else And(parts)


def also_searched(found):
    """The terms the query also searched for, as a visitor reads them: ``["wijkcentrum", …]``."""
    terms = []
    for slot in found:
        terms += [" ".join(term) for term in slot.synonyms]
        terms += slot.compounds[:3]
        if slot.parts:
            terms.append(" + ".join(slot.parts))
    return terms


def marked_words(found):
    """The single words of what the query also searched for, to mark in the results' snippets."""
    words = []
    for slot in found:
        for term in slot.synonyms:
            words += [word for word in term if word not in words]
        words += [word for word in (*slot.compounds, *slot.parts) if word not in words]
    return words


def _theme_words(locale_id):
    """``{theme slug: words that name it}`` of the visible themes in ``locale_id``."""

    def read():
        named = {}
        themes = visible(ThemePage.objects.filter(locale_id=locale_id))
        for theme in themes.only("slug", "title", "questions"):
            words = {w.lower() for w in _WORD.findall(theme.title) if len(w) >= THEME_TITLE_WORD_FROM}
            for block in theme.questions:
                question = block.value.get("question", "") if hasattr(block.value, "get") else ""
                words |= {word.lower() for word in _WORD.findall(question) if len(word) >= QUESTION_WORD_FROM}
            named[theme.slug] = words
        return named

    return cached(f"search-theme-words:{locale_id}", read)


def theme_slots(found, language, locale_id):
    """``{slot index: {theme slug}}``: the themes each slot names, by a word or a synonym."""
    named = _theme_words(locale_id)
    result = {}
    for index, slot in enumerate(found):
        spellings = set()
        for term in [slot.words, *slot.synonyms]:
            if len(term) == 1:
                spellings.update(variants(term[0], language))
        themes = {slug for slug, words in named.items() if spellings & words}
        if themes:
            result[index] = themes
    return result
