"""What visitors search for, one row per day, language and query: the search report's data.

Wagtail's ``Query``/``QueryDailyHits`` (search promotions) count hits but keep neither the
language nor whether anything was found, and nothing prunes them. This row has both, holds no
visitor data (no address, no session: only the words, see ``search.log``) and is deleted after
``SEARCH_LOG_RETENTION_DAYS`` (``manage.py purge_search_log``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Longer queries are cut; ``search.query.MAX_QUERY_LENGTH`` is the same.
MAX_LOGGED_QUERY_LENGTH = 200


class SearchQueryDay(models.Model):
    day = models.DateField(_("dag"))
    language = models.CharField(_("taal"), max_length=8)
    query = models.CharField(_("zoekopdracht"), max_length=MAX_LOGGED_QUERY_LENGTH)
    searches = models.PositiveIntegerField(_("keer gezocht"), default=0)
    # The count of the day's last search: content changes during a day, the latest count is news.
    results = models.PositiveIntegerField(_("resultaten"), default=0)

    class Meta:
        verbose_name = _("zoekopdracht per dag")
        verbose_name_plural = _("zoekopdrachten per dag")
        constraints = [
            models.UniqueConstraint(fields=["day", "language", "query"], name="search_query_day_unique")
        ]
        indexes = [models.Index(fields=["language", "day"], name="search_query_day_lang")]

    def __str__(self):
        return f"{self.day} {self.language} {self.query}"
