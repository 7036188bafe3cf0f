"""An editor schedules a page; when its moment comes the task publishes it, and an expiry takes it down.

The clock is moved by patching ``django.utils.timezone.now`` (what Wagtail, django-tasks and the
site read), so the page is scheduled for the future as an editor would and nothing in the
database is rewritten by hand. In production the task runs from ``db_worker`` every minute; here
it is run the way the worker runs it.
"""

import datetime
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.scheduling import publish_scheduled_every_minute
from tests.factories.home import StandardPageFactory, dutch_home, site_settings
from tests.task_support import run_due_tasks

TASKS_IN_THE_DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASK = "core.scheduling.publish_scheduled_every_minute"
real_now = timezone.now


def clock_at(moment):
    """Everything that asks Django for the time gets ``moment``."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def queued():
    return DBTaskResult.objects.filter(task_path=TASK, status="READY")


class ScheduledPublishingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = dutch_home()
        site_settings()

    def schedule(self, page, go_live_at, **changes):
        """Save a revision going live at ``go_live_at`` and publish it, as the editor's *Publish* does."""
        for name, value in changes.items():
            setattr(page, name, value)
        page.go_live_at = go_live_at
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    def test_a_scheduled_page_goes_live_when_its_time_has_come(self):
        page = StandardPageFactory(
            parent=self.home, title="Nieuwe regeling", slug="nieuwe-regeling", live=False
        )
        moment = real_now() + datetime.timedelta(hours=2)
        page = self.schedule(page, moment)
        self.assertFalse(page.live)
        self.assertEqual(self.client.get("/nieuwe-regeling/").status_code, 404)

        publish_scheduled_every_minute.enqueue()  # before its time: nothing happens
        self.assertEqual(self.client.get("/nieuwe-regeling/").status_code, 404)

        with clock_at(moment + datetime.timedelta(minutes=1)):
            publish_scheduled_every_minute.enqueue()
            response = self.client.get("/nieuwe-regeling/")

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Nieuwe regeling")

    def test_a_scheduled_change_to_a_live_page_shows_when_its_time_has_come(self):
        page = StandardPageFactory(parent=self.home, title="Openingstijden", slug="openingstijden")
        page.save_revision().publish()  # live, as the editor published it before
        page.refresh_from_db()
        moment = real_now() + datetime.timedelta(days=1)
        self.schedule(page, moment, title="Nieuwe openingstijden")
        self.assertContains(self.client.get("/openingstijden/"), "Openingstijden")
        self.assertNotContains(self.client.get("/openingstijden/"), "Nieuwe openingstijden")

        with clock_at(moment + datetime.timedelta(minutes=1)):
            publish_scheduled_every_minute.enqueue()
            response = self.client.get("/openingstijden/")

        self.assertContains(response, "Nieuwe openingstijden")

    def test_an_expired_page_is_taken_down(self):
        expiry = real_now() + datetime.timedelta(hours=3)
        page = StandardPageFactory(parent=self.home, title="Actie deze week", slug="actie")
        page.expire_at = expiry
        page.save_revision().publish()
        self.assertEqual(self.client.get("/actie/").status_code, 200)

        with clock_at(expiry + datetime.timedelta(minutes=1)):
            publish_scheduled_every_minute.enqueue()
            response = self.client.get("/actie/")

        self.assertEqual(response.status_code, 404)
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertTrue(page.expired)


@override_settings(TASKS=TASKS_IN_THE_DATABASE)
class TheTaskKeepsItselfGoingTests(TestCase):
    """In production: ``publish_scheduled --schedule`` starts the task and ``db_worker`` keeps it going."""

    @classmethod
    def setUpTestData(cls):
        cls.home = dutch_home()
        site_settings()

    def test_the_worker_publishes_and_the_task_queues_its_next_run_a_minute_later(self):
        page = StandardPageFactory(parent=self.home, title="Later", slug="later", live=False)
        moment = real_now() + datetime.timedelta(minutes=30)
        page.go_live_at = moment
        page.save_revision().publish()
        call_command("publish_scheduled", "--schedule", stdout=mock.Mock())
        self.assertEqual(queued().count(), 1)

        with clock_at(moment + datetime.timedelta(seconds=5)):
            run_due_tasks()  # the first run (and Wagtail's own index updates); the next is not due yet
            self.assertEqual(self.client.get("/later/").status_code, 200)
            [next_run] = queued()
            self.assertEqual(next_run.run_after, moment + datetime.timedelta(seconds=5, minutes=1))

        with clock_at(moment + datetime.timedelta(minutes=2)):
            run_due_tasks()
            [next_run] = queued()  # always exactly one run waiting
            self.assertEqual(next_run.run_after, moment + datetime.timedelta(minutes=3))
        self.assertEqual(DBTaskResult.objects.filter(task_path=TASK, status="SUCCESSFUL").count(), 2)

    def test_scheduling_it_again_at_every_deploy_starts_no_second_chain(self):
        for _deploy in range(3):
            call_command("publish_scheduled", "--schedule", stdout=mock.Mock())

        self.assertEqual(queued().count(), 1)


class WithoutAWorkerTests(TestCase):
    def test_schedule_says_to_use_cron_when_the_backend_cannot_wait(self):
        with self.assertRaisesMessage(CommandError, "cron"):
            call_command("publish_scheduled", "--schedule")

    def test_the_command_without_schedule_is_wagtails_own(self):
        page = StandardPageFactory(parent=dutch_home(), title="Straks", slug="straks", live=False)
        moment = real_now() + datetime.timedelta(hours=1)
        page.go_live_at = moment
        page.save_revision().publish()

        with clock_at(moment + datetime.timedelta(minutes=1)):
            call_command("publish_scheduled", stdout=mock.Mock())

        page.refresh_from_db()
        self.assertTrue(page.live)
