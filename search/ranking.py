"""The order of the results, the same on SQLite and PostgreSQL.

The backend's relevance says how well the words match (on PostgreSQL the title, the introduction
and the body carry different weights: see the ``boost`` of the page types' ``search_fields``). On
top of it, in this order: a match of every word in the title first (SQLite's bm25 weighs no
fields), then the exact phrase before scattered words; with equal text, better-evidenced, then
newer pages first (the item's year, then its publication). The candidates are capped
(``MAX_CANDIDATES``): nobody pages past a few hundred results, and sorting them in Python keeps the
rules readable.
"""

import math

from modelsearch.backends import get_search_backend
from modelsearch.query import Phrase

from knowledge.models import KnowledgeItemPage

from .ids import id_list
from .query import backend_query

MAX_CANDIDATES = 500

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
    return {page.pk for page in results[:MAX_CANDIDATES]}


def ranked_ids(pages, words, language):
    """The ids of the ``pages`` (a Page queryset) that contain every word, best first."""
    if not words:
        return []
    text = " ".join(words)
    query = backend_query(words, language)
    hits = list(
        pages.only("pk", "first_published_at").search(query).annotate_score("_score")[:MAX_CANDIDATES]
    )
    if not hits:
        return []
    # The title and phrase passes return ids only: building up to 500 whole pages twice was half
    # the time.
    hit_ids = id_list(hit.pk for hit in hits)
    backend = get_search_backend()
    if hasattr(backend, "matching_ids"):  # PostgreSQL: from the stored vectors
        pks = [hit.pk for hit in hits]
        in_title = backend.matching_ids(pks, query, title_only=True)
        as_phrase = backend.matching_ids(pks, Phrase(text), title_only=False) if len(words) > 1 else set()
    else:
        candidates = pages.filter(pk__in=hit_ids).only("pk")
        in_title = _ids(candidates.search(query, fields=["title"]))
        as_phrase = _ids(candidates.search(Phrase(text))) if len(words) > 1 else set()
    items = {
        pk: (evidence, year)
        for pk, evidence, year in KnowledgeItemPage.objects.filter(pk__in=hit_ids).values_list(
            "pk", "evidence_level", "year"
        )
    }
    # bm25 on SQLite: lower is better; ts_rank on PostgreSQL and OpenSearch's score: higher is better.
    # A backend says so with ``lower_scores_rank_higher`` (search/backends/sqlite.py).
    sign = -1 if getattr(backend, "lower_scores_rank_higher", False) else 1

    def key(hit):
        evidence, year = items.get(hit.pk, (None, None))
        evidence_rank = EVIDENCE_ORDER.index(evidence) if evidence in EVIDENCE_ORDER else len(EVIDENCE_ORDER)
        published = hit.first_published_at.timestamp() if hit.first_published_at else 0
        return (
            hit.pk not in in_title,
            hit.pk not in as_phrase,
            -_significant(sign * (hit._score or 0)),
            evidence_rank,
            -(year or 0),
            -published,
            -hit.pk,
        )

    return [hit.pk for hit in sorted(hits, key=key)]
