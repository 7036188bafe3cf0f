"""SQLite FTS5 (no stemming, no configurations), with title weights that do not drift.

A ``search.query.Prefix`` becomes an FTS5 prefix term (``"mantelzorg"*``), for Dutch compounds.
"""

from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)

from ..query import Prefix
from . import StableTitleNorms


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
