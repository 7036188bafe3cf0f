"""One purge for all personal data (``core.retention``): apps declare what goes and when, and one
mechanism anonymises or deletes it, in batches, by hand, from cron or every day as a task.

The mechanism is shown on the real tables of two apps (pilot-interest submissions, anonymised after
months; search-log days, deleted after days); what each app keeps and blanks is tested with the
app (tests/registrations/test_housekeeping.py, tests/pilot_interest/test_admin.py,
tests/search/test_query_log.py).
"""

import datetime
import io
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import retention
from core.retention import Anonymise, Days, Delete, Months, RetentionPolicy, apply
from pilot_interest.models import PilotInterest
from search.models import SearchQueryDay
from tests.factories.pilot_interest import PilotInterestFactory
from tests.task_support import run_due_tasks

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo(settings.TIME_ZONE)
TASKS_IN_THE_DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASK = "core.retention.purge_personal_data_daily"
OLD_TASKS = [
    "registrations.housekeeping.purge_registrations_daily",
    "pilot_interest.housekeeping.purge_pilot_interest_daily",
    "search.retention.purge_search_log_daily",
]


def contacts_policy(**changes):
    """Like the pilot-interest app's policy, under another name (it is not registered)."""
    declaration = {
        "name": "tests.contacts",
        "label": "inzendingen",
        "rows": PilotInterest.objects.all,
        "kept": Months("PILOT_INTEREST_RETENTION_MONTHS"),
        "counted_from": "created_at",
        "action": Anonymise({"contact_name": "", "email": ""}),
    }
    return RetentionPolicy(**{**declaration, **changes})


def days_policy(**changes):
    declaration = {
        "name": "tests.days",
        "label": "dagen",
        "rows": SearchQueryDay.objects.all,
        "kept": Days(lambda: 7),
        "counted_from": "day",
        "action": Delete(),
    }
    return RetentionPolicy(**{**declaration, **changes})


def contact(created_at):
    return PilotInterestFactory(created_at=created_at)


def search_day(day, query="wijk"):
    return SearchQueryDay.objects.create(day=day, language="nl", query=query, searches=1)


def statements(queries, verb):
    return [query["sql"] for query in queries if query["sql"].startswith(verb)]


def purge(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# The cut-off -------------------------------------------------------------------------------------


@override_settings(PILOT_INTEREST_RETENTION_MONTHS=1)
def test_months_are_calendar_months_counted_back_from_the_date():
    now = datetime.datetime(2025, 3, 31, 12, 0, tzinfo=LOCAL).astimezone(datetime.UTC)
    due = contact(datetime.datetime(2025, 2, 28, 11, 59, tzinfo=LOCAL))  # 31 March less a month
    kept = contact(datetime.datetime(2025, 2, 28, 12, 1, tzinfo=LOCAL))

    assert apply(contacts_policy(), now=now) == 1

    due.refresh_from_db()
    assert (due.contact_name, due.email, due.anonymised_at) == ("", "", now)
    assert due.place and due.challenge  # what the programme counts stays
    kept.refresh_from_db()
    assert kept.email and kept.anonymised_at is None


@override_settings(PILOT_INTEREST_RETENTION_MONTHS=2)
def test_the_setting_says_how_many_months_when_the_purge_runs():
    now = datetime.datetime(2025, 3, 31, 12, 0, tzinfo=LOCAL)
    contact(datetime.datetime(2025, 2, 28, 11, 59, tzinfo=LOCAL))

    assert apply(contacts_policy(), now=now) == 0
    with override_settings(PILOT_INTEREST_RETENTION_MONTHS=1):
        assert apply(contacts_policy(), now=now) == 1


def test_days_count_local_dates_for_a_date_field():
    # Half past midnight in the Netherlands is still the day before in UTC, the clock's own zone.
    now = datetime.datetime(2025, 3, 30, 0, 30, tzinfo=LOCAL).astimezone(datetime.UTC)
    kept = search_day(datetime.date(2025, 3, 23), "precies een week")
    search_day(datetime.date(2025, 3, 22), "te oud")

    assert apply(days_policy(), now=now) == 1

    assert list(SearchQueryDay.objects.all()) == [kept]


# Batches, interruptions, runs again ----------------------------------------------------------------


@override_settings(PILOT_INTEREST_RETENTION_MONTHS=24)
def test_anonymising_goes_in_batches_of_one_update_each():
    long_ago = timezone.now() - datetime.timedelta(days=800)
    for _ in range(7):
        contact(long_ago)
    progress = []

    with CaptureQueriesContext(connection) as queries:
        done = apply(contacts_policy(batch_size=3), progress=progress.append)

    assert done == 7
    assert progress == [3, 6, 7]
    assert len(statements(queries, "UPDATE")) == 3
    assert not PilotInterest.objects.exclude(email="").exists()


def test_deleting_goes_in_batches_of_one_delete_each():
    for number in range(5):
        search_day(timezone.localdate() - datetime.timedelta(days=30), f"oud {number}")
    today = search_day(timezone.localdate(), "vandaag")
    progress = []

    with CaptureQueriesContext(connection) as queries:
        done = apply(days_policy(batch_size=2), progress=progress.append)

    assert done == 5
    assert progress == [2, 4, 5]
    assert len(statements(queries, "DELETE")) == 3
    assert list(SearchQueryDay.objects.all()) == [today]


class Stopped(Exception):
    """What an operator's Ctrl-C or a worker's restart does to a run: it ends between batches."""


@override_settings(PILOT_INTEREST_RETENTION_MONTHS=24)
def test_a_stopped_run_keeps_what_it_did_and_the_next_run_does_the_rest_once():
    long_ago = timezone.now() - datetime.timedelta(days=800)
    for _ in range(7):
        contact(long_ago)
    first_run = timezone.now()

    def stop_after_the_first_batch(done):
        raise Stopped

    with pytest.raises(Stopped):
        apply(contacts_policy(batch_size=3), now=first_run, progress=stop_after_the_first_batch)

    assert PilotInterest.objects.filter(anonymised_at=first_run).count() == 3
    assert PilotInterest.objects.filter(anonymised_at=None).count() == 4

    second_run = first_run + datetime.timedelta(hours=1)
    assert apply(contacts_policy(batch_size=3), now=second_run) == 4
    assert PilotInterest.objects.filter(anonymised_at=first_run).count() == 3  # not done twice
    assert PilotInterest.objects.filter(anonymised_at=second_run).count() == 4

    assert apply(contacts_policy(), now=second_run + datetime.timedelta(days=1)) == 0


# The command -------------------------------------------------------------------------------------


@pytest.fixture
def due_rows():
    """A pilot-interest submission and a search-log day past their retention periods."""
    submission = contact(timezone.now() - datetime.timedelta(days=3 * 365))
    day = search_day(timezone.localdate() - datetime.timedelta(days=400))
    return submission, day


@override_settings(PILOT_INTEREST_RETENTION_MONTHS=24, SEARCH_LOG_RETENTION_DAYS=365)
def test_a_dry_run_says_per_policy_what_is_due_and_changes_nothing(due_rows):
    submission, _day = due_rows

    out = purge("purge_personal_data", "--dry-run")

    assert "pilot_interest.contacts: 1 inzendingen te anonimiseren (bewaartermijn 24 maanden: " in out
    assert "search.query_days: 1 zoekopdrachten per dag te verwijderen (bewaartermijn 365 dagen" in out
    assert "registrations.unconfirmed: 0 onbevestigde aanmeldingen te verwijderen." in out
    assert "Klaar" not in out
    assert out.rstrip().endswith("Proefdraai: er is niets veranderd.")
    assert SearchQueryDay.objects.exists()
    submission.refresh_from_db()
    assert submission.anonymised_at is None


@override_settings(PILOT_INTEREST_RETENTION_MONTHS=24, SEARCH_LOG_RETENTION_DAYS=365)
def test_a_run_applies_every_policy_and_says_what_it_did(due_rows):
    submission, _day = due_rows

    out = purge("purge_personal_data")

    assert "Klaar: 1 inzendingen geanonimiseerd." in out
    assert "Klaar: 1 zoekopdrachten per dag verwijderd." in out
    assert "Klaar: 0 aanmeldingen geanonimiseerd." in out
    assert not SearchQueryDay.objects.exists()
    submission.refresh_from_db()
    assert submission.email == ""


@override_settings(PILOT_INTEREST_RETENTION_MONTHS=24, SEARCH_LOG_RETENTION_DAYS=365)
def test_only_names_a_policy_or_an_app(due_rows):
    submission, _day = due_rows

    out = purge("purge_personal_data", "--only", "search.visitors", "--only", "pilot_interest")

    assert [line.split(":")[0] for line in out.splitlines() if not line.startswith("Klaar")] == [
        "search.visitors",
        "pilot_interest.contacts",
    ]
    assert SearchQueryDay.objects.exists()  # search.query_days did not run
    submission.refresh_from_db()
    assert submission.email == ""


def test_an_unknown_name_is_refused_with_the_names_that_exist():
    with pytest.raises(CommandError, match="Onbekend: zoeken.*registrations.past_meetings"):
        purge("purge_personal_data", "--only", "zoeken")


@override_settings(SEARCH_LOG_RETENTION_DAYS=365)
def test_a_long_run_shows_its_progress():
    old = timezone.localdate() - datetime.timedelta(days=400)
    SearchQueryDay.objects.bulk_create(
        SearchQueryDay(day=old, language="nl", query=f"zoekterm {n}", searches=1) for n in range(1201)
    )

    out = purge("purge_personal_data", "--only", "search.query_days")

    assert out.splitlines()[1:] == [
        "  500 van 1201",
        "  1000 van 1201",
        "  1201 van 1201",
        "Klaar: 1201 zoekopdrachten per dag verwijderd.",
    ]


@override_settings(PILOT_INTEREST_RETENTION_MONTHS=24, SEARCH_LOG_RETENTION_DAYS=365)
@pytest.mark.parametrize(
    ("command", "policies"),
    [
        ("purge_registrations", ["registrations.unconfirmed", "registrations.past_meetings"]),
        ("purge_pilot_interest", ["pilot_interest.contacts"]),
        ("purge_search_log", ["search.query_days", "search.visitors"]),
    ],
)
def test_the_older_command_names_purge_their_own_app_only(command, policies, due_rows):
    submission, _day = due_rows

    out = purge(command)

    assert [line.split(":")[0] for line in out.splitlines() if not line.startswith("Klaar")] == policies
    submission.refresh_from_db()
    assert (submission.email == "") == (command == "purge_pilot_interest")
    assert SearchQueryDay.objects.exists() == (command != "purge_search_log")


def test_schedule_covers_every_policy_so_it_takes_no_only():
    with pytest.raises(CommandError, match="zonder --only"):
        purge("purge_personal_data", "--schedule", "--only", "search")


# Every day ---------------------------------------------------------------------------------------


def queued():
    return DBTaskResult.objects.filter(task_path=TASK, status="READY")


@override_settings(
    TASKS=TASKS_IN_THE_DATABASE, PILOT_INTEREST_RETENTION_MONTHS=24, SEARCH_LOG_RETENTION_DAYS=365
)
def test_the_daily_task_applies_every_policy_and_queues_its_next_run_once(due_rows):
    submission, _day = due_rows
    purge("purge_personal_data", "--schedule")
    purge("purge_personal_data", "--schedule")  # the next deploy
    retention.purge_personal_data_daily.enqueue()  # and someone starts one by hand
    assert queued().count() == 2

    assert run_due_tasks() == 2

    assert not SearchQueryDay.objects.exists()
    submission.refresh_from_db()
    assert submission.email == ""
    [next_run] = queued()
    assert next_run.run_after > timezone.now() + datetime.timedelta(hours=23)


@override_settings(TASKS=TASKS_IN_THE_DATABASE, SEARCH_LOG_RETENTION_DAYS=365)
def test_runs_queued_under_the_old_task_names_join_the_one_daily_chain(due_rows):
    # Before the upgrade each app had its own daily task; their next runs wait in the queue.
    for old_name in OLD_TASKS:
        result = retention.purge_personal_data_daily.enqueue()
        DBTaskResult.objects.filter(pk=result.id).update(task_path=old_name)

    assert run_due_tasks() == 3

    assert not SearchQueryDay.objects.exists()
    assert DBTaskResult.objects.filter(task_path__in=OLD_TASKS, status="SUCCESSFUL").count() == 3
    assert queued().count() == 1


@contextmanager
def registered_first(policy):
    """``policy`` runs before the apps' own policies, for the length of the block."""
    declared = list(retention.policies)
    for each in declared:
        retention.policies.unregister(each.name)
    retention.register(policy, *declared)
    try:
        yield
    finally:
        for each in [policy, *declared]:
            retention.policies.unregister(each.name)
        retention.register(*declared)


@override_settings(PILOT_INTEREST_RETENTION_MONTHS=24, SEARCH_LOG_RETENTION_DAYS=365)
def test_a_failing_policy_fails_the_run_but_not_the_other_policies(due_rows):
    submission, _day = due_rows
    broken = contacts_policy(name="tests.broken", action=Anonymise({"no_such_field": ""}))

    with registered_first(broken):
        result = retention.purge_personal_data_daily.enqueue()

    assert result.status == "FAILED"
    assert result.errors[0].exception_class_path == "core.retention.PurgeFailed"
    assert not SearchQueryDay.objects.exists()
    submission.refresh_from_db()
    assert submission.email == ""
    assert [policy.name for policy in retention.policies][0] == "registrations.unconfirmed"


# Declarations ------------------------------------------------------------------------------------


def test_two_policies_cannot_share_a_name():
    with pytest.raises(ImproperlyConfigured, match="pilot_interest.contacts"):
        retention.register(contacts_policy(name="pilot_interest.contacts"))


def test_a_period_needs_the_date_it_is_counted_from():
    with pytest.raises(ImproperlyConfigured, match="counted_from"):
        contacts_policy(counted_from=None)
