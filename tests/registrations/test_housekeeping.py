"""What time does to registrations: a reminder before the meeting, anonymising long after, and
the public calendar file of a meeting (which never holds the online link)."""

import datetime
from io import StringIO

import icalendar
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from knowledge.models import MeetingPage
from registrations.housekeeping import remind_meeting
from registrations.models import Registration
from tests.factories.knowledge import MeetingPageFactory, build_site
from tests.mail_support import SmtpTestCase, text_body
from tests.utils import soup

ONLINE_LINK = "https://meet.example/geheim"


def registration(meeting, email, status=Registration.Status.CONFIRMED, **fields):
    return Registration.objects.create(
        meeting=meeting,
        name="Deelnemer",
        email=email,
        organisation="Gemeente",
        role="policy",
        status=status,
        **fields,
    )


class HousekeepingTestCase(SmtpTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=())

    def meeting(self, hours_ahead, **fields):
        start = timezone.now() + datetime.timedelta(hours=hours_ahead)
        return MeetingPageFactory(
            parent=self.tree.meeting_index,
            start=start,
            end=start + datetime.timedelta(hours=2),
            format=MeetingPage.Format.HYBRID,
            online_link=ONLINE_LINK,
            **fields,
        )

    def run_command(self, name, *args):
        out = StringIO()
        with self.captureOnCommitCallbacks(execute=True):
            call_command(name, *args, stdout=out)
        return out.getvalue()


class ReminderTests(HousekeepingTestCase):
    def test_confirmed_registrants_of_meetings_soon_get_one_reminder_with_the_online_link(self):
        soon = self.meeting(hours_ahead=30)
        later = self.meeting(hours_ahead=24 * 10)
        registration(soon, "komt@ede.example")
        registration(soon, "wacht@ede.example", status=Registration.Status.WAITLISTED)
        registration(soon, "weg@ede.example", status=Registration.Status.CANCELLED)
        registration(later, "later@ede.example")

        out = self.run_command("send_meeting_reminders")

        self.assertIn("Klaar: 1 herinneringen", out)
        self.assertEqual(self.sink.recipients(), ["komt@ede.example"])
        [message] = self.sink.messages
        self.assertTrue(message["Subject"].startswith("Herinnering: "))
        self.assertIn(ONLINE_LINK, text_body(message))
        self.assertIn("/aanmelden/mijn-aanmelding/", text_body(message))

        self.run_command("send_meeting_reminders")
        self.assertEqual(len(self.sink.messages), 1)  # run twice, sent once

    def test_the_queued_task_checks_again_that_the_reminder_is_due(self):
        meeting = self.meeting(hours_ahead=30)
        registration(meeting, "komt@ede.example")
        MeetingPage.objects.filter(pk=meeting.pk).update(
            start=timezone.now() + datetime.timedelta(days=9),
            end=timezone.now() + datetime.timedelta(days=9, hours=2),
        )

        with self.captureOnCommitCallbacks(execute=True):
            result = remind_meeting.enqueue(meeting.pk).return_value

        self.assertEqual(result, "not yet")  # moved: its new publish queues the right moment
        self.assertEqual(self.sink.messages, [])

    def test_publishing_a_meeting_due_for_its_reminder_sends_it(self):
        meeting = self.meeting(hours_ahead=20)
        registration(meeting, "komt@ede.example")

        with self.captureOnCommitCallbacks(execute=True):
            meeting.save_revision().publish()

        self.assertEqual(self.sink.recipients(), ["komt@ede.example"])


class PurgeTests(HousekeepingTestCase):
    @override_settings(REGISTRATION_RETENTION_MONTHS=12)
    def test_registrations_a_year_after_the_meeting_lose_what_names_a_person(self):
        old = self.meeting(hours_ahead=-24 * 400)
        recent = self.meeting(hours_ahead=-24 * 100)
        gone = registration(
            old, "oud@ede.example", case="Een casus", accessibility_needs="Ringleiding", client_key="ab" * 32
        )
        kept = registration(recent, "recent@ede.example")

        out = self.run_command("purge_personal_data", "--only", "registrations")

        self.assertIn("Klaar: 1 aanmeldingen geanonimiseerd", out)
        gone.refresh_from_db()
        self.assertEqual(
            (gone.name, gone.case, gone.accessibility_needs, gone.organisation), ("", "", "", "")
        )
        self.assertNotIn("oud@", gone.email)
        self.assertEqual(gone.client_key, "")  # not even the hash of where the form came from
        self.assertEqual((gone.meeting_id, gone.role, gone.status), (old.pk, "policy", "confirmed"))
        self.assertIsNotNone(gone.anonymised_at)
        kept.refresh_from_db()
        self.assertEqual(kept.email, "recent@ede.example")

        again = self.run_command("purge_personal_data", "--only", "registrations")
        self.assertIn("Klaar: 0 aanmeldingen", again)


class PublicCalendarTests(HousekeepingTestCase):
    def test_beside_an_open_form_there_is_no_calendar_file_the_invitation_comes_by_mail(self):
        meeting = self.meeting(hours_ahead=24 * 7)

        page = soup(self.client.get(meeting.url))

        self.assertIsNotNone(page.find("form", class_="registration-form"))
        self.assertIsNone(page.find("a", attrs={"download": True}))

    def test_the_meeting_page_links_a_calendar_file_without_the_online_link(self):
        # Registration has closed (or not yet opened): the calendar file keeps the date.
        meeting = self.meeting(
            hours_ahead=24 * 7,
            location_name="Provinciehuis",
            address="Markt 11, Arnhem",
            registration_closes=timezone.now() - datetime.timedelta(hours=1),
        )

        link = soup(self.client.get(meeting.url)).find("a", attrs={"download": True})
        response = self.client.get(link["href"])

        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        self.assertNotIn(ONLINE_LINK, response.content.decode())
        calendar = icalendar.Calendar.from_ical(response.content)
        self.assertNotIn("METHOD", calendar)
        [event] = calendar.walk("VEVENT")
        self.assertEqual(event.decoded("DTSTART"), meeting.start.replace(microsecond=0))
        self.assertEqual(str(event["LOCATION"]), "Provinciehuis, Markt 11, Arnhem")
        self.assertNotIn("ATTENDEE", event)
