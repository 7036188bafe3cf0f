"""The search log: what visitors searched for per day and language, and whether it found anything.

A search counts once: the first page of a query without a chosen filter (narrowing or paging the
same query is not a new search), typed by a person (crawlers' user agents are left out), never an
autocomplete call. The query is stored as the search read it (``search.query.logged_query``): the
words it searched for, lowercased and single-spaced, at most ``MAX_TERMS`` of them, with e-mail
addresses, links and long numbers replaced by a placeholder. Whatever else someone types into the
box is never stored, so it can never be shown to anyone.

Each search is one ``INSERT … ON CONFLICT DO UPDATE`` (SQLite and PostgreSQL alike), so two
visitors searching at once both count and nobody waits for a lock. A search that found something
adds one ``INSERT … ON CONFLICT DO NOTHING``: a keyed hash of the visitor for that day and query
(``search.models.SearchQueryVisitor``), so that the no-results page's "Vaak gezocht" list counts
people, not searches. One client repeating a query a thousand times is one visitor that day. The
key changes with the day (so that no row follows a person over time), so a client who comes back
with the same query on three days counts three times: the count keeps one client's burst off the
page, and editors hide whatever slips through (``hide``).

The public list (``popular_searches``) offers a query only when ``SEARCH_POPULAR_MIN_VISITORS``
(3) different visitors found something with it in the last ``POPULAR_DAYS`` days, its latest
search still finds something, nothing in it was masked, and no editor hid it (``hide``).
"""

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Exists, Max, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import (
    MAX_LOGGED_QUERY_LENGTH,
    Answer,
    HiddenSearchQuery,
    SearchQueryDay,
    SearchQueryVisitor,
)
from .query import MASK_MARK, logged_query

# The no-results page's popular searches.
POPULAR_DAYS = 90
POPULAR_SHOWN = 5
POPULAR_CACHE_SECONDS = 10 * 60

logger = logging.getLogger(__name__)

_BOT = re.compile(r"bot|crawl|spider|slurp|preview|monitor|curl|wget|python-requests|httpx", re.I)


def loggable_query(query):
    """``query`` as the log keeps it (see ``search.query.logged_query``), cut to the column."""
    return logged_query(query)[:MAX_LOGGED_QUERY_LENGTH]


def is_bot(request):
    agent = request.headers.get("User-Agent", "")
    return not agent or bool(_BOT.search(agent))


def visitor_key(day, language, query, client):
    """The visitor's hash for ``query`` on ``day``: tells visitors apart, names none of them.

    An HMAC with the site's secret key, salted with the day: the same client gives the same key
    for the same query all day (so repeating a search counts once) and an unrelated one for any
    other query or day (so the rows link none of a person's searches). ``client`` is the address
    ``core.ratelimit.client_address`` gives; it is never stored.
    """
    value = f"{language}\n{query}\n{client}"
    return salted_hmac(f"search.log.visitor:{day.isoformat()}", value, algorithm="sha256").hexdigest()


def record(query, language, results, client=None, day=None, answer="", answered_as=""):
    """Count one search for ``query`` in ``language`` that found ``results`` pages.

    ``client`` is the visitor's address (``core.ratelimit.client_address``); when the search found
    something it counts, hashed, towards the query's distinct visitors. ``answer`` says how the
    results were found (``search.models.Answer``), ``answered_as`` the corrected query if it was.
    """
    query = loggable_query(query)
    if not query:
        return
    day = day or timezone.localdate()
    table = connection.ops.quote_name(SearchQueryDay._meta.db_table)
    try:
        # A savepoint: a failed insert must not break the rest of a request that runs in a transaction.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (day, language, query, searches, results, answer, answered_as) "
                f"VALUES (%s, %s, %s, 1, %s, %s, %s) "
                f"ON CONFLICT (day, language, query) DO UPDATE "
                f"SET searches = {table}.searches + 1, results = excluded.results, "
                f"answer = excluded.answer, answered_as = excluded.answered_as",
                [day, language, query, results, answer, loggable_query(answered_as)],
            )
            # Only searches that found something can make a query popular: nobody else's visitors
            # are needed, so none are kept.
            if results and client:
                visitors = connection.ops.quote_name(SearchQueryVisitor._meta.db_table)
                cursor.execute(
                    f"INSERT INTO {visitors} (day, language, query, visitor) VALUES (%s, %s, %s, %s) "
                    f"ON CONFLICT (day, language, query, visitor) DO NOTHING",
                    [day, language, query, visitor_key(day, language, query, client)],
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


def popular(language, days, limit, min_visitors=1):
    """The queries the no-results page may offer, most visitors first.

    Each row as ``queries`` gives it, plus ``visitors``: the distinct visitors (counted per day)
    who found something with it. Left out: a query fewer than ``min_visitors`` visitors found
    something with, one whose latest search found nothing (the content it found is gone), one
    with a placeholder (an address, link or number is nobody's search term) and one an editor hid.
    """
    visitors = (
        SearchQueryVisitor.objects.filter(language=language, day__gte=_since(days), query=OuterRef("query"))
        .values("query")
        .annotate(count=Count("pk"))
        .values("count")
    )
    hidden = HiddenSearchQuery.objects.filter(language=language, query=OuterRef("query"))
    rows = (
        queries(language, days)
        .annotate(visitors=Coalesce(Subquery(visitors), 0))
        .filter(visitors__gte=max(min_visitors, 1), last_results__gt=0)
        .exclude(query__contains=MASK_MARK)
        .exclude(Exists(hidden))
        .order_by("-visitors", "-total", "query")
    )
    return list(rows[:limit])


def without_results(language, days, limit):
    """The most searched queries that found nothing, every time."""
    return list(queries(language, days).filter(found=0)[:limit])


def answered(language, days, answer, limit):
    """The most searched queries whose latest search found its results ``answer``'s way.

    ``answer`` is a ``search.models.Answer``: ``EXPANDED`` (only through a synonym or a compound)
    or ``CORRECTED`` (only after correcting a typo). Each row as ``queries`` gives it, plus
    ``last_answered_as``: the corrected query the latest search answered with ("" unless
    corrected). The latest search decides: a query that needed a synonym last month but finds
    its own words since an editor wrote a page is off the list.
    """
    latest = SearchQueryDay.objects.filter(
        language=language, day__gte=_since(days), query=OuterRef("query")
    ).order_by("-day")
    rows = (
        queries(language, days)
        .annotate(
            last_answer=Subquery(latest.values("answer")[:1]),
            last_answered_as=Subquery(latest.values("answered_as")[:1]),
        )
        .filter(last_answer=answer)
    )
    return list(rows[:limit])


def found_through_synonyms(language, days, limit):
    """The most searched queries whose latest search found pages only through a synonym or compound."""
    return answered(language, days, Answer.EXPANDED, limit)


def corrected(language, days, limit):
    """The most searched queries whose latest search was answered with a corrected query."""
    return answered(language, days, Answer.CORRECTED, limit)


def min_visitors():
    # Different visitors who found something with a query before it is offered to everyone. Not
    # one: one visitor's words are nobody's habit, and could be anything they want others to read.
    return settings.SEARCH_POPULAR_MIN_VISITORS


def offered(language):
    """What the no-results page offers in ``language`` right now, uncached (the report shows it)."""
    return popular(language, POPULAR_DAYS, POPULAR_SHOWN, min_visitors=min_visitors())


def _popular_cache_key(language):
    return f"search-popular:{language}"


def popular_searches(language):
    """What the no-results page offers: the language's popular queries (``popular``), as text.

    Kept for a few minutes; a list a little behind costs nothing. Hiding or showing a query clears
    it, so an editor's hide counts at once.
    """

    def compute():
        return [row["query"] for row in offered(language)]

    return cache.get_or_set(_popular_cache_key(language), compute, POPULAR_CACHE_SECONDS)


def hidden(language):
    """The queries editors hid in ``language``, most recently hidden first."""
    return list(
        HiddenSearchQuery.objects.filter(language=language)
        .select_related("hidden_by")
        .order_by("-hidden_at", "query")
    )


def hide(language, query, user=None):
    """Keep ``query`` off ``language``'s "Vaak gezocht" list from now on."""
    HiddenSearchQuery.objects.get_or_create(language=language, query=query, defaults={"hidden_by": user})
    cache.delete(_popular_cache_key(language))


def show(language, query):
    """Let ``query`` on ``language``'s "Vaak gezocht" list again, when it is popular."""
    HiddenSearchQuery.objects.filter(language=language, query=query).delete()
    cache.delete(_popular_cache_key(language))
