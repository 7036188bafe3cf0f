"""``manage.py purge_pilot_interest [--schedule]``: the older name of ``manage.py
purge_personal_data --only pilot_interest``, kept for existing cron lines.

It blanks a submission's contact details ``PILOT_INTEREST_RETENTION_MONTHS`` after it came in, as
``pilot_interest.housekeeping`` declares. ``--schedule`` starts the one daily task that applies
every app's retention policies.
"""

from core.management.commands.purge_personal_data import Command as PurgePersonalData


class Command(PurgePersonalData):
    only = ("pilot_interest",)
