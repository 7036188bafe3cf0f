"""The order of the results, the same on SQLite and PostgreSQL.

The backend's relevance says how well the words match (on PostgreSQL the title, the introduction
and the body carry different weights: see the ``boost`` of the page types' ``search_fields``). On
top of it, in this order: a match of every word in the title first (SQLite's bm25 weighs no
fields), then the exact phrase before scattered words; with equal text, better-evidenced, then
newer pages first (the item's year, then its publication).

Every match is ranked, not only the best few hundred: the facets narrow and count among all of
them, and the heading says how many there are. On PostgreSQL the whole order is one query that
returns ids only (``LanguageSearchBackend.ranked_ids``: at 10,000 items a common word matches
8,000 pages, too many to sort here); elsewhere it is sorted here by the same rules (``_key``).
``MAX_MATCHES`` caps what a query returns: beyond it the knowledge base belongs in OpenSearch
(README, *Search*).
"""

import math
from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Value, When
from modelsearch.backends import get_search_backend
from modelsearch.query import Phrase
from wagtail.models import Page

from knowledge.models import KnowledgeItemPage

from .expansion import also_searched, expanded_query, marked_words, slots, theme_slots
from .facets import FacetTable
from .ids import id_list
from .query import backend_query

MAX_MATCHES = 10_000

# Strongest evidence first; pages that are no knowledge item count as the weakest.
EVIDENCE_ORDER = [
    KnowledgeItemPage.EvidenceLevel.EFFECTIVE,
    KnowledgeItemPage.EvidenceLevel.WELL_FOUNDED,
    KnowledgeItemPage.EvidenceLevel.WELL_DESCRIBED,
    KnowledgeItemPage.EvidenceLevel.EVALUATED_PILOT,
    KnowledgeItemPage.EvidenceLevel.PRACTICE_EXAMPLE,
]


def _significant(score, digits=4):
    """``score`` to four significant digits: "equal text" must compare equal, floats or not."""
    if not score:
        return 0.0
    return round(score, digits - 1 - math.floor(math.log10(abs(score))))


def _evidence_rank():
    """The position of a page's evidence level in ``EVIDENCE_ORDER``; last for other pages."""
    return Case(
        *(
            When(knowledgeitempage__evidence_level=level, then=Value(rank))
            for rank, level in enumerate(EVIDENCE_ORDER)
        ),
        default=Value(len(EVIDENCE_ORDER)),
        output_field=IntegerField(),
    )


# After the text: better evidence, a newer item year, a newer publication (in SQL, as in ``_key``).
TIE_BREAKS = [
    _evidence_rank().asc(),
    F("knowledgeitempage__year").desc(nulls_last=True),
    F("first_published_at").desc(nulls_last=True),
    F("pk").desc(),
]


def _key(pk, score, first_published_at, literal, in_title, as_phrase, evidence, year, sign):
    evidence_rank = EVIDENCE_ORDER.index(evidence) if evidence in EVIDENCE_ORDER else len(EVIDENCE_ORDER)
    published = first_published_at.timestamp() if first_published_at else 0
    return (
        not literal,
        not in_title,
        not as_phrase,
        -_significant(sign * (score or 0)),
        evidence_rank,
        -(year or 0),
        -published,
        -pk,
    )


def _hits(pages, query, fields=None):
    """``(pk, score, first published)`` of the ``pages`` matching ``query``, the backend's order."""
    results = pages.search(query, fields=fields).annotate_score("_score")[:MAX_MATCHES]
    if hasattr(results, "get_queryset"):  # the database backends: three columns, no pages built
        return list(results.get_queryset().values_list("pk", "_score", "first_published_at"))
    return [(hit.pk, hit._score, hit.first_published_at) for hit in results]


def _sorted_here(pages, query, phrase, backend, literal=None):
    """The order of ``ranked_ids``, for a backend that cannot give it in one query; with a
    ``literal`` query, ``(pk, literal)`` pairs as ``LanguageSearchBackend.ranked_ids`` gives them.

    The pages the ``literal`` query matches are ordered by its score and title match, as if the
    query had been searched without what it also means: a synonym adds pages, never reorders them.
    """
    if hasattr(backend, "scores"):  # SQLite: each question one pass over the FTS table
        found = backend.scores(Page, query, limit=MAX_MATCHES)
        rows = pages.filter(pk__in=id_list(found)).values_list("pk", "first_published_at")
        hits = [(pk, found[pk], published) for pk, published in rows]

        def matching(question, fields=None):
            return backend.scores(Page, question, fields=fields)

    else:
        hits = _hits(pages, query)
        candidates = pages.filter(pk__in=id_list(pk for pk, _score, _published in hits)).only("pk")

        def matching(question, fields=None):
            return {pk: score for pk, score, _published in _hits(candidates, question, fields)}

    if not hits:
        return []
    hit_ids = id_list(pk for pk, _score, _published in hits)
    in_title = set(matching(query, ["title"]))
    literal_scores = None
    if literal is not None:
        literal_scores = matching(literal)
        literal_in_title = set(matching(literal, ["title"]))
        in_title = (in_title - set(literal_scores)) | literal_in_title
    as_phrase = set(matching(phrase)) if phrase else set()
    items = {
        pk: (evidence, year)
        for pk, evidence, year in KnowledgeItemPage.objects.filter(pk__in=hit_ids).values_list(
            "pk", "evidence_level", "year"
        )
    }
    # bm25 on SQLite: lower is better; OpenSearch's score: higher is better. A backend says so
    # with ``lower_scores_rank_higher`` (search/backends/sqlite.py).
    sign = -1 if getattr(backend, "lower_scores_rank_higher", False) else 1
    keys = {}
    for pk, score, published in hits:
        is_literal = literal_scores is None or pk in literal_scores
        if literal_scores and is_literal:
            score = literal_scores[pk]
        evidence, year = items.get(pk, (None, None))
        tiers = (is_literal, pk in in_title, pk in as_phrase)
        keys[pk] = _key(pk, score, published, *tiers, evidence, year, sign)
    ordered = sorted(keys, key=keys.get)
    if literal_scores is None:
        return ordered
    return [(pk, pk in literal_scores) for pk in ordered]


def _ranked(pages, query, phrase, literal=None):
    backend = get_search_backend()
    if hasattr(backend, "ranked_ids"):  # PostgreSQL
        return backend.ranked_ids(pages, query, phrase, then=TIE_BREAKS, limit=MAX_MATCHES, literal=literal)
    return _sorted_here(pages, query, phrase, backend, literal=literal)


def ranked_ids(pages, words, language):
    """The ids of the ``pages`` (a Page queryset) that contain every word, best first."""
    if not words:
        return []
    phrase = Phrase(" ".join(words)) if len(words) > 1 else None
    return _ranked(pages, backend_query(words, language), phrase)


@dataclass
class Ranking:
    """What a search found, best first: ``ids``; the first ``literal`` of them have the words as
    typed, the rest only what they also mean (``also``: synonyms, compounds) or their theme."""

    ids: list
    literal: int = 0
    also: list = field(default_factory=list)
    marked: list = field(default_factory=list)

    @property
    def expanded(self):
        return len(self.ids) > self.literal


def rank(pages, words, language, locale_id):
    """``ranked_ids`` and, below those, the pages found through ``search.expansion``: synonyms
    and compounds (one query with the words as typed as the first tier), then pages tagged with a
    theme a word names (``_theme_matches``)."""
    if not words:
        return Ranking([])
    found = slots(words, language, locale_id)
    phrase = Phrase(" ".join(words)) if len(words) > 1 else None
    literal = backend_query(words, language)
    expanded = expanded_query(found, language)
    if expanded is None:
        ids = _ranked(pages, literal, phrase)
        literal_count = len(ids)
    else:
        rows = _ranked(pages, expanded, phrase, literal=literal)
        ids = [pk for pk, _literal in rows]
        literal_count = sum(1 for _pk, is_literal in rows if is_literal)
    themed = _theme_matches(pages, found, language, locale_id, set(ids))
    return Ranking(ids + themed, literal_count, also_searched(found), marked_words(found))


def _theme_matches(pages, found, language, locale_id, already):
    """Pages tagged with a theme some slots name whose text has the other slots, not in ``already``.

    ``eenzaamheid`` gives every page tagged Eenzaamheid; ``eenzaamheid ouderen`` the pages tagged
    Eenzaamheid that say ``ouderen`` (or a synonym of it); ``sociale infrastructuur`` every page
    tagged with the theme of that name. Best evidence, newest first.
    """
    named = theme_slots(found, language, locale_id)
    if not named:
        return []
    slots_of = {}
    for index, slugs in named.items():
        for slug in slugs:
            slots_of.setdefault(slug, set()).add(index)
    table = FacetTable.for_locale(locale_id)
    result = []
    # The theme that most of the query names first.
    for slug, indexes in sorted(slots_of.items(), key=lambda item: (-len(item[1]), item[0])):
        tagged = table.pages["thema"].get(slug, set()) - already
        if not tagged:
            continue
        candidates = pages.filter(pk__in=id_list(tagged))
        rest = [slot for position, slot in enumerate(found) if position not in indexes]
        if rest:
            words = [word for slot in rest for word in slot.words]
            query = expanded_query(rest, language) or backend_query(words, language)
            candidates = candidates.filter(pk__in=id_list(_matching_ids(candidates, query)))
        ids = list(candidates.order_by(*TIE_BREAKS).values_list("pk", flat=True)[:MAX_MATCHES])
        new = [pk for pk in ids if pk not in already]
        already.update(new)
        result += new
    return result


def _matching_ids(pages, query):
    """The ids of the ``pages`` matching ``query``, unranked: a theme match is ordered by evidence
    and date, so its score would be computed for nothing (a third of a themed query's time)."""
    results = pages.search(query, order_by_relevance=False)[:MAX_MATCHES]
    if hasattr(results, "get_queryset"):  # the database backends: ids only, no pages built
        return list(results.get_queryset().values_list("pk", flat=True))
    return [page.pk for page in results]


def has_match(pages, words, language):
    """Whether any of the ``pages`` contains every word: ``ranked_ids`` without the ranking."""
    if not words:
        return False
    return bool(pages.search(backend_query(words, language), order_by_relevance=False)[:1])
