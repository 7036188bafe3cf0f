"""The search log is kept ``SEARCH_LOG_RETENTION_DAYS`` (365) days, then deleted.

The visitors' hashes (``SearchQueryVisitor``) serve only the no-results page's popular list,
which reads the last ``search.log.POPULAR_DAYS`` (90) days: they go once that list no longer reads
them, and never later than the day's counts.

These are declarations (``RETENTION``, registered in ``apps.py``): ``core.retention`` applies them,
with every other app's, through ``manage.py purge_personal_data`` and its daily task.
"""

from django.conf import settings

from core.retention import Days, Delete, RetentionPolicy, purge_personal_data_daily

from .log import POPULAR_DAYS
from .models import SearchQueryDay, SearchQueryVisitor

QUERY_DAYS = RetentionPolicy(
    name="search.query_days",
    label="zoekopdrachten per dag",
    rows=SearchQueryDay.objects.all,
    kept=Days("SEARCH_LOG_RETENTION_DAYS"),
    counted_from="day",
    action=Delete(),
)

VISITORS = RetentionPolicy(
    name="search.visitors",
    label="bezoekerssleutels van zoekopdrachten",
    rows=SearchQueryVisitor.objects.all,
    kept=Days(lambda: min(settings.SEARCH_LOG_RETENTION_DAYS, POPULAR_DAYS)),
    counted_from="day",
    action=Delete(),
)

RETENTION = (QUERY_DAYS, VISITORS)

# The daily purge's name before ``core.retention``: a run queued under it still runs, as the one
# daily task. Remove in the next release.
purge_search_log_daily = purge_personal_data_daily
