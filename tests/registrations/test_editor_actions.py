"""What editors do to registrations in the admin, and what registrants are told.

Cancel and "give a place" change a registrant's place and mail them (through the real SMTP sink);
after the meeting editors take attendance and mail the report's link to those who came, each once.
Every action is a page with a button: a GET changes nothing, and without the *change* permission
there is no page at all.
"""

import datetime

import icalendar
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from knowledge.models import MeetingPage
from registrations.models import Registration
from tests.factories.home import page_writers
from tests.factories.knowledge import MeetingPageFactory, build_site
from tests.factories.translation import translate
from tests.mail_support import SmtpTestCase, text_body

ADMIN = "/admin/aanmeldingen/"


def calendar_of(message):
    [part] = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    return icalendar.Calendar.from_ical(part.get_payload(decode=True))


class EditorActionTestCase(SmtpTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=())
        cls.admin = get_user_model().objects.create_superuser("beheerder", "beheer@example.org", "x")
        cls.viewer = get_user_model().objects.create_user("kijker", "kijk@example.org", "x")
        cls.viewer.user_permissions.add(
            *Permission.objects.filter(codename__in=["access_admin", "view_registration"])
        )
        cls.viewer.groups.add(page_writers())

    def setUp(self):
        super().setUp()
        self.client.force_login(self.admin)

    def meeting(self, days_ahead=10, **fields):
        start = timezone.now() + datetime.timedelta(days=days_ahead)
        return MeetingPageFactory(
            parent=self.tree.meeting_index,
            start=start,
            end=start + datetime.timedelta(hours=2),
            **fields,
        )

    def registration(self, meeting, email, status=Registration.Status.CONFIRMED, **fields):
        minutes = Registration.objects.count()  # created one after the other: a waitlist order
        fields = {
            "name": email.split("@")[0].capitalize(),
            "role": "policy",
            "organisation": "Gemeente",
            "created_at": timezone.now() - datetime.timedelta(hours=1) + datetime.timedelta(minutes=minutes),
            **fields,
        }
        return Registration.objects.create(meeting=meeting, email=email, status=status, **fields)

    def post(self, url, data=None):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, data or {}, follow=True)

    def status_of(self, registration):
        registration.refresh_from_db()
        return registration.status


class CancelByEditorTests(EditorActionTestCase):
    def test_the_page_says_what_happens_and_a_get_changes_nothing(self):
        meeting = self.meeting(capacity=1)
        anna = self.registration(meeting, "anna@ede.example")

        page = self.client.get(f"{ADMIN}{anna.pk}/annuleren/").content.decode()

        self.assertIn("Anna krijgt een e-mail dat de organisatie de aanmelding heeft geannuleerd", page)
        self.assertIn('method="post"', page)
        self.assertEqual(self.status_of(anna), Registration.Status.CONFIRMED)
        self.assertEqual(self.sink.messages, [])

    def test_cancelling_mails_the_registrant_and_gives_the_place_to_the_first_waiting(self):
        meeting = self.meeting(capacity=1)
        anna = self.registration(meeting, "anna@ede.example")
        first = self.registration(meeting, "eerste@ede.example", Registration.Status.WAITLISTED)
        second = self.registration(meeting, "tweede@ede.example", Registration.Status.WAITLISTED)

        response = self.post(f"{ADMIN}{anna.pk}/annuleren/")

        self.assertIn("Eerste van de wachtlijst heeft de plaats gekregen", response.content.decode())
        self.assertEqual(self.status_of(anna), Registration.Status.CANCELLED)
        self.assertEqual(self.status_of(first), Registration.Status.CONFIRMED)
        self.assertEqual(self.status_of(second), Registration.Status.WAITLISTED)
        mails = {message["To"]: message for message in self.sink.messages}
        self.assertEqual(set(mails), {"anna@ede.example", "eerste@ede.example"})
        self.assertIn("de organisatie heeft uw aanmelding", text_body(mails["anna@ede.example"]))
        self.assertEqual(calendar_of(mails["anna@ede.example"])["method"], "CANCEL")
        self.assertEqual(calendar_of(mails["eerste@ede.example"])["method"], "REQUEST")

    def test_a_cancelled_registration_cannot_be_cancelled_again(self):
        meeting = self.meeting()
        gone = self.registration(meeting, "weg@ede.example", Registration.Status.CANCELLED)

        response = self.post(f"{ADMIN}{gone.pk}/annuleren/")

        self.assertIn("Deze aanmelding was al afgemeld.", response.content.decode())
        self.assertEqual(self.sink.messages, [])


class PromoteByEditorTests(EditorActionTestCase):
    def test_giving_a_place_over_the_capacity_warns_first_and_then_confirms_with_the_invitation(self):
        meeting = self.meeting(capacity=1)
        self.registration(meeting, "anna@ede.example")
        waiting = self.registration(meeting, "wacht@ede.example", Registration.Status.WAITLISTED)

        page = self.client.get(f"{ADMIN}{waiting.pk}/plaats-geven/").content.decode()
        self.assertIn("De bijeenkomst is vol", page)
        self.assertEqual(self.status_of(waiting), Registration.Status.WAITLISTED)

        response = self.post(f"{ADMIN}{waiting.pk}/plaats-geven/")

        self.assertIn("Wacht heeft een plaats gekregen.", response.content.decode())
        self.assertEqual(self.status_of(waiting), Registration.Status.CONFIRMED)
        self.assertEqual(meeting.registrations.holding_a_place().count(), 2)
        [message] = self.sink.messages
        self.assertEqual(message["To"], "wacht@ede.example")
        self.assertIn("U bent nu aangemeld", text_body(message))
        self.assertEqual(calendar_of(message)["method"], "REQUEST")

    def test_only_a_waitlisted_registration_can_be_given_a_place(self):
        meeting = self.meeting()
        anna = self.registration(meeting, "anna@ede.example")

        response = self.post(f"{ADMIN}{anna.pk}/plaats-geven/")

        self.assertIn("Alleen wie op de wachtlijst staat", response.content.decode())
        self.assertEqual(self.sink.messages, [])

    def test_the_list_offers_each_row_only_the_actions_that_fit_it(self):
        meeting = self.meeting()
        anna = self.registration(meeting, "anna@ede.example")
        waiting = self.registration(meeting, "wacht@ede.example", Registration.Status.WAITLISTED)
        gone = self.registration(meeting, "weg@ede.example", Registration.Status.CANCELLED)

        page = self.client.get(ADMIN, {"meeting": meeting.pk}).content.decode()

        self.assertIn(f"{ADMIN}{anna.pk}/annuleren/", page)
        self.assertNotIn(f"{ADMIN}{anna.pk}/plaats-geven/", page)
        self.assertIn(f"{ADMIN}{waiting.pk}/plaats-geven/", page)
        self.assertNotIn(f"{ADMIN}{gone.pk}/annuleren/", page)

    def test_editing_a_registration_cannot_change_its_status_behind_the_waitlist(self):
        anna = self.registration(self.meeting(), "anna@ede.example")

        page = self.client.get(f"{ADMIN}edit/{anna.pk}/").content.decode()

        self.assertIn('name="attended"', page)
        self.assertNotIn('name="status"', page)
        # Adding someone by hand: the places decide (tests/registrations/test_meeting_admin.py).
        add_page = self.client.get(f"{ADMIN}new/").content.decode()
        self.assertNotIn('name="status"', add_page)


class AttendanceTests(EditorActionTestCase):
    def test_ticked_registrations_were_there_and_the_others_were_not(self):
        meeting = self.meeting(days_ahead=-1)
        came = self.registration(meeting, "kwam@ede.example")
        stayed_away = self.registration(meeting, "niet@ede.example")
        cancelled = self.registration(meeting, "weg@ede.example", Registration.Status.CANCELLED)
        url = f"{ADMIN}bijeenkomst/{meeting.pk}/presentie/"

        page = self.client.get(url).content.decode()
        # The checkbox itself: Wagtail's markup holds other values (a delay of "100" failed this once).
        self.assertIn(f'name="present" value="{came.pk}"', page)
        self.assertNotIn(f'name="present" value="{cancelled.pk}"', page)

        response = self.post(url, {"present": [str(came.pk), "niet-een-nummer"]})

        self.assertIn("Presentie opgeslagen: 1 aanwezig, 1 afwezig.", response.content.decode())
        for registration, attended in ((came, True), (stayed_away, False), (cancelled, None)):
            registration.refresh_from_db()
            self.assertIs(registration.attended, attended)

    def test_a_past_meeting_in_the_admin_links_attendance_and_the_report(self):
        meeting = self.meeting(days_ahead=-1)
        upcoming = self.meeting(days_ahead=5)

        past_page = self.client.get(f"/admin/pages/{meeting.pk}/edit/").content.decode()
        upcoming_page = self.client.get(f"/admin/pages/{upcoming.pk}/edit/").content.decode()

        self.assertIn(f"{ADMIN}bijeenkomst/{meeting.pk}/presentie/", past_page)
        self.assertIn(f"{ADMIN}bijeenkomst/{meeting.pk}/verslag/", past_page)
        self.assertNotIn("/presentie/", upcoming_page)


class ReportMailTests(EditorActionTestCase):
    def report_url(self, meeting):
        return f"{ADMIN}bijeenkomst/{meeting.pk}/verslag/"

    def test_the_report_goes_once_to_those_who_came(self):
        meeting = self.meeting(days_ahead=-1, report="<p>We spraken over buurthuizen.</p>")
        came = self.registration(meeting, "kwam@ede.example", attended=True)
        self.registration(meeting, "niet@ede.example", attended=False)
        self.registration(meeting, "weg@ede.example", Registration.Status.CANCELLED)
        self.registration(meeting, "wacht@ede.example", Registration.Status.WAITLISTED)

        page = self.client.get(self.report_url(meeting)).content.decode()
        self.assertIn("Het verslag gaat naar 1 deelnemer die aanwezig was.", " ".join(page.split()))

        response = self.post(self.report_url(meeting))

        self.assertIn("Het verslag gaat naar 1 deelnemer.", response.content.decode())
        [message] = self.sink.messages
        self.assertEqual(message["To"], "kwam@ede.example")
        self.assertIn(f"{meeting.url}#meeting-report", text_body(message))
        came.refresh_from_db()
        self.assertIsNotNone(came.report_sent_at)

        # A late arrival ticked afterwards gets it; those who had it do not get it twice.
        late = self.registration(meeting, "laat@ede.example", attended=True)
        self.post(self.report_url(meeting))
        self.assertEqual([m["To"] for m in self.sink.messages], ["kwam@ede.example", "laat@ede.example"])
        response = self.post(self.report_url(meeting))
        self.assertIn("Iedereen heeft het verslag al gekregen", response.content.decode())
        self.assertEqual(len(self.sink.messages), 2)
        late.refresh_from_db()
        self.assertIsNotNone(late.report_sent_at)

    def test_without_attendance_everyone_with_a_place_gets_it_in_their_own_language(self):
        meeting = self.meeting(days_ahead=-1, report="<p>We spraken over buurthuizen.</p>")
        for ancestor in (self.tree.home, self.tree.meeting_index):
            translate(ancestor)
        english = translate(meeting)
        self.registration(meeting, "anna@ede.example")
        self.registration(meeting, "ben@ede.example", language="en")

        self.post(self.report_url(meeting))

        mails = {message["To"]: message for message in self.sink.messages}
        self.assertEqual(set(mails), {"anna@ede.example", "ben@ede.example"})
        self.assertIn("Het verslag van", mails["anna@ede.example"]["Subject"])
        self.assertIn("The report of", mails["ben@ede.example"]["Subject"])
        self.assertIn(f"{english.url}#meeting-report", text_body(mails["ben@ede.example"]))

    def test_no_report_mail_before_the_meeting_or_without_a_report(self):
        cases = [
            (self.meeting(days_ahead=3, report="<p>Te vroeg</p>"), "De bijeenkomst is nog niet voorbij."),
            (self.meeting(days_ahead=-1, report="<p></p>"), "Er staat nog geen verslag op de pagina."),
        ]
        for meeting, reason in cases:
            with self.subTest(reason=reason):
                self.registration(meeting, f"deelnemer{meeting.pk}@ede.example")

                self.assertIn(reason, self.client.get(self.report_url(meeting)).content.decode())
                response = self.post(self.report_url(meeting))

                self.assertIn(reason, response.content.decode())
                self.assertEqual(self.sink.messages, [])

    def test_an_unpublished_meeting_sends_no_report(self):
        meeting = self.meeting(days_ahead=-1, report="<p>Verslag</p>")
        MeetingPage.objects.filter(pk=meeting.pk).update(live=False)
        self.registration(meeting, "anna@ede.example")

        response = self.post(self.report_url(meeting))

        self.assertIn("niet gepubliceerd", response.content.decode())
        self.assertEqual(self.sink.messages, [])


class PermissionTests(EditorActionTestCase):
    def test_without_the_change_permission_no_action_page_answers_and_nothing_changes(self):
        meeting = self.meeting(days_ahead=-1, capacity=1, report="<p>Verslag</p>")
        anna = self.registration(meeting, "anna@ede.example")
        waiting = self.registration(meeting, "wacht@ede.example", Registration.Status.WAITLISTED)
        self.client.force_login(self.viewer)
        self.assertEqual(self.client.get(ADMIN).status_code, 200)  # may see the list

        urls = [
            f"{ADMIN}{anna.pk}/annuleren/",
            f"{ADMIN}{waiting.pk}/plaats-geven/",
            f"{ADMIN}bijeenkomst/{meeting.pk}/presentie/",
            f"{ADMIN}bijeenkomst/{meeting.pk}/verslag/",
        ]
        for url in urls:
            with self.subTest(url=url):
                self.assertNotEqual(self.client.get(url).status_code, 200)
                with self.captureOnCommitCallbacks(execute=True):
                    response = self.client.post(url, {"present": [str(anna.pk)]})
                # Wagtail answers a permission denied in the admin with a way back to its home.
                self.assertEqual((response.status_code, response["Location"]), (302, "/admin/"))
        self.assertNotIn(f"{ADMIN}{anna.pk}/annuleren/", self.client.get(ADMIN).content.decode())
        self.assertEqual(self.status_of(anna), Registration.Status.CONFIRMED)
        self.assertEqual(self.status_of(waiting), Registration.Status.WAITLISTED)
        anna.refresh_from_db()
        self.assertIsNone(anna.attended)
        self.assertEqual(self.sink.messages, [])
