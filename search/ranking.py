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

from django.db.models import Case, F, IntegerField, Value, When
from modelsearch.backends import get_search_backend
from modelsearch.query import Phrase

from knowledge.models import KnowledgeItemPage

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


def _ids(results):
    return {page.pk for page in results[:MAX_MATCHES]}


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


def _key(pk, score, first_published_at, in_title, as_phrase, evidence, year, sign):
    evidence_rank = EVIDENCE_ORDER.index(evidence) if evidence in EVIDENCE_ORDER else len(EVIDENCE_ORDER)
    published = first_published_at.timestamp() if first_published_at else 0
    return (
        not in_title,
        not as_phrase,
        -_significant(sign * (score or 0)),
        evidence_rank,
        -(year or 0),
        -published,
        -pk,
    )


def _sorted_here(pages, query, phrase, backend):
    """The order of ``ranked_ids``, for a backend that cannot give it in one query."""
    results = pages.search(query).annotate_score("_score")[:MAX_MATCHES]
    if hasattr(results, "get_queryset"):  # the database backends: three columns, no pages built
        hits = list(results.get_queryset().values_list("pk", "_score", "first_published_at"))
    else:
        hits = [(hit.pk, hit._score, hit.first_published_at) for hit in results]
    if not hits:
        return []
    hit_ids = id_list(pk for pk, _score, _published in hits)
    candidates = pages.filter(pk__in=hit_ids).only("pk")
    in_title = _ids(candidates.search(query, fields=["title"]))
    as_phrase = _ids(candidates.search(phrase)) if phrase else set()
    items = {
        pk: (evidence, year)
        for pk, evidence, year in KnowledgeItemPage.objects.filter(pk__in=hit_ids).values_list(
            "pk", "evidence_level", "year"
        )
    }
    # bm25 on SQLite: lower is better; OpenSearch's score: higher is better. A backend says so
    # with ``lower_scores_rank_higher`` (search/backends/sqlite.py).
    sign = -1 if getattr(backend, "lower_scores_rank_higher", False) else 1
    keys = {
        pk: _key(pk, score, published, pk in in_title, pk in as_phrase, *items.get(pk, (None, None)), sign)
        for pk, score, published in hits
    }
    return sorted(keys, key=keys.get)


def ranked_ids(pages, words, language):
    """The ids of the ``pages`` (a Page queryset) that contain every word, best first."""
    if not words:
        return []
    backend = get_search_backend()
    query = backend_query(words, language)
    phrase = Phrase(" ".join(words)) if len(words) > 1 else None
    if hasattr(backend, "ranked_ids"):  # PostgreSQL
        return backend.ranked_ids(pages, query, phrase, then=TIE_BREAKS, limit=MAX_MATCHES)
    return _sorted_here(pages, query, phrase, backend)


def has_match(pages, words, language):
    """Whether any of the ``pages`` contains every word: ``ranked_ids`` without the ranking."""
    if not words:
        return False
    return bool(pages.search(backend_query(words, language), order_by_relevance=False)[:1])
