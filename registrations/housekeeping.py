"""Work on registrations that time brings: reminders before a meeting, deleting registrations
nobody confirmed, anonymising long after.

Reminders are sent once per registration (``reminder_sent_at``), however often they run: the
command runs them by hand or from cron, the task through the Tasks API, checking again at run time
whether its work is still due. Deleting and anonymising are this app's retention policies
(``RETENTION``, registered in ``apps.py``): ``core.retention`` applies them, with every other app's,
through ``manage.py purge_personal_data`` and its daily task.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django_tasks import task

from core.retention import Anonymise, Delete, Months, RetentionPolicy, purge_personal_data_daily
from knowledge.models import MeetingPage

from .models import Registration
from .tasks import mail_each_once


def reminder_due(meeting):
    """When the meeting's reminder goes out: ``REGISTRATION_REMINDER_HOURS`` before it starts."""
    return meeting.start - timedelta(hours=settings.REGISTRATION_REMINDER_HOURS)


def reminders_due(now=None):
    """Confirmed registrations for live meetings starting soon that have had no reminder."""
    now = now or timezone.now()
    window_end = now + timedelta(hours=settings.REGISTRATION_REMINDER_HOURS)
    return Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at=None,
        anonymised_at=None,
        meeting__live=True,
        meeting__start__gt=now,
        meeting__start__lte=window_end,
    ).order_by("pk")


def send_reminders(registrations=None, progress=None):
    """Mark each due registration reminded and queue its mail; returns how many."""
    return mail_each_once(registrations or reminders_due(), "reminder_sent_at", "reminder", progress)


# Through the Tasks API ----------------------------------------------------------------------------


@task()
def remind_meeting(meeting_id):
    """Queued for a meeting's reminder moment when it is published; checks again when it runs.

    The meeting may have moved, been unpublished or been removed since: then this run sends
    nothing, and a moved meeting's own publish has queued the run for its new moment.
    """
    meeting = MeetingPage.objects.filter(pk=meeting_id, live=True).first()
    if meeting is None:
        return "gone"
    if reminder_due(meeting) > timezone.now():
        return "not yet"
    return send_reminders(reminders_due().filter(meeting=meeting))


def queue_reminder(meeting):
    """On publish: queue ``remind_meeting`` for the reminder moment (when the backend can wait)."""
    due = reminder_due(meeting)
    if meeting.start <= timezone.now():
        return False
    backend = remind_meeting.get_backend()
    if due > timezone.now():
        if not backend.supports_defer:
            return False  # dev and tests: ``send_meeting_reminders`` (cron) does it
        remind_meeting.using(run_after=due).enqueue(meeting.pk)
    else:
        transaction.on_commit(lambda: remind_meeting.enqueue(meeting.pk))
    return True


# Retention ---------------------------------------------------------------------------------------

# Pending registrations nobody confirmed in time (``REGISTRATION_CONFIRM_HOURS``; the model says
# when a link expires). Most are a bot's, or a typo in an address: nothing of them is kept, and no
# mail goes out. They held no place, so nobody on the waitlist is affected.
UNCONFIRMED = RetentionPolicy(
    name="registrations.unconfirmed",
    label="onbevestigde aanmeldingen",
    rows=Registration.objects.expired,
    action=Delete(),
)

# ``REGISTRATION_RETENTION_MONTHS`` (12) after its meeting ended, a registration loses everything
# that names a person, even the hash of where the form came from (``client_key``); it keeps what
# the programme counts: meeting, municipality, role and status.
PAST_MEETINGS = RetentionPolicy(
    name="registrations.past_meetings",
    label="aanmeldingen",
    rows=Registration.objects.all,
    kept=Months("REGISTRATION_RETENTION_MONTHS"),
    counted_from="meeting__end",
    action=Anonymise(
        {
            "name": "",
            # The address stays unique per meeting (a constraint): it is made from the row's id.
            "email": Concat(Value("geanonimiseerd-"), Cast("pk", CharField()), Value("@invalid")),
            "organisation": "",
            "accessibility_needs": "",
            "case": "",
            "mail_error": "",
            "client_key": "",
        }
    ),
)

RETENTION = (UNCONFIRMED, PAST_MEETINGS)

# The daily purge's name before ``core.retention``: a run queued under it still runs, as the one
# daily task. Remove in the next release.
purge_registrations_daily = purge_personal_data_daily
