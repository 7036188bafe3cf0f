"""Registering for a meeting, end to end: the form on the meeting page, the confirmation through
the link in the mail, places and the waitlist, the e-mails (through a real SMTP server) with their
calendar invitations, and cancelling.

``tests/registrations/test_confirmation.py`` has what keeps bots from taking places: the
confirmation itself, its expiry, the limits per client and mail domain, and the mail interval.
"""

import datetime

import icalendar
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from core.caching import content_version
from knowledge.models import MeetingPage, Municipality
from registrations.models import Registration
from registrations.tokens import make_token
from tests.factories.knowledge import MeetingPageFactory, build_site
from tests.factories.translation import translate
from tests.mail_support import SmtpTestCase, html_body, path_of_link, text_body
from tests.smtp_sink import SmtpSink
from tests.utils import main_text, soup

ONLINE_LINK = "https://meet.example/intervisie-geheim"


def form_data(**overrides):
    data = {
        "name": "Sanne de Vries",
        "email": "sanne@ede.example",
        "municipality": "",
        "organisation": "",
        "role": "policy",
        "accessibility_needs": "",
        "case": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def calendar_of(message):
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return icalendar.Calendar.from_ical(part.get_payload(decode=True))


def confirm_link_prefix(language="nl"):
    """Where confirmation links start in ``language`` (``/aanmelden/bevestigen/``)."""
    with translation.override(language):
        return reverse("registrations:confirm", kwargs={"token": "token"}).removesuffix("token/")


class RegistrationTestCase(SmtpTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        cls.ede = Municipality.objects.get(name="Ede")
        cls.meeting = MeetingPageFactory(
            parent=cls.tree.meeting_index,
            title="Intervisie eenzaamheid",
            format=MeetingPage.Format.HYBRID,
            online_link=ONLINE_LINK,
            capacity=2,
            has_waitlist=True,
        )

    def register(self, meeting=None, *, client="127.0.0.1", **overrides):
        """Send the form from the client address ``client``; ``overrides`` are form fields."""
        meeting = meeting or self.meeting
        data = form_data(**{"municipality": str(self.ede.pk), **overrides})
        return self.post(f"/aanmelden/bijeenkomst/{meeting.pk}/", data, REMOTE_ADDR=client)

    def post(self, path, data=None, **extra):
        # Mail is queued after the commit; a TestCase never commits, so run those callbacks.
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(path, data or {}, **extra)

    def messages_to(self, address):
        return self.sink.messages_to(address)

    def thanks_path(self, meeting=None):
        """The meeting's "check your mail" page, where every accepted form goes (303)."""
        return f"/aanmelden/bijeenkomst/{(meeting or self.meeting).pk}/verstuurd/"

    def assert_thanked(self, response, meeting=None):
        self.assertRedirects(response, self.thanks_path(meeting), status_code=303)

    def confirm_path(self, address, language="nl"):
        """The path of the confirmation link in the last mail to ``address`` that has one."""
        prefix = confirm_link_prefix(language)
        with_link = [m for m in self.messages_to(address) if prefix in text_body(m)]
        self.assertTrue(with_link, f"no mail with a confirmation link to {address}")
        return path_of_link(with_link[-1], prefix)

    def confirm(self, address, language="nl"):
        """What the registrant does next: open the link in the mail and press the button."""
        return self.post(self.confirm_path(address, language))

    def register_and_confirm(self, meeting=None, **overrides):
        self.register(meeting, **overrides)
        return self.confirm(overrides.get("email", "sanne@ede.example").strip().lower())


class MeetingPageTests(RegistrationTestCase):
    def test_the_form_is_on_the_meeting_page_with_places_left_and_never_cached(self):
        response = self.client.get(self.meeting.url)

        form = soup(response).find("form", class_="registration-form")
        self.assertEqual(form["action"], f"/aanmelden/bijeenkomst/{self.meeting.pk}/")
        for name in ("name", "email", "municipality", "organisation", "role", "consent"):
            self.assertIsNotNone(form.find(attrs={"name": name}), name)
        self.assertIn("Nog 2 plaatsen vrij.", main_text(response))
        self.assertIn("no-cache", response["Cache-Control"])
        self.assertNotIn("public", response["Cache-Control"])
        self.assertFalse(response.has_header("ETag"))
        self.assertNotIn(ONLINE_LINK, response.content.decode())

        self.register()
        # Not confirmed yet: the place is still free.
        self.assertIn("Nog 2 plaatsen vrij.", main_text(self.client.get(self.meeting.url)))
        self.confirm("sanne@ede.example")
        self.assertIn("Nog 1 plaats vrij.", main_text(self.client.get(self.meeting.url)))

    def test_a_closed_meeting_shows_no_form_and_stays_cacheable(self):
        closed = MeetingPageFactory(
            parent=self.tree.meeting_index, registration_closes=timezone.now() - datetime.timedelta(hours=1)
        )

        response = self.client.get(closed.url)

        self.assertIsNone(soup(response).find("form", class_="registration-form"))
        self.assertIn("Aanmelden is gesloten", main_text(response))
        self.assertIn("public", response["Cache-Control"])


class PlacesTests(RegistrationTestCase):
    def test_up_to_capacity_confirmed_then_the_waitlist(self):
        for n in range(3):
            response = self.register_and_confirm(email=f"deelnemer{n}@ede.example")
            self.assertEqual(response.status_code, 200)

        statuses = dict(Registration.objects.values_list("email", "status"))
        self.assertEqual(
            statuses,
            {
                "deelnemer0@ede.example": "confirmed",
                "deelnemer1@ede.example": "confirmed",
                "deelnemer2@ede.example": "waitlisted",
            },
        )
        self.assertIn("U staat op de wachtlijst", main_text(response))
        self.assertIn("wachtlijst", main_text(self.client.get(self.meeting.url)).lower())
        [_link, waiting] = self.messages_to("deelnemer2@ede.example")
        self.assertEqual(waiting["Subject"], "Wachtlijst: Intervisie eenzaamheid")
        self.assertEqual([p for p in waiting.walk() if p.get_content_type() == "text/calendar"], [])
        self.assertNotIn(ONLINE_LINK, text_body(waiting))

    def test_full_without_a_waitlist_is_refused_and_stores_nothing(self):
        MeetingPage.objects.filter(pk=self.meeting.pk).update(capacity=1, has_waitlist=False)
        self.register_and_confirm(email="eerste@ede.example")

        response = self.register(email="tweede@ede.example")

        self.assertEqual(response.status_code, 409)
        self.assertIn("De bijeenkomst is vol en er is geen wachtlijst", main_text(response))
        self.assertFalse(Registration.objects.filter(email="tweede@ede.example").exists())

    def test_the_same_address_twice_makes_one_registration_and_the_same_answer(self):
        first = self.register(email="Sanne@Ede.example")

        again = self.register(email="sanne@ede.example ")

        self.assertEqual(Registration.objects.count(), 1)
        # The answer does not tell whoever typed the address whether it was known.
        self.assert_thanked(first)
        self.assert_thanked(again)

    def test_the_english_page_shares_the_places_of_the_dutch_meeting(self):
        for ancestor in (self.meeting.get_parent().get_parent(), self.meeting.get_parent()):
            translate(ancestor)  # a page is translated below its translated parent
        english_meeting = translate(self.meeting)
        self.register_and_confirm(email="nl@ede.example")

        for address in ("en@ede.example", "en2@ede.example"):
            self.post(
                f"/en/register/meeting/{english_meeting.pk}/",
                form_data(email=address, municipality=str(self.ede.pk)),
            )
            response = self.confirm(address, language="en")

        self.assertIn("You are on the waitlist", main_text(response))
        self.assertEqual(set(Registration.objects.values_list("meeting", flat=True)), {self.meeting.pk})
        self.assertEqual(Registration.objects.filter(status="confirmed").count(), 2)

    def test_registration_outside_its_window_is_refused(self):
        later = MeetingPageFactory(
            parent=self.tree.meeting_index, registration_opens=timezone.now() + datetime.timedelta(days=2)
        )

        response = self.register(meeting=later)

        self.assertEqual(response.status_code, 409)
        self.assertIn("Aanmelden voor deze bijeenkomst kan nu niet", main_text(response))
        self.assertFalse(Registration.objects.exists())


class ConfirmationMailTests(RegistrationTestCase):
    def test_the_first_mail_has_only_the_confirmation_link_and_no_place(self):
        self.register(name="Sanne de Vries")

        [message] = self.messages_to("sanne@ede.example")
        self.assertEqual(message["Subject"], "Bevestig uw aanmelding: Intervisie eenzaamheid")
        for part in (text_body(message), html_body(message)):
            self.assertIn("Beste Sanne de Vries", part)
            self.assertIn("Pas daarna is uw plaats zeker", part)
            self.assertIn(confirm_link_prefix(), part)
            self.assertIn("De link werkt 48 uur", part)
            self.assertNotIn(ONLINE_LINK, part)  # only for those with a place
            self.assertNotIn("/aanmelden/afmelden/", part)  # nothing to cancel yet
            self.assertNotIn("/aanmelden/mijn-aanmelding/", part)
        self.assertEqual([p for p in message.walk() if p.get_content_type() == "text/calendar"], [])
        self.assertEqual(Registration.objects.get().status, Registration.Status.PENDING)

    def test_the_confirmation_has_both_parts_the_invitation_and_the_link_to_the_registrants_page(self):
        self.register_and_confirm(name="Sanne de Vries")

        [_link, message] = self.messages_to("sanne@ede.example")
        self.assertEqual(message["Subject"], "Aangemeld: Intervisie eenzaamheid")
        for part in (text_body(message), html_body(message)):
            self.assertIn("Beste Sanne de Vries", part)
            self.assertIn(ONLINE_LINK, part)  # only the registrant's own mail has it
            self.assertIn("/aanmelden/mijn-aanmelding/", part)  # which has the cancel button
        calendar = calendar_of(message)
        self.assertEqual(calendar["METHOD"], "REQUEST")
        [event] = calendar.walk("VEVENT")
        registration = Registration.objects.get()
        self.assertEqual(str(event["UID"]), f"registration-{registration.pk}@127.0.0.1")
        self.assertEqual(event["SEQUENCE"], 0)
        self.assertEqual(event.decoded("DTSTART"), self.meeting.start)
        self.assertEqual(str(event.decoded("DTSTART").tzinfo), "Europe/Amsterdam")
        self.assertEqual(event.decoded("DTEND"), self.meeting.end)
        self.assertEqual(str(event["LOCATION"]), "Provinciehuis, Markt 11, Arnhem")
        self.assertIn(ONLINE_LINK, str(event["DESCRIPTION"]))
        self.assertEqual(str(event["ATTENDEE"]), "mailto:sanne@ede.example")
        self.assertTrue(str(event["ORGANIZER"]).startswith("mailto:"))
        self.assertEqual(len(calendar.walk("VTIMEZONE")), 1)
        self.assertIsNotNone(registration.mail_sent_at)

    def test_an_english_registration_gets_english_mail_and_english_links(self):
        self.post(f"/en/register/meeting/{self.meeting.pk}/", form_data(municipality=str(self.ede.pk)))
        self.assertTrue(self.confirm_path("sanne@ede.example", language="en").startswith("/en/"))

        page = self.confirm("sanne@ede.example", language="en")

        self.assertIn("You are registered", main_text(page))
        message = self.messages_to("sanne@ede.example")[-1]
        self.assertEqual(Registration.objects.get().language, "en")
        self.assertIn("Dear Sanne de Vries", text_body(message))
        with translation.override("en"):
            manage_prefix = reverse("registrations:manage", kwargs={"token": "t"}).removesuffix("t/")
        self.assertTrue(manage_prefix.startswith("/en/register/"))
        self.assertIn(manage_prefix, text_body(message))

    def test_a_dead_mail_server_loses_no_registration_and_shows_the_error_to_editors(self):
        down = SmtpSink()  # never started: nothing listens on its port
        with down.settings_override():
            response = self.register()

        self.assert_thanked(response)
        registration = Registration.objects.get()
        self.assertEqual(registration.status, Registration.Status.PENDING)
        self.assertIsNone(registration.mail_sent_at)
        self.assertIn("confirm:", registration.mail_error)


class CancelTests(RegistrationTestCase):
    def test_the_link_shows_a_button_and_only_the_post_cancels_and_promotes_the_waitlist(self):
        for n in range(3):
            self.register_and_confirm(email=f"deelnemer{n}@ede.example")
        # The cancel link as mails carried it before they linked to the registrant's own page
        # (whose cancel button posts here too: see tests/registrations/test_manage.py).
        cancel_path = (
            f"/aanmelden/afmelden/{make_token(Registration.objects.get(email='deelnemer0@ede.example'))}/"
        )

        page = self.client.get(cancel_path)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ja, meld mij af", soup(page).find("main").find("form", method="post").get_text())
        self.assertEqual(Registration.objects.get(email="deelnemer0@ede.example").status, "confirmed")

        done = self.post(cancel_path)

        self.assertIn("U bent afgemeld", main_text(done))
        statuses = dict(Registration.objects.values_list("email", "status"))
        self.assertEqual(statuses["deelnemer0@ede.example"], "cancelled")
        self.assertEqual(statuses["deelnemer2@ede.example"], "confirmed")  # promoted
        cancelled = self.messages_to("deelnemer0@ede.example")[-1]
        calendar = calendar_of(cancelled)
        self.assertEqual(calendar["METHOD"], "CANCEL")
        self.assertEqual(calendar.walk("VEVENT")[0]["SEQUENCE"], 1)
        promoted = self.messages_to("deelnemer2@ede.example")[-1]
        self.assertEqual(promoted["Subject"], "Er is een plaats voor u: Intervisie eenzaamheid")
        self.assertEqual(calendar_of(promoted)["METHOD"], "REQUEST")
        self.assertIn(ONLINE_LINK, text_body(promoted))

        again = self.post(cancel_path)
        self.assertIn("U was al afgemeld", main_text(again))

    def test_a_tampered_link_gets_a_page_that_says_so(self):
        self.register_and_confirm()
        token = make_token(Registration.objects.get())

        response = self.client.get(f"/aanmelden/afmelden/{token[:-2]}xx/")

        self.assertEqual(response.status_code, 404)
        self.assertIn("Deze link werkt niet", main_text(response))


class ThankYouPageTests(RegistrationTestCase):
    def test_the_form_goes_on_to_a_page_of_its_own_that_a_reload_does_not_send_again(self):
        response = self.register()

        self.assertEqual((response.status_code, response["Location"]), (303, self.thanks_path()))
        for _reload in range(2):
            page = self.client.get(self.thanks_path())
            self.assertEqual(page.status_code, 200)
            self.assertEqual(soup(page).find("h1").get_text(strip=True), "Kijk in uw mailbox")
            self.assertIn("Intervisie eenzaamheid", main_text(page))
            self.assertIn("no-cache", page["Cache-Control"])
            self.assertEqual(dict(page.cookies), {})  # no session: nothing travels to it
        self.assertEqual(Registration.objects.count(), 1)
        self.assertEqual(len(self.messages_to("sanne@ede.example")), 1)
        # Nothing personal in its URL, and nothing personal on it.
        self.assertNotIn("sanne", self.thanks_path())
        self.assertNotIn("Sanne", main_text(page))

    def test_the_thank_you_page_has_its_own_url_in_english(self):
        # /en/register/meeting/<id>/sent/ once the English catalogue has the URL path.
        with translation.override("en"):
            path = reverse("registrations:registered", args=[self.meeting.pk])
        self.assertTrue(path.startswith("/en/"), path)
        self.assertEqual(self.client.get(path).status_code, 200)

    def test_an_unknown_or_unpublished_meeting_has_no_thank_you_page(self):
        draft = MeetingPageFactory(parent=self.tree.meeting_index, live=False)

        for pk in (draft.pk, 999999):
            self.assertEqual(self.client.get(f"/aanmelden/bijeenkomst/{pk}/verstuurd/").status_code, 404)


class BadInputTests(RegistrationTestCase):
    def test_missing_and_invalid_fields_get_messages_and_store_nothing(self):
        response = self.client.post(
            f"/aanmelden/bijeenkomst/{self.meeting.pk}/",
            form_data(name="", email="geen-adres", role="", consent=""),
        )

        self.assertEqual(response.status_code, 400)
        summary = soup(response).find(class_="error-summary")
        messages = [link.get_text() for link in summary.find_all("a")]
        self.assertEqual(
            messages,
            [
                "Vul uw naam in.",
                "Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.",
                "Kies uw gemeente, of vul de naam van uw organisatie in.",
                "Kies uw functie.",
                "Zet een vinkje als u akkoord gaat met de privacyverklaring.",
            ],
        )
        self.assertEqual(soup(response).find("input", attrs={"name": "email"})["value"], "geen-adres")
        self.assertFalse(Registration.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_another_organisation_instead_of_a_municipality(self):
        self.post(f"/aanmelden/bijeenkomst/{self.meeting.pk}/", form_data(organisation="Movisie"))

        registration = Registration.objects.get()
        self.assertEqual((registration.municipality, registration.organisation_name), (None, "Movisie"))

    def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_happens(self):
        response = self.register(website="https://spam.example")

        self.assert_thanked(response)
        self.assertFalse(Registration.objects.exists())
        self.assertEqual(self.sink.messages, [])

    @override_settings(FORM_RATE_LIMIT="2/d")
    def test_a_flood_is_stopped_by_the_rate_limit(self):
        for n in range(2):
            self.register(email=f"snel{n}@ede.example")

        response = self.register(email="te-snel@ede.example")

        self.assertEqual(response.status_code, 429)
        self.assertFalse(Registration.objects.filter(email="te-snel@ede.example").exists())

    def test_an_unknown_or_unpublished_meeting_is_not_found(self):
        draft = MeetingPageFactory(parent=self.tree.meeting_index, live=False)

        for pk in (draft.pk, 999999):
            self.assertEqual(self.client.get(f"/aanmelden/bijeenkomst/{pk}/").status_code, 404)


class MeetingChangeTests(RegistrationTestCase):
    def publish(self, **changes):
        meeting = MeetingPage.objects.get(pk=self.meeting.pk)
        for field, value in changes.items():
            setattr(meeting, field, value)
        with self.captureOnCommitCallbacks(execute=True):
            meeting.save_revision().publish()
        return meeting

    def test_a_cancelled_meeting_cancels_every_registration_and_says_so_everywhere(self):
        for n in range(3):
            self.register_and_confirm(email=f"deelnemer{n}@ede.example")
        self.register(email="nog-niet-bevestigd@ede.example")

        self.publish(cancelled=True)

        self.assertEqual(set(Registration.objects.values_list("status", flat=True)), {"cancelled"})
        # An address nobody confirmed gets only its confirmation link, never the cancellation.
        self.assertEqual(len(self.messages_to("nog-niet-bevestigd@ede.example")), 1)
        for n in range(3):
            message = self.messages_to(f"deelnemer{n}@ede.example")[-1]
            self.assertEqual(message["Subject"], "Gaat niet door: Intervisie eenzaamheid")
            self.assertEqual(calendar_of(message)["METHOD"], "CANCEL")
            self.assertNotIn(ONLINE_LINK, text_body(message))
        page = self.client.get(self.meeting.url)
        self.assertIn("Deze bijeenkomst gaat niet door", main_text(page))
        self.assertIsNone(soup(page).find("form", class_="registration-form"))
        self.assertEqual(self.register(email="te-laat@ede.example").status_code, 409)

        sent = len(self.sink.messages)
        self.publish(cancelled=True)  # published again: nobody is told twice
        self.assertEqual(len(self.sink.messages), sent)

    def test_a_meeting_that_moved_sends_the_new_time_to_those_with_a_place(self):
        for n in range(3):
            self.register_and_confirm(email=f"deelnemer{n}@ede.example")
        later = self.meeting.start + datetime.timedelta(days=7)

        self.publish(start=later, end=later + datetime.timedelta(hours=2))

        message = self.messages_to("deelnemer0@ede.example")[-1]
        self.assertEqual(message["Subject"], "Nieuwe tijd: Intervisie eenzaamheid")
        [event] = calendar_of(message).walk("VEVENT")
        self.assertEqual(event["SEQUENCE"], 1)
        self.assertEqual(event.decoded("DTSTART"), later.replace(microsecond=0))
        registration = Registration.objects.get(email="deelnemer0@ede.example")
        self.assertEqual(str(event["UID"]), f"registration-{registration.pk}@127.0.0.1")
        # Waiting (the third of two places): the new time too, without an invitation.
        waiting = self.messages_to("deelnemer2@ede.example")[-1]
        self.assertEqual(len(self.messages_to("deelnemer2@ede.example")), 3)
        self.assertIn("U staat nog op de wachtlijst", text_body(waiting))
        self.assertFalse([part for part in waiting.walk() if part.get_content_type() == "text/calendar"])

        sent = len(self.sink.messages)
        self.publish(title="Intervisie eenzaamheid")  # nothing moved: nobody is told
        self.assertEqual(len(self.sink.messages), sent)


class MailWordingTests(RegistrationTestCase):
    def test_a_title_that_ends_in_a_question_mark_is_quoted_not_followed_by_a_full_stop(self):
        meeting = MeetingPageFactory(
            parent=self.tree.meeting_index, title="Hoe bereikt u mensen die zich eenzaam voelen?", capacity=5
        )

        self.register(meeting, name="Sanne de Vries")

        [message] = self.messages_to("sanne@ede.example")
        for part in (text_body(message), html_body(message)):
            self.assertIn("aangemeld voor “Hoe bereikt u mensen die zich eenzaam voelen?”. Bevestig", part)
            self.assertNotIn("voelen?.", part)

    def test_the_waitlist_mail_offers_to_leave_the_waitlist_not_to_give_up_a_place(self):
        for n in range(2):
            self.register_and_confirm(email=f"snel{n}@ede.example")

        self.register_and_confirm(email="wacht@ede.example")

        waitlisted = self.messages_to("wacht@ede.example")[-1]
        self.assertEqual(waitlisted["Subject"], "Wachtlijst: Intervisie eenzaamheid")
        for part in (text_body(waitlisted), html_body(waitlisted)):
            self.assertIn("of van de wachtlijst af?", part)
            self.assertNotIn("uw plaats", part)
        confirmed = self.messages_to("snel0@ede.example")[-1]
        self.assertIn("Gegevens bekijken of wijzigen, of afmelden?", text_body(confirmed))


class PlacesShownTests(RegistrationTestCase):
    """What every page that shows the meeting says about its places, as registrations fill it."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.meeting.themes.add(cls.tree.themes["eenzaamheid"])
        cls.meeting.save_revision().publish()

    def statuses(self):
        """The meeting's status label on its page, the meetings list, the home page and its theme."""
        found = {}
        for where, url in (
            ("page", self.meeting.url),
            ("list", self.tree.meeting_index.url),
            ("home", "/"),
            ("theme", self.tree.themes["eenzaamheid"].url),
        ):
            html = soup(self.client.get(url))
            if where == "page":
                holders = html.select(".registration__status")
            else:  # the meeting's card
                holders = [
                    card for card in html.select(".card--meeting") if self.meeting.title in card.get_text()
                ]
            self.assertEqual(len(holders), 1, f"{where}: {len(holders)} places for the meeting's status")
            found[where] = holders[0].select_one(".status").get_text(" ", strip=True)
        return found

    def test_places_left_then_full_with_a_waitlist_everywhere(self):
        self.assertEqual(set(self.statuses().values()), {"Nog 2 plaatsen vrij"})

        self.register_and_confirm(email="een@ede.example")
        self.assertEqual(set(self.statuses().values()), {"Nog 1 plaats vrij"})

        self.register_and_confirm(email="twee@ede.example")
        self.assertEqual(set(self.statuses().values()), {"Vol – wachtlijst"})
        self.assertNotIn("U kunt zich aanmelden", main_text(self.client.get(self.tree.meeting_index.url)))

    def test_full_without_a_waitlist_says_full(self):
        MeetingPage.objects.filter(pk=self.meeting.pk).update(capacity=1, has_waitlist=False)
        self.register_and_confirm(email="een@ede.example")

        self.assertEqual(set(self.statuses().values()), {"Vol"})

    def test_a_place_given_back_shows_at_once(self):
        for address in ("een@ede.example", "twee@ede.example"):
            self.register_and_confirm(email=address)
        self.assertEqual(self.statuses()["list"], "Vol – wachtlijst")

        Registration.objects.get(email="een@ede.example").delete()

        self.assertEqual(set(self.statuses().values()), {"Nog 1 plaats vrij"})

    def test_a_form_sent_but_not_confirmed_changes_nothing_any_page_keeps(self):
        before = content_version()

        self.register(email="nog-niet@ede.example")

        self.assertEqual(content_version(), before)
        self.assertEqual(self.statuses()["page"], "Nog 2 plaatsen vrij")

    def test_the_english_page_shows_the_places_of_the_dutch_meeting(self):
        for ancestor in (self.meeting.get_parent().get_parent(), self.meeting.get_parent()):
            translate(ancestor)
        english = translate(self.meeting)
        self.meeting.capacity = 3
        self.meeting.save_revision().publish()  # the English copy of the limit is now out of date
        self.register_and_confirm(email="een@ede.example")

        text = main_text(self.client.get(english.url))

        self.assertIn("3 places", text)  # the limit, as the Dutch meeting has it now
        self.assertIn("2 places left", text)
