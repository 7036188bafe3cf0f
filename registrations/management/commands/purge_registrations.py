"""``manage.py purge_registrations [--schedule]``: the older name of ``manage.py
purge_personal_data --only registrations``, kept for existing cron lines.

It deletes registrations nobody confirmed in time and anonymises registrations
``REGISTRATION_RETENTION_MONTHS`` after their meeting ended, as ``registrations.housekeeping``
declares. ``--schedule`` starts the one daily task that applies every app's retention policies.
"""

from core.management.commands.purge_personal_data import Command as PurgePersonalData


class Command(PurgePersonalData):
    only = ("registrations",)
