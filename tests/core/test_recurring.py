"""Every recurring task starts the same way (``core.recurring``): ``--schedule`` queues one chain,
however often it is given (at every deploy), and says to use cron where the backend cannot wait."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

TASKS_IN_THE_DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

CHAINS = {
    "publish_scheduled": "core.scheduling.publish_scheduled_every_minute",
    "import_partner_feeds": "partners.tasks.import_partner_feeds_regularly",
    "purge_personal_data": "core.retention.purge_personal_data_daily",
    # The older names of purge_personal_data start the same one chain.
    "purge_search_log": "core.retention.purge_personal_data_daily",
    "purge_registrations": "core.retention.purge_personal_data_daily",
    "purge_pilot_interest": "core.retention.purge_personal_data_daily",
}

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("command", CHAINS)
def test_scheduling_twice_queues_one_run(command):
    with override_settings(TASKS=TASKS_IN_THE_DATABASE):
        first, second = io.StringIO(), io.StringIO()
        call_command(command, "--schedule", stdout=first)
        call_command(command, "--schedule", stdout=second)

    assert DBTaskResult.objects.filter(task_path=CHAINS[command], status="READY").count() == 1
    assert "db_worker" in first.getvalue()
    assert "er komt er geen tweede bij" in second.getvalue()


@pytest.mark.parametrize("command", CHAINS)
def test_without_a_backend_that_can_wait_the_command_says_cron(command):
    with pytest.raises(CommandError, match="cron"):
        call_command(command, "--schedule")
    assert not DBTaskResult.objects.exists()
