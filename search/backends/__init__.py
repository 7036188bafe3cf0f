"""The site's search backend: Wagtail's database backend, with two changes that ranking needs.

``WAGTAILSEARCH_BACKENDS`` points here on both databases. Like ``wagtail.search.backends.database``
it picks the implementation by the database: PostgreSQL full text (``postgres.py``: every page
stemmed in its own language) or SQLite FTS5 (``sqlite.py``: no stemming). On both, a page's title
weight no longer depends on when it was indexed (see ``StableTitleNorms``). ``indexed_texts``
reads back the text either database indexed, for the spelling suggestions' vocabulary.
"""

from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Length

# PostgreSQL's text-search configuration per content language.
CONFIGS = {"nl": "dutch", "en": "english"}
# Where each database keeps the plain text it indexed: PostgreSQL beside the tsvectors (modelsearch
# 1.3's fuzzy-search columns), SQLite in the entry the FTS5 table mirrors.
INDEXED_TEXT_FIELDS = {
    "postgresql": ("index_entries__title_text", "index_entries__body_text"),
    "sqlite": ("index_entries__title", "index_entries__body"),
}


def config_for_language(language_code, default):
    return CONFIGS.get((language_code or "").split("-")[0], default)


class StableTitleNorms:
    """A title's weight by its own length only: ``TYPICAL_TITLE_LENGTH / length``.

    modelsearch uses ``average length / length`` with the average of the moment a page is indexed,
    and never updates it (only a full ``update_index`` does): two pages with the same text then
    rank apart by the order they were published in. A constant "average" keeps short titles
    ahead of long ones and equal pages equal.
    """

    TYPICAL_TITLE_LENGTH = 4.0

    def _refresh_title_norms(self, full=False):
        entries = self.entries if full else self.entries.filter(title_norm=1.0)
        entries.annotate(title_length=Length("title")).filter(title_length__gt=0).update(
            title_norm=Value(self.TYPICAL_TITLE_LENGTH) / F("title_length")
        )


def indexed_texts(pages):
    """The text the index holds for ``pages`` (a queryset), as it was indexed: one string per field.

    The words a search can find, body included, without rendering a page again.
    """
    fields = INDEXED_TEXT_FIELDS[connection.vendor]
    for texts in pages.values_list(*fields).iterator():
        yield from (text for text in texts if text)


def SearchBackend(params):  # noqa: N802 - Wagtail looks up this name
    if connection.vendor == "postgresql":
        from .postgres import LanguageSearchBackend

        return LanguageSearchBackend(params)
    from .sqlite import StableSQLiteSearchBackend

    return StableSQLiteSearchBackend(params)
