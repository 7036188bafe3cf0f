"""Keeping a submission no longer than needed: the contact's details go after a retention period.

``PILOT_INTEREST_RETENTION_MONTHS`` (24) after a submission came in, its contact name, e-mail
address and phone number are blanked, and so is any mail error (it may quote the address). What
the programme needs for its figures and its memory stays: the municipality, the neighbourhood or
village, the challenge, the status, the team's notes and the dates. An anonymised row is never
touched again (``anonymised_at``).

This is a declaration (``RETENTION``, registered in ``apps.py``): ``core.retention`` applies it,
with every other app's, through ``manage.py purge_personal_data`` and its daily task.
"""

from core.retention import Anonymise, Months, RetentionPolicy, purge_personal_data_daily

from .models import PilotInterest

CONTACTS = RetentionPolicy(
    name="pilot_interest.contacts",
    label="inzendingen",
    rows=PilotInterest.objects.all,
    kept=Months("PILOT_INTEREST_RETENTION_MONTHS"),
    counted_from="created_at",
    action=Anonymise({"contact_name": "", "email": "", "phone": "", "mail_error": ""}),
)

RETENTION = (CONTACTS,)

# The daily purge's name before ``core.retention``: a run queued under it still runs, as the one
# daily task. Remove in the next release.
purge_pilot_interest_daily = purge_personal_data_daily
