"""The editors' synonym list (``SynonymGroup``), read for the search, per language.

A search word (or a run of words, for a phrase like ``informele zorg``) that is one of a group's
terms also finds pages with the group's other terms (``search.expansion``). The list is read once
per content version: saving a group starts a new version (``@bumps_content_version``).
"""

from core.caching import cached

from .models import SynonymGroup, parse_terms
from .query import terms


def table(language):
    """``{term: [other terms of its groups]}`` for ``language``; a term is a tuple of search words.

    Each term goes through the search's own parser (``search.query.terms``), so ``Covid-19`` is
    ``("covid", "19")``, exactly what a visitor typing it searches for. A term in two groups gets
    the others of both.
    """

    def read():
        found = {}
        for words in SynonymGroup.objects.filter(language=language).values_list("words", flat=True):
            group = []
            for text in parse_terms(words):
                term = tuple(terms(text))
                if term and term not in group:
                    group.append(term)
            for term in group:
                others = found.setdefault(term, [])
                others.extend(other for other in group if other != term and other not in others)
        return found

    return cached(f"search-synonyms:{language}", read)
