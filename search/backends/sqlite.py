"""SQLite FTS5 (no stemming, no configurations), with title weights that do not drift."""

from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex, SQLiteSearchBackend

from . import StableTitleNorms


class StableSQLiteIndex(StableTitleNorms, SQLiteIndex):
    # Titles are counted in characters here, not in words.
    TYPICAL_TITLE_LENGTH = 30.0


class StableSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = StableSQLiteIndex
