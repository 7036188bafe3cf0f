"""The search log: what visitors searched for per day and language, and whether it found anything.

A search counts once: the first page of a query without a chosen filter (narrowing or paging the
same query is not a new search), typed by a person (crawlers' user agents are left out), never an
autocomplete call. It is one ``INSERT … ON CONFLICT DO UPDATE`` (SQLite and PostgreSQL alike), so
two visitors searching at once both count and nobody waits for a lock. The query is stored as the
report groups it: lowercased and single-spaced; e-mail addresses and long numbers someone types
into the box by mistake are not stored, only a placeholder.
"""

import logging
import re
from datetime import timedelta

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Max, OuterRef, Subquery, Sum
from django.utils import timezone

from .models import MAX_LOGGED_QUERY_LENGTH, SearchQueryDay

# The no-results page's popular searches.
POPULAR_DAYS = 90
POPULAR_SHOWN = 5
POPULAR_MIN_SEARCHES = 2
POPULAR_CACHE_SECONDS = 10 * 60

logger = logging.getLogger(__name__)

_BOT = re.compile(r"bot|crawl|spider|slurp|preview|monitor|curl|wget|python-requests|httpx", re.I)
_EMAIL = re.compile(r"\S+@\S+")
_NUMBER = re.compile(r"\d{6,}")


def loggable_query(query):
    """``query`` as the log keeps it: lowercased, single-spaced, no addresses or long numbers."""
    text = _NUMBER.sub("[nummer]", _EMAIL.sub("[e-mail]", query or ""))
    return " ".join(text.lower().split())[:MAX_LOGGED_QUERY_LENGTH]


def is_bot(request):
    agent = request.headers.get("User-Agent", "")
    return not agent or bool(_BOT.search(agent))


def record(query, language, results, day=None):
    """Count one search for ``query`` in ``language`` that found ``results`` pages."""
    query = loggable_query(query)
    if not query:
        return
    table = connection.ops.quote_name(SearchQueryDay._meta.db_table)
    try:
        # A savepoint: a failed insert must not break the rest of a request that runs in a transaction.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (day, language, query, searches, results) VALUES (%s, %s, %s, 1, %s) "
                f"ON CONFLICT (day, language, query) DO UPDATE "
                f"SET searches = {table}.searches + 1, results = excluded.results",
                [day or timezone.localdate(), language, query, results],
            )
    except DatabaseError:
        # The visitor came for the results, not for the report: a count lost is no error page.
        logger.warning("Could not log a search", exc_info=True)


def _since(days):
    return timezone.localdate() - timedelta(days=days - 1)


def queries(language, days):
    """The queries of the last ``days`` days in ``language``, most searched first.

    Each row: ``query``, ``total`` (searches), ``found`` (the most any of its searches found) and
    ``last_results`` (what its latest day's last search found).
    """
    in_period = SearchQueryDay.objects.filter(language=language, day__gte=_since(days))
    latest = in_period.filter(query=OuterRef("query")).order_by("-day").values("results")[:1]
    return (
        in_period.values("query")
        .annotate(total=Sum("searches"), found=Max("results"), last_results=Subquery(latest))
        .order_by("-total", "query")
    )


def popular(language, days, limit, min_searches=1):
    """The most searched queries that found something."""
    return list(queries(language, days).filter(found__gt=0, total__gte=min_searches)[:limit])


def without_results(language, days, limit):
    """The most searched queries that found nothing, every time."""
    return list(queries(language, days).filter(found=0)[:limit])


def popular_searches(language):
    """What the no-results page offers: the language's most searched queries that find something.

    A query searched once is left out: it is nobody's habit, and may be one visitor's own words.
    Kept for a few minutes; a list a little behind costs nothing.
    """

    def compute():
        rows = popular(language, POPULAR_DAYS, POPULAR_SHOWN, min_searches=POPULAR_MIN_SEARCHES)
        return [row["query"] for row in rows]

    return cache.get_or_set(f"search-popular:{language}", compute, POPULAR_CACHE_SECONDS)
