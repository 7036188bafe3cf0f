"""Meetings in the admin: what an editor does by hand goes through the same places and mails as
the public form, and the meeting's own page in the admin shows how registration stands.

- Adding someone by hand: a place while there is room, else the waitlist (with its mail), else
  (no waitlist) a clear refusal and nothing stored. Correcting an address mails the new one.
- The panel at the top of the meeting's edit view: counts, and the links to the list, adding
  someone, the attendance list to print, taking attendance and the report mail.
- Moving a meeting tells the waitlist too, moves the programme's times along (or flags what
  doesn't fit), and publishing first says how many people will be mailed.
- A cancelled meeting says so at the top of its page and in the listing.

Through the real admin views as an editor of *Redacteuren* (the least-privileged role that runs
registrations); a partner, and an editor who may only edit pages, get nothing. Mail goes to a
real SMTP sink.
"""

import datetime

import icalendar
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from knowledge.models import MeetingPage, Municipality
from partners.setup import set_up_partner
from registrations.models import Registration
from tests.factories.knowledge import MeetingPageFactory, build_site
from tests.mail_support import SmtpTestCase, text_body

ADMIN = "/admin/aanmeldingen/"


def account(username, group=None):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "geheim-wachtwoord")
    if group is not None:
        user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    return user


def calendar_of(message):
    found = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    return icalendar.Calendar.from_ical(found[0].get_payload(decode=True)) if found else None


def squashed(response):
    return " ".join(response.content.decode().split())


class MeetingAdminTestCase(SmtpTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=())
        cls.editor = account("redacteur", Group.objects.get(name="Redacteuren"))
        cls.partner = account("movisie", set_up_partner("Movisie").group)
        # May edit and publish pages, but was given nothing on registrations.
        pages_only = Group.objects.create(name="Alleen pagina's")
        pages_only.permissions.add(Permission.objects.get(codename="access_admin"))
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=pages_only, page=cls.tree.home, permission=Permission.objects.get(codename=codename)
            )
        cls.page_editor = account("paginas", pages_only)
        cls.ede = Municipality.objects.get(name="Ede")

    def setUp(self):
        super().setUp()
        self.client.force_login(self.editor)

    def meeting(self, days_ahead=10, **fields):
        start = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
        start += datetime.timedelta(days=days_ahead)
        title = fields.pop("title", "Intervisie eenzaamheid")
        return MeetingPageFactory(
            parent=self.tree.meeting_index,
            title=title,
            slug=f"{slugify(title)}-{MeetingPage.objects.count()}",
            start=start,
            end=start + datetime.timedelta(hours=2),
            **fields,
        )

    def registration(self, meeting, email, status=Registration.Status.CONFIRMED, **fields):
        minutes = Registration.objects.count()
        fields = {
            "name": email.split("@")[0].capitalize(),
            "role": "policy",
            "organisation": "Gemeente",
            "created_at": timezone.now() - datetime.timedelta(hours=1) + datetime.timedelta(minutes=minutes),
            "notified_start": meeting.start,
            "notified_end": meeting.end,
            **fields,
        }
        return Registration.objects.create(meeting=meeting, email=email, status=status, **fields)

    def post(self, url, data=None, follow=True):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, data or {}, follow=follow)

    def add(self, meeting, email="bellen@ede.example", **overrides):
        data = {
            "meeting": meeting.pk,
            "name": "Bea Beller",
            "email": email,
            "municipality": self.ede.pk,
            "organisation": "",
            "role": "policy",
            "language": "nl",
            "accessibility_needs": "",
            "case": "",
            **overrides,
        }
        return self.post(f"{ADMIN}new/", data)

    def mails_to(self, address):
        return [message for message in self.sink.messages if message["To"] == address]


class AddByHandTests(MeetingAdminTestCase):
    def test_added_to_a_full_meeting_lands_on_the_waitlist_with_its_mail(self):
        meeting = self.meeting(capacity=2, has_waitlist=True)
        for n in range(2):
            self.registration(meeting, f"deelnemer{n}@ede.example")
        self.registration(meeting, "wacht@ede.example", Registration.Status.WAITLISTED)

        response = self.add(meeting)

        added = Registration.objects.get(email="bellen@ede.example")
        self.assertEqual(added.status, Registration.Status.WAITLISTED)
        self.assertEqual(added.waitlist_position, 2)
        self.assertEqual(meeting.registrations.holding_a_place().count(), 2)  # no third place
        self.assertIn(
            "De bijeenkomst is vol: Bea Beller staat op de wachtlijst (plaats 2) en krijgt daarover een "
            "e-mail.",
            squashed(response),
        )
        [message] = self.mails_to("bellen@ede.example")
        self.assertEqual(message["Subject"], "Wachtlijst: Intervisie eenzaamheid")
        self.assertIn("U staat op de wachtlijst", text_body(message))
        self.assertIsNone(calendar_of(message))  # no place, no invitation

    def test_added_while_there_is_room_gets_a_place_and_the_invitation(self):
        meeting = self.meeting(capacity=5)

        response = self.add(meeting, language="en", email="Anna@Ede.example")

        added = Registration.objects.get(email="anna@ede.example")
        self.assertEqual((added.status, added.language), (Registration.Status.CONFIRMED, "en"))
        self.assertEqual(added.notified_start, meeting.start)  # so a later move tells them
        self.assertIn("is aangemeld en krijgt een bevestiging", squashed(response))
        [message] = self.mails_to("anna@ede.example")
        [event] = calendar_of(message).walk("VEVENT")
        self.assertEqual(event.decoded("DTSTART"), meeting.start)

    def test_a_full_meeting_without_a_waitlist_is_refused_and_nothing_is_stored(self):
        meeting = self.meeting(capacity=1, has_waitlist=False)
        self.registration(meeting, "deelnemer@ede.example")

        response = self.add(meeting)

        self.assertEqual(response.status_code, 200)
        self.assertIn("De bijeenkomst is vol en heeft geen wachtlijst.", squashed(response))
        self.assertFalse(Registration.objects.filter(email="bellen@ede.example").exists())
        self.assertEqual(self.sink.messages, [])

    def test_an_address_already_registered_is_refused_and_a_cancelled_one_starts_again(self):
        meeting = self.meeting(capacity=5)
        self.registration(meeting, "dubbel@ede.example")
        gone = self.registration(meeting, "weg@ede.example", Registration.Status.CANCELLED, calendar_round=0)

        response = self.add(meeting, email="dubbel@ede.example")
        self.assertIn(
            "Voor deze bijeenkomst is er al een aanmelding met dit e-mailadres.", squashed(response)
        )
        self.assertEqual(Registration.objects.filter(email="dubbel@ede.example").count(), 1)

        self.add(meeting, email="weg@ede.example")
        gone.refresh_from_db()
        self.assertEqual((gone.status, gone.calendar_round), (Registration.Status.CONFIRMED, 1))
        self.assertEqual(len(self.mails_to("weg@ede.example")), 1)
        self.assertEqual(self.mails_to("dubbel@ede.example"), [])

    def test_only_coming_meetings_can_be_chosen_and_the_link_chooses_one(self):
        coming = self.meeting(title="Komt nog")
        past = self.meeting(days_ahead=-3, title="Al geweest")
        cancelled = self.meeting(title="Afgelast", cancelled=True)

        page = self.client.get(f"{ADMIN}new/", {"meeting": coming.pk}).content.decode()
        select = page.index('<select name="meeting"')
        choices = page[select : page.index("</select>", select)]

        self.assertIn(f'<option value="{coming.pk}" selected>Komt nog', choices)
        self.assertNotIn(f'<option value="{past.pk}"', choices)
        self.assertNotIn(f'<option value="{cancelled.pk}"', choices)
        self.assertNotIn('name="status"', page)  # the places decide, not the editor

    def test_a_corrected_address_gets_the_mail_again_and_a_taken_one_is_refused(self):
        meeting = self.meeting(capacity=5)
        anna = self.registration(meeting, "anna@ede.exampel")
        self.registration(meeting, "ben@ede.example")
        url = f"{ADMIN}edit/{anna.pk}/"
        data = {"name": "Anna", "municipality": self.ede.pk, "role": "policy", "language": "nl"}

        response = self.post(url, {**data, "email": "ben@ede.example"})
        self.assertIn(
            "Voor deze bijeenkomst is er al een aanmelding met dit e-mailadres.", squashed(response)
        )

        self.post(url, {**data, "email": "anna@ede.example"})

        anna.refresh_from_db()
        self.assertEqual(anna.email, "anna@ede.example")
        [message] = self.mails_to("anna@ede.example")
        self.assertIsNotNone(calendar_of(message))
        self.post(url, {**data, "email": "anna@ede.example", "case": "Een casus"})  # same address
        self.assertEqual(len(self.sink.messages), 1)


class MeetingPanelTests(MeetingAdminTestCase):
    def test_the_edit_view_shows_the_counts_and_the_links_without_a_menu(self):
        meeting = self.meeting(days_ahead=-1, capacity=3)
        for n in range(3):
            self.registration(meeting, f"deelnemer{n}@ede.example")
        self.registration(meeting, "wacht@ede.example", Registration.Status.WAITLISTED)
        self.registration(meeting, "weg@ede.example", Registration.Status.CANCELLED)

        page = squashed(self.client.get(f"/admin/pages/{meeting.pk}/edit/"))

        panel = page[page.index('class="meeting-registrations"') :]
        panel = panel[: panel.index('class="w-panel title"')]
        for expected in (
            "<dt>Aangemeld</dt><dd>3 van 3</dd>",
            "<dt>Op de wachtlijst</dt><dd>1</dd>",
            "<dt>Plaatsen vrij</dt><dd>0</dd>",
            "<dt>Afgemeld</dt><dd>1</dd>",
            f'href="{ADMIN}?meeting={meeting.pk}"',
            f'href="{ADMIN}bijeenkomst/{meeting.pk}/presentielijst/"',
            f'href="{ADMIN}bijeenkomst/{meeting.pk}/presentie/"',
            f'href="{ADMIN}bijeenkomst/{meeting.pk}/verslag/"',
            "Presentielijst",
            "Verslag mailen",
        ):
            self.assertIn(expected, panel)
        self.assertNotIn("Aanmelding toevoegen", panel)  # the meeting is over

        coming = self.meeting(capacity=3)
        panel = squashed(self.client.get(f"/admin/pages/{coming.pk}/edit/"))
        self.assertIn(f'href="{ADMIN}new/?meeting={coming.pk}"', panel)
        self.assertNotIn(f"{ADMIN}bijeenkomst/{coming.pk}/verslag/", panel)  # not before it starts

    def test_the_attendance_list_to_print_has_those_with_a_place(self):
        meeting = self.meeting(capacity=2)
        self.registration(meeting, "anna@ede.example", name="Anna Jansen", municipality=self.ede)
        self.registration(meeting, "wacht@ede.example", Registration.Status.WAITLISTED, name="Wim Wachter")

        page = squashed(self.client.get(f"{ADMIN}bijeenkomst/{meeting.pk}/presentielijst/"))

        self.assertIn("<td>Anna Jansen</td> <td>Ede</td>", page)
        self.assertIn("Handtekening", page)
        self.assertIn("@media print", page)
        self.assertNotIn("Wim Wachter", page)
        self.assertIn("1 persoon op de wachtlijst (niet op deze lijst).", page)

    def test_who_may_not_see_registrations_gets_no_panel_and_no_page(self):
        meeting = self.meeting(days_ahead=-1, capacity=3, report="<p>Verslag</p>")
        anna = self.registration(meeting, "anna@ede.example")
        self.client.force_login(self.page_editor)

        edit = self.client.get(f"/admin/pages/{meeting.pk}/edit/")
        self.assertEqual(edit.status_code, 200)  # may edit the meeting itself
        self.assertNotIn("meeting-registrations", edit.content.decode())

        for user in (self.page_editor, self.partner):
            self.client.force_login(user)
            for url in (
                f"{ADMIN}new/",
                f"{ADMIN}edit/{anna.pk}/",
                f"{ADMIN}bijeenkomst/{meeting.pk}/presentielijst/",
                f"{ADMIN}bijeenkomst/{meeting.pk}/presentie/",
                f"{ADMIN}bijeenkomst/{meeting.pk}/verslag/",
            ):
                with self.subTest(user=user.username, url=url):
                    response = self.client.get(url)
                    self.assertNotEqual(response.status_code, 200)
                    self.assertNotIn("anna@ede.example", response.content.decode())
                    response = self.post(
                        url, {**self.add_data(meeting), "present": [str(anna.pk)]}, follow=False
                    )
                    self.assertEqual(response.status_code, 302)
        self.assertEqual(Registration.objects.count(), 1)
        anna.refresh_from_db()
        self.assertEqual((anna.email, anna.attended, anna.report_sent_at), ("anna@ede.example", None, None))
        self.assertEqual(self.sink.messages, [])
        # The partner can't open the meeting at all.
        self.client.force_login(self.partner)
        self.assertNotEqual(self.client.get(f"/admin/pages/{meeting.pk}/edit/").status_code, 200)

    def add_data(self, meeting):
        return {
            "meeting": meeting.pk,
            "name": "Indringer",
            "email": "indringer@ede.example",
            "municipality": self.ede.pk,
            "role": "policy",
            "language": "nl",
        }


def meeting_form(meeting, **overrides):
    """The meeting's edit form as the browser posts it, with ``overrides``."""
    local = timezone.localtime
    data = {
        "title": meeting.title,
        "slug": meeting.slug,
        "introduction": meeting.introduction,
        "format": meeting.format,
        "start": local(meeting.start).strftime("%Y-%m-%d %H:%M"),
        "end": local(meeting.end).strftime("%Y-%m-%d %H:%M"),
        "location_name": meeting.location_name,
        "address": meeting.address,
        "online_link": meeting.online_link,
        "capacity": "" if meeting.capacity is None else str(meeting.capacity),
        "audience": meeting.audience,
        "programme": streamfield(
            [
                ("item", {"time": "14:00", "title": "Welkom", "description": ""}),
                ("item", {"time": "14:30", "title": "Casus uit Ede", "description": ""}),
                ("item", {"time": "", "title": "Afsluiting", "description": ""}),
            ]
        ),
        "report": rich_text(""),
        "shift_programme": "on",
        **overrides,
    }
    if meeting.has_waitlist:
        data.setdefault("has_waitlist", "on")
    data = {key: value for key, value in data.items() if value is not None}
    return nested_form_data(data)


class MoveTests(MeetingAdminTestCase):
    def setUp(self):
        super().setUp()
        self.moving = self.meeting(capacity=1, has_waitlist=True)
        self.placed = self.registration(self.moving, "plaats@ede.example")
        self.waiting = self.registration(self.moving, "wacht@ede.example", Registration.Status.WAITLISTED)
        self.edit_url = f"/admin/pages/{self.moving.pk}/edit/"
        # The programme as the meeting has it now (14:00 and 14:30), published.
        self.post(self.edit_url, {**meeting_form(self.moving), "action-publish": "action-publish"})
        self.sink.messages.clear()

    def later(self, hours=1):
        start = timezone.localtime(self.moving.start) + datetime.timedelta(days=7, hours=hours)
        end = start + datetime.timedelta(hours=2)
        return start, end

    def publish_move(self, **overrides):
        start, end = self.later()
        data = meeting_form(
            self.moving,
            start=start.strftime("%Y-%m-%d %H:%M"),
            end=end.strftime("%Y-%m-%d %H:%M"),
            **overrides,
        )
        return self.post(self.edit_url, {**data, "action-publish": "action-publish"}, follow=False)

    def test_publishing_a_move_first_says_how_many_are_mailed_then_tells_the_waitlist_too(self):
        response = self.publish_move()

        # Not published yet: a confirmation page, and nobody mailed.
        confirm_url = response["Location"]
        self.assertRegex(confirm_url, rf"^{ADMIN}bijeenkomst/{self.moving.pk}/publiceren/\d+/$")
        self.assertEqual(self.sink.messages, [])
        self.assertEqual(MeetingPage.objects.get(pk=self.moving.pk).start, self.moving.start)
        page = squashed(self.client.get(confirm_url))
        self.assertIn(
            "De bijeenkomst krijgt een nieuwe tijd. Publiceert u nu, dan krijgen 2 mensen bericht:", page
        )
        self.assertIn(
            "1 aangemelde deelnemer krijgt de nieuwe tijd met een uitnodiging voor de agenda.", page
        )
        self.assertIn("1 persoon op de wachtlijst krijgt de nieuwe tijd.", page)
        self.assertIn("Publiceren en 2 mensen bericht sturen", page)
        self.assertEqual(self.sink.messages, [])  # the GET changes nothing

        done = self.post(confirm_url)

        start, _end = self.later()
        self.assertEqual(timezone.localtime(MeetingPage.objects.get(pk=self.moving.pk).start), start)
        self.assertIn("is gepubliceerd. 2 mensen krijgen bericht.", squashed(done))
        [moved] = self.mails_to("plaats@ede.example")
        self.assertEqual(moved["Subject"], "Nieuwe tijd: Intervisie eenzaamheid")
        self.assertEqual(calendar_of(moved).walk("VEVENT")[0].decoded("DTSTART"), start)
        [waiting] = self.mails_to("wacht@ede.example")
        self.assertEqual(waiting["Subject"], "Nieuwe tijd: Intervisie eenzaamheid")
        self.assertIn("U staat nog op de wachtlijst", text_body(waiting))
        self.assertIn(start.strftime("%H:%M"), text_body(waiting))
        self.assertIsNone(calendar_of(waiting))

        # Published again without a change: no confirmation, nobody mailed twice.
        again = self.post(
            self.edit_url,
            {**meeting_form(MeetingPage.objects.get(pk=self.moving.pk)), "action-publish": "action-publish"},
            follow=False,
        )
        self.assertNotIn("/publiceren/", again["Location"])
        self.assertEqual(len(self.sink.messages), 2)

    def test_the_programme_moves_with_the_start_time(self):
        self.publish_move()

        draft = MeetingPage.objects.get(pk=self.moving.pk).get_latest_revision_as_object()
        times = [child.value["time"] for child in draft.programme]
        self.assertEqual(times, [datetime.time(15, 0), datetime.time(15, 30), None])

    def test_unticked_the_programme_keeps_its_times_and_the_panel_flags_them(self):
        self.publish_move(shift_programme=None)

        draft = MeetingPage.objects.get(pk=self.moving.pk).get_latest_revision_as_object()
        self.assertEqual(draft.programme[0].value["time"], datetime.time(14, 0))
        page = squashed(self.client.get(self.edit_url))
        self.assertIn(
            "deze onderdelen van het programma vallen buiten de tijd van de bijeenkomst "
            "(15:00 tot 17:00 uur)",
            page,
        )
        self.assertIn("<li>14:00 Welkom</li><li>14:30 Casus uit Ede</li>", page)
        # The saved version's change is announced on the edit view before anyone publishes.
        self.assertIn(
            "Deze versie heeft een nieuwe tijd. Publiceert u haar, dan krijgen 2 mensen bericht.", page
        )

    def test_a_newer_version_is_never_published_from_an_old_confirmation(self):
        confirm_url = self.publish_move()["Location"]
        self.post(self.edit_url, {**meeting_form(self.moving, title="Nieuwe titel"), "action-save": "1"})

        response = self.post(confirm_url)

        self.assertIn("Er is intussen een nieuwere versie opgeslagen.", squashed(response))
        self.assertEqual(MeetingPage.objects.get(pk=self.moving.pk).start, self.moving.start)
        self.assertEqual(self.sink.messages, [])

    def test_only_who_may_publish_the_meeting_gets_the_confirmation(self):
        confirm_url = self.publish_move()["Location"]
        self.client.force_login(self.partner)

        self.assertEqual(self.client.get(confirm_url).status_code, 302)
        self.post(confirm_url)

        self.assertEqual(MeetingPage.objects.get(pk=self.moving.pk).start, self.moving.start)
        self.assertEqual(self.sink.messages, [])


class CancelledMeetingTests(MeetingAdminTestCase):
    def test_a_cancelled_meeting_says_so_at_the_top_of_its_page_and_in_the_listing(self):
        meeting = self.meeting(capacity=5, title="Intervisie armoede")
        self.registration(meeting, "anna@ede.example")
        self.registration(meeting, "wacht@ede.example", Registration.Status.WAITLISTED)
        meeting.cancelled = True
        with self.captureOnCommitCallbacks(execute=True):
            meeting.save_revision().publish()

        page = self.client.get(meeting.url).content.decode()
        header_end = page.index("</header>", page.index('class="page-header"'))
        notice = page.index('class="meeting-cancelled"')
        self.assertLess(notice, page.index('class="detail__layout"'))
        self.assertGreater(notice, header_end)
        self.assertIn("Deze bijeenkomst gaat niet door", page[notice : notice + 400])
        listing = self.client.get(self.tree.meeting_index.url).content.decode()
        card = listing[listing.index("card--cancelled") :]
        self.assertIn('<p class="card__cancelled">Gaat niet door</p>', card[:400])
        # Both the confirmed and the waitlisted person were told.
        self.assertEqual({m["To"] for m in self.sink.messages}, {"anna@ede.example", "wacht@ede.example"})
