"""The site's search backend: Wagtail's database backend, with two changes that ranking needs.

``WAGTAILSEARCH_BACKENDS`` points here on both databases. Like ``wagtail.search.backends.database``
it picks the implementation by the database: PostgreSQL full text (``postgres.py``: every page
stemmed in its own language) or SQLite FTS5 (``sqlite.py``: no stemming). On both, a page's title
weight no longer depends on when it was indexed (see ``StableTitleNorms``).
"""

from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Length

# PostgreSQL's text-search configuration per content language.
CONFIGS = {"nl": "dutch", "en": "english"}


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


def SearchBackend(params):  # noqa: N802 - Wagtail looks up this name
    if connection.vendor == "postgresql":
        from .postgres import LanguageSearchBackend

        return LanguageSearchBackend(params)
    from .sqlite import StableSQLiteSearchBackend

    return StableSQLiteSearchBackend(params)
