"""A registrant's own page, behind the link in their mails, and what goes with it: the calendar
invitation after cancelling and registering again, the confirmation page that repeats what was
entered, and mails (and their calendar files) with the meeting's title in the registrant's language.

Mails go through a real SMTP server (``SmtpTestCase``); links are read out of them as a person
would click them. Tests that read English text wait for the English catalogue; the ones that
check ``lang``, the meeting's translated title and the links do not.
"""

from django.core import signing
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime

from core import tokens as core_tokens
from registrations import tokens
from registrations.models import Registration
from tests.factories.knowledge import MeetingPageFactory
from tests.factories.translation import translate
from tests.mail_support import html_body, path_of_link, text_body
from tests.utils import main_text, soup

from .test_registration import RegistrationTestCase, calendar_of, form_data

ENGLISH_TITLE = "Peer review on loneliness"


def manage_prefix(language="nl"):
    """Where links to the registrant's page start in ``language`` (``/aanmelden/mijn-aanmelding/``)."""
    with translation.override(language):
        return reverse("registrations:manage", kwargs={"token": "token"}).removesuffix("token/")


def dutch_date(moment):
    """A moment as the Dutch pages write it ("dinsdag 3 juni 2025, 14:00")."""
    with translation.override("nl"):
        return date_format(localtime(moment), "l j F Y, H:i")


def change_data(**overrides):
    """The change form as the registrant sends it: what the page showed, with ``overrides``."""
    data = {key: value for key, value in form_data().items() if key not in ("email", "consent")}
    data.update({"organisation": "Gemeente Ede", **overrides})
    return data


class ManageTestCase(RegistrationTestCase):
    def manage_path(self, address, language="nl"):
        """The link to the registrant's page in the last mail to ``address`` that has one."""
        prefix = manage_prefix(language)
        with_link = [m for m in self.messages_to(address) if prefix in text_body(m)]
        self.assertTrue(with_link, f"no mail with a link to the registrant's page to {address}")
        return path_of_link(with_link[-1], prefix)

    def registration(self, meeting=None, **fields):
        """A confirmed registration made directly: no form POST spends the rate limit."""
        values = {
            "meeting": meeting or self.meeting,
            "name": "Sanne de Vries",
            "email": "sanne@ede.example",
            "role": Registration.Role.POLICY,
            "municipality": self.ede,
            "status": Registration.Status.CONFIRMED,
            **fields,
        }
        return Registration.objects.create(**values)

    def path_for(self, registration, purpose=tokens.MANAGE, language=None):
        with translation.override(language or registration.language):
            name = "registrations:manage" if purpose == tokens.MANAGE else "registrations:cancel"
            return reverse(name, kwargs={"token": tokens.make_token(registration, purpose)})

    def cancel_action(self, page):
        """Where the cancel button on the registrant's page posts to."""
        button_form = soup(page).find("main").find("form", class_="registration-cancel")
        self.assertIsNotNone(button_form, "the page has no cancel button")
        return button_form["action"]


class CalendarAfterCancellingTests(ManageTestCase):
    def invitations(self, address):
        """``(METHOD, UID, SEQUENCE)`` of each calendar file in the mails to ``address``, in order."""
        found = []
        for message in self.messages_to(address):
            if [p for p in message.walk() if p.get_content_type() == "text/calendar"]:
                calendar = calendar_of(message)
                [event] = calendar.walk("VEVENT")
                found.append((str(calendar["METHOD"]), str(event["UID"]), int(event["SEQUENCE"])))
        return found

    def test_registering_again_after_cancelling_sends_an_invitation_a_calendar_accepts(self):
        self.register_and_confirm()
        page = self.client.get(self.manage_path("sanne@ede.example"))
        self.post(self.cancel_action(page))
        self.register()
        self.confirm("sanne@ede.example")

        [first, cancellation, again] = self.invitations("sanne@ede.example")

        self.assertEqual(first[0], "REQUEST")
        # The cancellation removes the first invitation's event: same UID, higher SEQUENCE.
        self.assertEqual(cancellation[0], "CANCEL")
        self.assertEqual(cancellation[1], first[1])
        self.assertGreater(cancellation[2], first[2])
        # RFC 5545/5546: a calendar takes a REQUEST for a cancelled event only as a new event (a
        # new UID) or as a newer version of it (a higher SEQUENCE). The site chose a new UID.
        self.assertEqual(again[0], "REQUEST")
        self.assertNotEqual(again[1], cancellation[1])
        self.assertEqual(again[2], 0)
        registration = Registration.objects.get()
        self.assertEqual(again[1], f"registration-{registration.pk}-1@127.0.0.1")

    def test_a_second_round_keeps_its_own_uid_until_it_is_cancelled_too(self):
        self.register_and_confirm()
        self.post(self.path_for(Registration.objects.get(), tokens.CANCEL))
        self.register_and_confirm()
        self.post(self.path_for(Registration.objects.get(), tokens.CANCEL))

        [_first, _cancel, again, cancelled_again] = self.invitations("sanne@ede.example")

        self.assertEqual(cancelled_again[:2], ("CANCEL", again[1]))
        self.assertGreater(cancelled_again[2], again[2])


class ManagePageTests(ManageTestCase):
    def test_the_confirmation_mail_links_to_the_page_which_shows_meeting_details_and_status(self):
        self.register_and_confirm(organisation="", name="Sanne de Vries", case="Ons dorpshuis sluit.")
        [_link, confirmed] = self.messages_to("sanne@ede.example")
        for part in (text_body(confirmed), html_body(confirmed)):
            self.assertIn(manage_prefix(), part)
            self.assertNotIn("/aanmelden/afmelden/", part)  # one link: the page has the cancel button

        page = self.client.get(self.manage_path("sanne@ede.example"))

        self.assertEqual(page.status_code, 200)
        self.assertIn("no-cache", page["Cache-Control"])
        self.assertIn("private", page["Cache-Control"])
        text = main_text(page)
        for shown in (
            "Uw aanmelding",
            "Intervisie eenzaamheid",
            "Provinciehuis, Markt 11, Arnhem",
            "Sanne de Vries",
            "Ede",
            "Beleidsmedewerker",
            "sanne@ede.example",
            "Ons dorpshuis sluit.",
            "U bent aangemeld. U heeft een plaats.",
        ):
            self.assertIn(shown, text)
        self.assertIn(dutch_date(self.meeting.start), text)
        form = soup(page).find("main").find("form", class_="registration-details-form")
        self.assertEqual(form.find("input", attrs={"name": "name"})["value"], "Sanne de Vries")
        self.assertIsNone(form.find("input", attrs={"name": "email"}))  # the address can't change
        self.assertIn("Uw e-mailadres kunt u hier niet wijzigen", text)
        action = self.cancel_action(page)
        self.assertTrue(action.startswith("/aanmelden/afmelden/"))
        token = action.rstrip("/").rsplit("/", 1)[-1]
        self.assertEqual(tokens.read_token(token, tokens.CANCEL), Registration.objects.get())

    def test_changed_details_are_saved_and_the_page_says_so(self):
        registration = self.registration()
        path = self.path_for(registration)

        response = self.post(
            path, change_data(municipality="", organisation="GGD Gelderland-Zuid", email="ander@x.example")
        )

        self.assertRedirects(response, f"{path}?saved=1", status_code=303, fetch_redirect_response=False)
        registration.refresh_from_db()
        self.assertEqual(
            (registration.municipality, registration.organisation), (None, "GGD Gelderland-Zuid")
        )
        self.assertEqual(registration.email, "sanne@ede.example")  # not a field of this form
        page = self.client.get(response["Location"])
        self.assertIn("Uw wijzigingen zijn opgeslagen.", soup(page).find(role="status").get_text())
        self.assertIn("GGD Gelderland-Zuid", main_text(page))
        self.assertNotIn("Uw wijzigingen zijn opgeslagen.", main_text(self.client.get(path)))
        self.assertEqual(self.sink.messages, [])  # a change of details mails nobody

    def test_invalid_details_come_back_with_the_errors_and_change_nothing(self):
        registration = self.registration()
        path = self.path_for(registration)

        for data, error in (
            (change_data(name=""), "Vul uw naam in."),
            (
                change_data(municipality="", organisation=""),
                "Kies uw gemeente, of vul de naam van uw organisatie in.",
            ),
            (change_data(role="baas"), "Kies uw functie."),
            (change_data(municipality="99999"), "Kies een gemeente uit de lijst."),
            (change_data(organisation="x" * 151), None),
        ):
            response = self.post(path, data)
            self.assertEqual(response.status_code, 400, data)
            summary = soup(response).find(class_="error-summary")
            self.assertIsNotNone(summary)
            if error:
                self.assertIn(error, summary.get_text())

        registration.refresh_from_db()
        self.assertEqual(
            (registration.name, registration.municipality, registration.role),
            ("Sanne de Vries", self.ede, "policy"),
        )

    def test_the_waitlist_position_is_shown_and_moves_up_when_someone_ahead_leaves(self):
        for n in range(5):  # capacity 2: two places, then three on the waitlist
            self.register_and_confirm(email=f"deelnemer{n}@ede.example")
        last = Registration.objects.get(email="deelnemer4@ede.example")
        self.assertEqual(last.status, Registration.Status.WAITLISTED)

        def position_text():
            return soup(self.client.get(self.path_for(last))).find(class_="registration-status").get_text()

        self.assertIn("U staat op plaats 3 van de wachtlijst.", position_text())
        # Each from their own connection: five forms and five confirmations spent this one's budget.
        leaving = Registration.objects.get(email="deelnemer3@ede.example")
        self.post(self.path_for(leaving, tokens.CANCEL), REMOTE_ADDR="10.0.0.3")
        self.assertIn("U staat op plaats 2 van de wachtlijst.", position_text())
        # A place comes free: the first on the waitlist gets it, and the last moves up again.
        first = Registration.objects.get(email="deelnemer0@ede.example")
        self.post(self.path_for(first, tokens.CANCEL), REMOTE_ADDR="10.0.0.4")
        self.assertEqual(Registration.objects.get(email="deelnemer2@ede.example").status, "confirmed")
        self.assertIn("U staat op plaats 1 van de wachtlijst.", position_text())

    def test_the_cancel_button_cancels_through_the_cancel_page_and_the_page_shows_cancelled(self):
        self.register_and_confirm()
        path = self.manage_path("sanne@ede.example")

        done = self.post(self.cancel_action(self.client.get(path)))

        self.assertIn("U bent afgemeld voor “Intervisie eenzaamheid”.", main_text(done))
        self.assertEqual(Registration.objects.get().status, Registration.Status.CANCELLED)
        page = self.client.get(path)
        self.assertEqual(page.status_code, 200)
        self.assertIn("U bent afgemeld voor deze bijeenkomst.", main_text(page))
        self.assertIsNone(soup(page).find("main").find("form"))  # nothing to change or cancel
        refused = self.post(path, change_data(name="Iemand anders"))
        self.assertEqual(refused.status_code, 409)
        self.assertEqual(Registration.objects.get().name, "Sanne de Vries")

    def test_a_past_meeting_is_read_only_and_refuses_changes(self):
        past = MeetingPageFactory(parent=self.tree.meeting_index, days=-2, capacity=5)
        registration = self.registration(past)
        path = self.path_for(registration)

        page = self.client.get(path)

        self.assertEqual(page.status_code, 200)
        self.assertIn("is voorbij", main_text(page))
        self.assertIn("Sanne de Vries", main_text(page))
        self.assertIsNone(soup(page).find("main").find("form"))
        refused = self.post(path, change_data(name="Later veranderd"))
        self.assertEqual(refused.status_code, 410)
        registration.refresh_from_db()
        self.assertEqual((registration.name, registration.status), ("Sanne de Vries", "confirmed"))

    def test_a_link_for_another_registration_or_purpose_is_refused(self):
        mine = self.registration()
        theirs = self.registration(email="kees@ede.example", name="Kees")
        # Kees's id with a fingerprint of Sanne's address: the signature is valid, the row is not hers.
        forged = core_tokens.make_token(tokens.MANAGE, theirs.pk, mine.email)
        manage = self.path_for(mine)
        token = manage.rstrip("/").rsplit("/", 1)[-1]
        cancel_token = tokens.make_token(mine, tokens.CANCEL)
        confirm_token = tokens.make_token(mine, tokens.CONFIRM)

        for path in (
            f"{manage_prefix()}{forged}/",
            f"{manage_prefix()}{cancel_token}/",  # a cancel link is not a manage link
            f"{manage_prefix()}{confirm_token}/",
            f"{manage_prefix()}{token[:-2]}xx/",
            f"{manage_prefix()}{signing.dumps([mine.pk, 'x'], salt=tokens.MANAGE)}/",
            f"/aanmelden/afmelden/{token}/",  # nor the other way round
        ):
            for response in (self.client.get(path), self.post(path, change_data(name="Ingebroken"))):
                self.assertEqual(response.status_code, 404, path)
                self.assertIn("Deze link werkt niet", main_text(response))
        self.assertEqual(Registration.objects.get(pk=theirs.pk).name, "Kees")
        self.assertEqual(Registration.objects.get(pk=mine.pk).status, Registration.Status.CONFIRMED)

    def test_old_cancel_links_keep_working(self):
        registration = self.registration()
        old_link = self.path_for(registration, tokens.CANCEL)

        self.assertIn("Ja, meld mij af", main_text(self.client.get(old_link)))
        self.post(old_link)

        registration.refresh_from_db()
        self.assertEqual(registration.status, Registration.Status.CANCELLED)

    @override_settings(FORM_RATE_LIMIT="2/d", FORM_RATE_LIMIT_CLIENT_IP_HEADER="")
    def test_changing_and_cancelling_are_rate_limited(self):
        registration = self.registration()
        path = self.path_for(registration)
        for n in range(2):
            self.assertEqual(self.post(path, change_data(name=f"Sanne {n}")).status_code, 303)

        flooded = self.post(path, change_data(name="Te vaak"))
        refused_cancel = self.post(self.path_for(registration, tokens.CANCEL))

        self.assertEqual((flooded.status_code, refused_cancel.status_code), (429, 429))
        self.assertIn("veel formulieren verstuurd", main_text(flooded))
        self.assertIn("veel formulieren verstuurd", main_text(refused_cancel))
        registration.refresh_from_db()
        self.assertEqual((registration.name, registration.status), ("Sanne 1", "confirmed"))


class LanguageTests(ManageTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.english = translate(cls.meeting, {"Intervisie eenzaamheid": ENGLISH_TITLE})

    def test_the_page_is_in_the_registrants_language_whatever_the_link_or_browser_says(self):
        english = self.registration(language="en")
        dutch = self.registration(email="kees@ede.example", name="Kees", language="nl")

        for path in (self.path_for(english, language="en"), self.path_for(english, language="nl")):
            page = self.client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
            self.assertEqual(soup(page).html["lang"], "en", path)
            self.assertIn(ENGLISH_TITLE, main_text(page))
        page = self.client.get(self.path_for(dutch), HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(soup(page).html["lang"], "nl")
        self.assertIn("Intervisie eenzaamheid", main_text(page))
        self.assertNotIn(ENGLISH_TITLE, main_text(page))

    def test_the_english_page_in_english_words(self):
        # Waits for the English catalogue (``/tmp/translations/registrations.json``).
        registration = self.registration(language="en", status=Registration.Status.WAITLISTED)

        text = main_text(self.client.get(self.path_for(registration)))

        self.assertIn("Your registration", text)
        self.assertIn("You are number 1 on the waitlist.", text)
        self.assertIn("Save changes", text)

    def test_mails_and_their_calendar_files_use_the_title_in_the_registrants_language(self):
        self.post(f"/en/register/meeting/{self.english.pk}/", form_data(municipality=str(self.ede.pk)))
        self.confirm("sanne@ede.example", language="en")
        self.register_and_confirm(email="kees@ede.example")

        for address, title, other in (
            ("sanne@ede.example", ENGLISH_TITLE, "Intervisie eenzaamheid"),
            ("kees@ede.example", "Intervisie eenzaamheid", ENGLISH_TITLE),
        ):
            [link, confirmed] = self.messages_to(address)
            for message in (link, confirmed):
                self.assertIn(title, message["Subject"])
                for part in (text_body(message), html_body(message)):
                    self.assertIn(title, part)
                    self.assertNotIn(other, part)
            [event] = calendar_of(confirmed).walk("VEVENT")
            self.assertEqual(str(event["SUMMARY"]), title)
        # The English registrant's link leads to the English page.
        self.assertTrue(self.manage_path("sanne@ede.example", language="en").startswith("/en/"))


class ConfirmationPageTests(ManageTestCase):
    def test_the_page_after_confirming_repeats_what_was_entered_and_links_to_the_registrants_page(self):
        self.register(name="Sanne de Vries", municipality="", organisation="Stichting Dorpshuis Lunteren")

        page = self.confirm("sanne@ede.example")

        details = soup(page).find(class_="registration-details").get_text(" ", strip=True)
        for shown in (
            "Sanne de Vries",
            "Stichting Dorpshuis Lunteren",
            "Intervisie eenzaamheid",
            "Provinciehuis",
        ):
            self.assertIn(shown, details)
        self.assertIn(dutch_date(self.meeting.start), details)
        link = soup(page).find("main").find("a", href=lambda href: href and href.startswith(manage_prefix()))
        self.assertIsNotNone(link)
        self.assertEqual(self.client.get(link["href"]).status_code, 200)

    def test_a_waitlisted_confirmation_shows_the_details_too(self):
        for n in range(2):
            self.register_and_confirm(email=f"snel{n}@ede.example")
        self.register(email="wacht@ede.example", name="Wacht Even")

        page = self.confirm("wacht@ede.example")

        self.assertIn("U staat op de wachtlijst", main_text(page))
        self.assertIn("Wacht Even", soup(page).find(class_="registration-details").get_text())
