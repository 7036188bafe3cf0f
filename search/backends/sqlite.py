"""SQLite FTS5 (no stemming, no configurations), with title weights that do not drift.

A ``search.query.Prefix`` becomes an FTS5 prefix term (``"mantelzorg"*``), for Dutch compounds.

``scores`` reads the matches of a query with their bm25 score in one pass over the FTS table.
modelsearch's ``search().annotate_score()`` (and any search ordered by relevance) gives each
matching page its score through a correlated subquery that runs the ``MATCH`` again for that page:
at 1,000 items a common word took 300-600 ms that way, and ``search.ranking`` asks up to four
such questions per search.
"""

from modelsearch.backends.database.sqlite.query import (
    Lexeme,
    MatchExpression,
    SearchQueryExpression,
    normalize,
)
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks

from ..query import Prefix
from . import StableTitleNorms

# Wagtail's search app holds modelsearch's models (``wagtailsearch_indexentry_fts``).
SQLiteFTSIndexEntry = get_app_config().get_model("SQLiteFTSIndexEntry", require_ready=False)


class StableSQLiteIndex(StableTitleNorms, SQLiteIndex):
    # Titles are counted in characters here, not in words.
    TYPICAL_TITLE_LENGTH = 30.0


class PrefixSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, Prefix):
            # Lexeme quotes the word (FTS5 reads a bare quote as syntax: wagtail#13227).
            return SearchQueryExpression(Lexeme(query.query_string, prefix=True), config=config)
        return super().build_search_query_content(query, config=config)


class StableSQLiteSearchBackend(SQLiteSearchBackend):
    # FTS5's bm25(): the best match has the lowest score (search.ranking reads this).
    lower_scores_rank_higher = True
    index_class = StableSQLiteIndex
    query_compiler_class = PrefixSQLiteQueryCompiler

    def scores(self, model, query, fields=None, limit=None):
        """``{pk: bm25 score}`` of every ``model`` object matching ``query`` (in ``fields``, or in
        all indexed text), as modelsearch scores them; one query. Visibility is the caller's."""
        compiler = self.query_compiler_class(model.objects.none(), query)
        config = compiler.get_config(self)
        search_query = compiler.build_search_query(normalize(query), config=config)
        rank = None
        for vector, boost in compiler.get_index_vectors():
            part = compiler.build_tsrank(vector, query, config=config) * boost
            rank = part if rank is None else rank + part
        match = MatchExpression(fields or compiler.FTS_TABLE_FIELDS, search_query)
        entries = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(model))
            .annotate(score=rank)
            .values_list("index_entry__object_id", "score")
        )
        return {int(pk): score for pk, score in (entries[:limit] if limit else entries)}
