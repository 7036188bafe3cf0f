"""A bot cannot take the places of real people: a place is final only after the address is
confirmed through the link in the mail, the form takes only so much from one client and one mail
domain, and it mails one address at most once per ten minutes.

The story behind it: 55 posts from one address, with made-up addresses on dead domains and under
the per-client rate limit of the site's forms, filled a meeting of 60 places; real people went to
the waitlist, and every fake registration sent a mail to a dead domain.
"""

import datetime
import json
from unittest import mock

from django.core import signing
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from knowledge.models import MeetingPage
from registrations import tokens
from registrations.models import Registration
from tests.factories.knowledge import MeetingPageFactory
from tests.mail_support import text_body
from tests.registrations.test_registration import RegistrationTestCase
from tests.utils import main_text, soup

BOT = "203.0.113.66"
real_now = timezone.now


def clock_at(moment):
    """Everything that asks Django for the time gets ``moment``."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def summary_text(response):
    return " ".join(soup(response).find(class_="error-summary").get_text(" ").split())


class BotTests(RegistrationTestCase):
    # The bot sent one form every 6 seconds, under the site's rate limit for forms (10 a minute).
    # The rate limit is off here, so that 55 posts in a second get through it the same way.
    @override_settings(FORM_RATE_LIMIT="0")
    def test_55_fake_registrations_from_one_client_leave_every_place_free(self):
        MeetingPage.objects.filter(pk=self.meeting.pk).update(capacity=60)

        answers = [
            self.register(email=f"nep{n}@dood-domein-{n}.example", name=f"Nep {n}", client=BOT).status_code
            for n in range(55)
        ]

        self.assertEqual(Registration.objects.holding_a_place().count(), 0)
        self.assertIn("Nog 60 plaatsen vrij.", main_text(self.client.get(self.meeting.url)))
        self.assertEqual(Registration.objects.filter(status=Registration.Status.PENDING).count(), 8)
        self.assertLessEqual(len(self.sink.messages), 8)  # REGISTRATION_LIMIT_PER_CLIENT
        self.assertEqual(answers.count(303), 8)
        self.assertEqual(answers.count(429), 47)

        # A real person, from their own connection, still gets a place.
        self.register(email="echt@ede.example", client="198.51.100.10")
        page = self.confirm("echt@ede.example")
        self.assertIn("U bent aangemeld", main_text(page))
        self.assertEqual(Registration.objects.get(email="echt@ede.example").status, "confirmed")

    @override_settings(REGISTRATION_LIMIT_PER_CLIENT=2)
    def test_over_the_limit_per_client_the_form_comes_back_with_what_was_typed(self):
        for n in range(2):
            self.register(email=f"collega{n}@ede.example", client=BOT)

        response = self.register(email="derde@ede.example", name="Derde Collega", client=BOT)

        self.assertEqual(response.status_code, 429)
        self.assertIn("Vanaf uw internetverbinding zijn al veel aanmeldingen", summary_text(response))
        form = soup(response).find("form", class_="registration-form")
        self.assertEqual(form.find("input", attrs={"name": "name"})["value"], "Derde Collega")
        self.assertEqual(form.find("input", attrs={"name": "email"})["value"], "derde@ede.example")
        self.assertFalse(Registration.objects.filter(email="derde@ede.example").exists())
        self.assertEqual(self.messages_to("derde@ede.example"), [])
        # Another client is not affected, and a cancelled registration no longer counts.
        self.assertEqual(self.register(email="elders@ede.example", client="198.51.100.1").status_code, 303)
        Registration.objects.filter(email="collega0@ede.example").update(status=Registration.Status.CANCELLED)
        self.assertEqual(self.register(email="derde@ede.example", client=BOT).status_code, 303)

    def test_only_a_keyed_hash_of_the_client_is_kept(self):
        self.register(client=BOT)

        key = Registration.objects.get().client_key
        self.assertEqual(len(key), 64)
        self.assertNotIn(BOT, key)
        self.assertNotIn(BOT, json.dumps(list(Registration.objects.values())[0], default=str))

    def test_at_most_five_unconfirmed_registrations_per_mail_domain(self):
        for n in range(5):
            self.register(email=f"nep{n}@dood.example", client=f"198.51.100.{n}")

        response = self.register(email="zesde@dood.example", client="198.51.100.99")

        self.assertEqual(response.status_code, 429)
        self.assertIn("e-mailadres van dood.example", summary_text(response))
        self.assertEqual(soup(response).find("input", attrs={"name": "email"})["value"], "zesde@dood.example")
        self.assertFalse(Registration.objects.filter(email="zesde@dood.example").exists())
        self.assertEqual(self.messages_to("zesde@dood.example"), [])
        # Other domains are not affected; once one of them is confirmed, the sixth may register.
        self.assertEqual(self.register(email="iemand@ede.example", client="198.51.100.98").status_code, 303)
        self.confirm("nep0@dood.example")
        self.assertEqual(self.register(email="zesde@dood.example", client="198.51.100.99").status_code, 303)

    def test_a_bot_filling_the_honeypot_gets_the_same_answer_as_a_person(self):
        person = self.register(email="mens@ede.example")

        bot = self.register(email="bot@ede.example", website="https://spam.example")

        self.assertEqual((bot.status_code, bot["Location"]), (person.status_code, person["Location"]))
        self.assertFalse(Registration.objects.filter(email="bot@ede.example").exists())


class ConfirmationTests(RegistrationTestCase):
    def test_the_form_says_to_confirm_through_the_mail_and_keeps_no_place(self):
        response = self.register()

        self.assert_thanked(response)
        text = main_text(self.client.get(response["Location"]))
        self.assertIn(
            "Bijna klaar: bevestig uw aanmelding via de link in de e-mail die we u stuurden. "
            "Pas daarna is uw plaats zeker.",
            text,
        )
        self.assertIn("De link werkt 48 uur.", text)
        registration = Registration.objects.get()
        self.assertEqual(registration.status, Registration.Status.PENDING)
        self.assertEqual(Registration.objects.holding_a_place().count(), 0)

    def test_opening_the_link_changes_nothing_and_shows_a_button(self):
        self.register()
        path = self.confirm_path("sanne@ede.example")

        with self.captureOnCommitCallbacks(execute=True):
            page = self.client.get(path)

        self.assertEqual(page.status_code, 200)
        form = soup(page).find("main").find("form", method="post")
        self.assertIn("Ja, bevestig mijn aanmelding", form.get_text())
        self.assertIsNotNone(form.find("input", attrs={"name": "csrfmiddlewaretoken"}))
        self.assertEqual(Registration.objects.get().status, Registration.Status.PENDING)
        self.assertEqual(len(self.sink.messages), 1)
        self.assertIn("Nog 2 plaatsen vrij.", main_text(self.client.get(self.meeting.url)))

    def test_the_button_confirms_and_takes_a_place(self):
        self.register()

        page = self.post(self.confirm_path("sanne@ede.example"))

        self.assertIn("U bent aangemeld", main_text(page))
        self.assertEqual(Registration.objects.get().status, Registration.Status.CONFIRMED)
        [_link, confirmed] = self.messages_to("sanne@ede.example")
        self.assertEqual(confirmed["Subject"], "Aangemeld: Intervisie eenzaamheid")
        self.assertIn("Nog 1 plaats vrij.", main_text(self.client.get(self.meeting.url)))

        again = self.post(self.confirm_path("sanne@ede.example"))  # a second press changes nothing
        self.assertIn("was al bevestigd", main_text(again))
        self.assertEqual(len(self.messages_to("sanne@ede.example")), 2)

    def test_who_confirms_after_the_meeting_filled_goes_on_the_waitlist(self):
        self.register(email="vroeg@ede.example")  # registers first, confirms last
        for n in range(2):
            self.register_and_confirm(email=f"snel{n}@ede.example")

        page = self.confirm("vroeg@ede.example")

        self.assertIn("U staat op de wachtlijst", main_text(page))
        self.assertEqual(Registration.objects.get(email="vroeg@ede.example").status, "waitlisted")
        self.assertEqual(
            self.messages_to("vroeg@ede.example")[-1]["Subject"], "Wachtlijst: Intervisie eenzaamheid"
        )

    def test_the_confirmation_page_says_when_it_will_be_the_waitlist(self):
        self.register(email="laat@ede.example")
        for n in range(2):
            self.register_and_confirm(email=f"snel{n}@ede.example")

        page = self.client.get(self.confirm_path("laat@ede.example"))

        self.assertIn("Als u bevestigt, komt u op de wachtlijst.", main_text(page))

    def test_full_without_a_waitlist_at_confirmation_keeps_nothing(self):
        MeetingPage.objects.filter(pk=self.meeting.pk).update(capacity=1, has_waitlist=False)
        self.register(email="te-laat@ede.example")
        self.register_and_confirm(email="eerste@ede.example")

        page = self.confirm("te-laat@ede.example")

        self.assertEqual(page.status_code, 409)
        self.assertIn("De bijeenkomst is vol en er is geen wachtlijst", main_text(page))
        self.assertFalse(Registration.objects.filter(email="te-laat@ede.example").exists())

    def test_registration_must_still_be_open_when_confirming(self):
        self.register()
        MeetingPage.objects.filter(pk=self.meeting.pk).update(
            registration_closes=timezone.now() - datetime.timedelta(minutes=1)
        )
        path = self.confirm_path("sanne@ede.example")

        for response in (self.client.get(path), self.post(path)):
            self.assertEqual(response.status_code, 409)
            self.assertIn("Aanmelden voor deze bijeenkomst kan nu niet", main_text(response))
        self.assertEqual(Registration.objects.get().status, Registration.Status.PENDING)
        self.assertEqual(len(self.sink.messages), 1)

    def test_an_expired_link_confirms_nothing_offers_to_register_again_and_is_purged(self):
        with clock_at(real_now() - datetime.timedelta(hours=49)):
            self.register()
        path = self.confirm_path("sanne@ede.example")

        for response in (self.client.get(path), self.post(path)):
            self.assertEqual(response.status_code, 410)
            self.assertIn("niet op tijd bevestigd", main_text(response))
            again = soup(response).find("main").find("a", string="Meld u opnieuw aan")
            self.assertEqual(again["href"], f"/aanmelden/bijeenkomst/{self.meeting.pk}/")
        self.assertEqual(Registration.objects.get().status, Registration.Status.PENDING)
        self.assertEqual(Registration.objects.holding_a_place().count(), 0)

        with self.captureOnCommitCallbacks(execute=True):
            call_command("purge_registrations", stdout=mock.MagicMock())

        self.assertFalse(Registration.objects.exists())
        self.assertEqual(self.client.get(path).status_code, 404)
        self.assertEqual(len(self.sink.messages), 1)

    @override_settings(REGISTRATION_CONFIRM_HOURS=2)
    def test_the_deadline_is_a_setting_and_the_purge_keeps_what_is_still_valid(self):
        with clock_at(real_now() - datetime.timedelta(hours=3)):
            self.register(email="oud@ede.example")
        self.register(email="nieuw@ede.example")

        with self.captureOnCommitCallbacks(execute=True):
            call_command("purge_registrations", stdout=mock.MagicMock())

        self.assertEqual(list(Registration.objects.values_list("email", flat=True)), ["nieuw@ede.example"])
        self.assertEqual(self.confirm("nieuw@ede.example").status_code, 200)

    def test_an_expired_registration_can_register_again(self):
        with clock_at(real_now() - datetime.timedelta(hours=49)):
            self.register()

        self.register()
        page = self.confirm("sanne@ede.example")

        self.assertIn("U bent aangemeld", main_text(page))
        self.assertEqual(Registration.objects.get().status, Registration.Status.CONFIRMED)


class MailIntervalTests(RegistrationTestCase):
    def registered_at(self, minutes_later, start, **overrides):
        with clock_at(start + datetime.timedelta(minutes=minutes_later)):
            return self.register(**overrides)

    def test_sending_the_form_again_mails_the_link_again_only_after_ten_minutes(self):
        start = real_now()
        first = self.registered_at(0, start)

        again = self.registered_at(5, start)
        self.assertEqual(len(self.messages_to("sanne@ede.example")), 1)
        self.assertEqual((again.status_code, again["Location"]), (first.status_code, first["Location"]))

        self.registered_at(11, start)
        mails = self.messages_to("sanne@ede.example")
        self.assertEqual(len(mails), 2)
        self.assertEqual(mails[-1]["Subject"], "Bevestig uw aanmelding: Intervisie eenzaamheid")

    def test_a_confirmed_address_gets_its_mail_again_only_after_ten_minutes(self):
        start = real_now()
        self.registered_at(0, start)
        with clock_at(start + datetime.timedelta(minutes=1)):
            self.confirm("sanne@ede.example")

        self.registered_at(5, start)
        self.assertEqual(len(self.messages_to("sanne@ede.example")), 2)

        self.registered_at(12, start)
        mails = self.messages_to("sanne@ede.example")
        self.assertEqual(len(mails), 3)
        self.assertEqual(mails[-1]["Subject"], "Aangemeld: Intervisie eenzaamheid")
        self.assertEqual(Registration.objects.get().status, Registration.Status.CONFIRMED)


class TokenTests(RegistrationTestCase):
    def payload(self, path):
        token = path.rstrip("/").rsplit("/", 1)[-1]
        return token, signing.b64_decode(token.split(":")[0].encode()).decode()

    def test_no_link_carries_the_address(self):
        self.register_and_confirm(email="sanne.de.vries@ede.example")
        [link_mail, confirmed] = self.messages_to("sanne.de.vries@ede.example")
        confirm_path = self.confirm_path("sanne.de.vries@ede.example")
        manage_path = [u for u in text_body(confirmed).split() if "/aanmelden/mijn-aanmelding/" in u][0]

        for path in (confirm_path, manage_path):
            token, payload = self.payload(path)
            self.assertEqual(json.loads(payload)[0], Registration.objects.get().pk)
            for part in ("sanne.de.vries@ede.example", "sanne.de.vries", "ede.example"):
                self.assertNotIn(part, payload)
                self.assertNotIn(part, token)

    def test_a_confirmation_link_cannot_cancel_and_a_cancel_link_cannot_confirm(self):
        self.register()
        registration = Registration.objects.get()
        confirm_token = tokens.make_token(registration, tokens.CONFIRM)
        cancel_token = tokens.make_token(registration, tokens.CANCEL)

        self.assertEqual(self.post(f"/aanmelden/afmelden/{confirm_token}/").status_code, 404)
        self.assertEqual(self.post(f"/aanmelden/bevestigen/{cancel_token}/").status_code, 404)
        self.assertEqual(Registration.objects.get().status, Registration.Status.PENDING)


class PastMeetingTests(RegistrationTestCase):
    def test_a_past_meetings_cancel_link_refuses_and_changes_nothing(self):
        past = MeetingPageFactory(parent=self.tree.meeting_index, days=-2, capacity=1, has_waitlist=True)
        came = Registration.objects.create(
            meeting=past,
            name="Kwam",
            email="kwam@ede.example",
            role="policy",
            organisation="Ede",
            status=Registration.Status.CONFIRMED,
        )
        waiting = Registration.objects.create(
            meeting=past,
            name="Wacht",
            email="wacht@ede.example",
            role="policy",
            organisation="Ede",
            status=Registration.Status.WAITLISTED,
        )
        path = f"/aanmelden/afmelden/{tokens.make_token(came, tokens.CANCEL)}/"

        for response in (self.client.get(path), self.post(path)):
            self.assertEqual(response.status_code, 410)
            self.assertIn("Afmelden kan niet meer", main_text(response))
            self.assertIsNone(soup(response).find("main").find("form"))

        came.refresh_from_db()
        waiting.refresh_from_db()
        self.assertEqual((came.status, came.cancelled_at), (Registration.Status.CONFIRMED, None))
        self.assertEqual(waiting.status, Registration.Status.WAITLISTED)
        self.assertEqual(self.sink.messages, [])
