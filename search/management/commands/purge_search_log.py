"""``manage.py purge_search_log [--schedule]``: the older name of ``manage.py purge_personal_data
--only search``, kept for existing cron lines.

It deletes search-log days older than ``SEARCH_LOG_RETENTION_DAYS`` and the visitors' hashes the
popular list no longer reads, as ``search.retention`` declares. ``--schedule`` starts the one daily
task that applies every app's retention policies.
"""

from core.management.commands.purge_personal_data import Command as PurgePersonalData


class Command(PurgePersonalData):
    only = ("search",)
