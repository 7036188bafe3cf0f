"""A municipality says it is interested in a pilot, end to end: the form on the pilots index, the
submission stored once, the team's mail at the address from the site settings and the sender's
acknowledgement (through a real SMTP server), every kind of bad input, and a mail server that is
down and comes back.
"""

import datetime

from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.ratelimit import RATE_LIMIT_MESSAGE
from knowledge.models import Municipality
from pilot_interest.forms import is_phone_number
from pilot_interest.models import PilotInterest
from tests.factories.home import StandardPageFactory, dutch_home, site_footer
from tests.factories.knowledge import PilotPageFactory, build_site
from tests.factories.translation import translate
from tests.mail_support import SmtpTestCase, html_body, text_body
from tests.smtp_sink import SmtpSink
from tests.task_support import run_due_tasks
from tests.utils import main_text, soup

FORM_URL = "/pilots/belangstelling/"
FORM_URL_EN = "/en/pilots/interest/"
THANKS_URL = "/pilots/belangstelling/verstuurd/"
TEAM = "pilots@gelderland.example"
SENDER = "sanne@ede.example"
CHALLENGE = (
    "In Veldhuizen wonen veel ouderen alleen. Het buurthuis is vaak dicht en er is weinig contact "
    "tussen oude en nieuwe bewoners. We willen samen met bewoners iets opzetten."
)
TASKS_IN_THE_DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAIL_TASK = "core.mail.tasks.send_transactional_mail"


def mail_tasks(**filters):
    return DBTaskResult.objects.filter(task_path=MAIL_TASK, **filters)


def form_data(**overrides):
    data = {
        "municipality": str(Municipality.objects.get(name="Ede").pk),
        "contact_name": "Sanne de Vries",
        "email": SENDER,
        "phone": "0318 68 01 11",
        "place": "Veldhuizen",
        "challenge": CHALLENGE,
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def summary_messages(response):
    summary = soup(response).find(class_="error-summary")
    assert summary is not None, "no error summary on the page"
    return [(link["href"], link.get_text()) for link in summary.find_all("a")]


class PilotInterestTestCase(SmtpTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=())
        cls.privacy = StandardPageFactory(parent=dutch_home(), title="Privacy", slug="privacy")
        footer = site_footer()  # the team's address: the footer the site settings choose
        footer.email = TEAM
        footer.save()
        cls.ede = Municipality.objects.get(name="Ede")

    def submit(self, url=FORM_URL, **overrides):
        # Mail is queued after the commit; a TestCase never commits, so run those callbacks.
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, form_data(**overrides))

    def assert_thanked(self, response, url=THANKS_URL):
        """Redirected (303) to the thank-you page, which says thank you; returns that page."""
        self.assertRedirects(response, url, status_code=303)
        thanks = self.client.get(response["Location"])
        self.assertIn("Bedankt voor uw belangstelling", main_text(thanks))
        return thanks

    def team_mails(self):
        return self.sink.messages_to(TEAM)

    def acknowledgements(self, address=SENDER):
        return self.sink.messages_to(address)


class IndexPageTests(PilotInterestTestCase):
    def test_the_pilots_index_holds_the_form_with_every_field_and_the_privacy_link(self):
        response = self.client.get(self.tree.pilot_index.url)

        self.assertEqual(response.status_code, 200)
        section = soup(response).find("section", id="pilot-interest")
        self.assertIn("Wil uw gemeente ook een pilot?", section.find("h2").get_text())
        form = section.find("form", class_="pilot-interest-form")
        self.assertEqual((form["method"], form["action"]), ("post", FORM_URL))
        self.assertIsNotNone(form.find("input", attrs={"name": "csrfmiddlewaretoken"}))
        for name in ("municipality", "contact_name", "email", "phone", "place", "challenge", "consent"):
            with self.subTest(field=name):
                control = form.find(attrs={"name": name})
                self.assertIsNotNone(control)
                label = form.find("label", attrs={"for": control["id"]})
                self.assertTrue(label.get_text(strip=True))
        options = form.find("select", attrs={"name": "municipality"}).find_all("option")
        self.assertEqual(len(options), 1 + 51)  # "Kies een gemeente" and the 51 of Gelderland
        self.assertEqual(form.find("input", attrs={"name": "phone"})["type"], "tel")
        consent = form.find(class_="field--consent")
        self.assertEqual([a["href"] for a in consent.find_all("a")], [self.privacy.url])
        invitation = soup(response).find(class_="pilot-interest-invitation").find("a")
        self.assertEqual(invitation["href"], "#pilot-interest")

    def test_the_index_with_the_form_is_never_a_shared_or_revalidated_answer(self):
        for shared_seconds in (0, 600):
            with (
                self.subTest(SHARED_CACHE_SECONDS=shared_seconds),
                override_settings(SHARED_CACHE_SECONDS=shared_seconds),
            ):
                response = self.client.get(self.tree.pilot_index.url)
                directives = cache_control(response)
                self.assertLessEqual({"private", "no-cache"}, directives)
                self.assertNotIn("public", directives)
                self.assertFalse(any(part.startswith("s-maxage") for part in directives))
                self.assertFalse(response.has_header("ETag"))
        # The control: a page without a form beside it is still public.
        self.assertIn("public", cache_control(self.client.get(self.tree.news_index.url)))

    def test_the_form_has_a_page_of_its_own_that_is_never_cached(self):
        response = self.client.get(FORM_URL)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(soup(response).find("h1").get_text(strip=True), "Belangstelling voor een pilot")
        self.assertIsNotNone(soup(response).find("form", class_="pilot-interest-form"))
        self.assertIn("no-cache", response["Cache-Control"])
        self.assertNotIn("public", response["Cache-Control"])
        self.assertIn(self.tree.pilot_index.url, [a["href"] for a in soup(response).find("main")("a")])

    def test_the_english_index_holds_the_form_posting_to_the_english_url(self):
        # Passes once the English catalogue has the URL path (context "URL path of pilot interest").
        translate(self.tree.pilot_index)

        response = self.client.get("/en/pilots/")

        self.assertEqual(response.status_code, 200)
        form = soup(response).find("form", class_="pilot-interest-form")
        self.assertEqual(form["action"], FORM_URL_EN)
        self.assertEqual(self.client.get(FORM_URL_EN).status_code, 200)

    def test_every_pilot_page_ends_with_the_invitation_to_the_form_in_its_language(self):
        pilot = PilotPageFactory(parent=self.tree.pilot_index, title="Huiskamer in Presikhaaf")
        translate(self.tree.pilot_index)
        english = translate(pilot, {"Huiskamer in Presikhaaf": "Living room in Presikhaaf"})

        for page, heading, button, form_url in (
            (pilot, "Ook interesse in een pilot in uw gemeente?", "Laat het ons weten", FORM_URL),
            (english, "Interested in a pilot in your municipality too?", "Let us know", FORM_URL_EN),
        ):
            with self.subTest(page=page.url):
                response = self.client.get(page.url)
                invitation = soup(response).find("section", class_="pilot-interest--link")
                self.assertEqual(invitation.find("h2").get_text(strip=True), heading)
                link = invitation.find("a", class_="button")
                self.assertEqual((link.get_text(strip=True), link["href"]), (button, form_url))
                self.assertIsNone(invitation.find("form"))  # a link: the pilot page stays shareable
                self.assertIn("public", cache_control(response))

    def test_the_form_does_not_answer_other_methods(self):
        for method in ("put", "delete", "patch"):
            with self.subTest(method=method):
                self.assertEqual(getattr(self.client, method)(FORM_URL).status_code, 405)
        self.assertEqual(self.client.head(FORM_URL).status_code, 200)  # link checkers
        self.assertFalse(PilotInterest.objects.exists())


class SubmissionTests(PilotInterestTestCase):
    def test_a_submission_is_stored_and_mailed_to_the_team_address_in_the_site_settings(self):
        response = self.submit()

        thanks = self.assert_thanked(response)
        # The thank-you page names nobody: nothing personal travels to it.
        self.assertIn("We sturen een bevestiging naar het e-mailadres dat u invulde.", main_text(thanks))
        self.assertNotIn(SENDER, thanks.content.decode())
        self.assertIsNotNone(soup(thanks).find(attrs={"role": "status"}))
        self.assertIn("no-cache", thanks["Cache-Control"])
        self.assertIn(self.tree.pilot_index.url, [a["href"] for a in soup(thanks).find("main")("a")])
        interest = PilotInterest.objects.get()
        self.assertEqual(
            (
                interest.municipality,
                interest.contact_name,
                interest.email,
                interest.phone,
                interest.place,
                interest.challenge,
                interest.language,
                interest.status,
            ),
            (self.ede, "Sanne de Vries", SENDER, "0318 68 01 11", "Veldhuizen", CHALLENGE, "nl", "new"),
        )
        self.assertIsNotNone(interest.consent_given_at)

        [team] = self.team_mails()
        self.assertEqual(team["Subject"], "Belangstelling voor een pilot: Veldhuizen (Ede)")
        [reply_to] = team["Reply-To"].addresses
        self.assertEqual((reply_to.display_name, reply_to.addr_spec), ("Sanne de Vries", SENDER))
        for part in (text_body(team), html_body(team)):
            for shown in ("Ede", "Veldhuizen", "Sanne de Vries", SENDER, "0318 68 01 11", "Het buurthuis"):
                self.assertIn(shown, part)
            self.assertIn(f"http://127.0.0.1:8000/admin/belangstelling-pilots/edit/{interest.pk}/", part)
        self.assertIn("Taal: Nederlands", text_body(team))
        interest.refresh_from_db()
        self.assertIsNotNone(interest.team_mail_sent_at)
        self.assertIsNotNone(interest.acknowledgement_sent_at)
        self.assertEqual(interest.mail_error, "")

    def test_the_sender_gets_an_acknowledgement_in_dutch_with_what_they_sent(self):
        self.submit()

        [message] = self.acknowledgements()
        self.assertEqual(
            message["Subject"], "We hebben uw belangstelling voor een pilot ontvangen: Veldhuizen"
        )
        self.assertEqual(message["Reply-To"].addresses[0].addr_spec, TEAM)
        self.assertEqual(message["Auto-Submitted"], "auto-generated")
        for part in (text_body(message), html_body(message)):
            self.assertIn("Beste Sanne de Vries,", part)
            self.assertIn("Bedankt voor uw belangstelling voor een pilot in de gemeente Ede", part)
            self.assertIn("Het buurthuis is vaak dicht", part)
            self.assertIn("http://127.0.0.1:8000/pilots/", part)
        self.assertRegex(html_body(message), r'<html lang="nl"[ >]')
        self.assertIn('href="http://127.0.0.1:8000/pilots/"', html_body(message))  # the button
        self.assertEqual(len(self.sink.messages), 2)  # the team's mail and this one, nothing else

    def test_the_team_address_is_read_from_the_site_settings_when_the_mail_goes_out(self):
        footer = site_footer()
        footer.email = "nieuw-adres@gelderland.example"
        footer.save()

        self.submit()

        self.assertEqual(len(self.sink.messages_to("nieuw-adres@gelderland.example")), 1)
        self.assertEqual(self.team_mails(), [])

    def test_an_english_submission_gets_the_english_acknowledgement(self):
        # Passes once the English catalogue has this app's strings (the /en/ URL included).
        pilots_en = translate(self.tree.pilot_index)

        response = self.submit(url=FORM_URL_EN)

        self.assertEqual(response.status_code, 303)
        self.assertTrue(response["Location"].startswith("/en/pilots/interest/"), response["Location"])
        self.assertIn('<html lang="en"', self.client.get(response["Location"]).content.decode())
        self.assertEqual(PilotInterest.objects.get().language, "en")
        [message] = self.acknowledgements()
        for part in (text_body(message), html_body(message)):
            self.assertIn("Dear Sanne de Vries,", part)
            self.assertNotIn("Bedankt", part)
            self.assertIn(f"http://127.0.0.1:8000{pilots_en.url}", part)
        [team] = self.team_mails()  # the team reads Dutch, whatever the sender's language
        self.assertIn("Taal: Engels", text_body(team))
        self.assertIn("Belangstelling voor een pilot", team["Subject"])

    def test_a_name_with_line_breaks_stays_on_one_line_and_adds_no_recipient(self):
        self.submit(contact_name="Sanne\r\nBcc: iemand@elders.example", place="Veldhuizen\nOost")

        interest = PilotInterest.objects.get()
        self.assertEqual(
            (interest.contact_name, interest.place), ("Sanne Bcc: iemand@elders.example", "Veldhuizen Oost")
        )
        self.assertEqual(sorted(self.sink.recipients()), sorted([TEAM, SENDER]))
        self.assertEqual(
            self.team_mails()[0]["Subject"], "Belangstelling voor een pilot: Veldhuizen Oost (Ede)"
        )


class DoubleSubmitTests(PilotInterestTestCase):
    def test_the_same_form_twice_is_stored_once_and_mailed_once(self):
        first = self.submit()
        again = self.submit(email=" Sanne@Ede.example", place="veldhuizen ")

        for response in (first, again):
            self.assert_thanked(response)
        self.assertEqual(PilotInterest.objects.count(), 1)
        self.assertEqual(len(self.team_mails()), 1)
        self.assertEqual(len(self.acknowledgements()), 1)

    def test_reloading_the_thank_you_page_sends_nothing_again(self):
        self.assert_thanked(self.submit())

        for _reload in range(2):
            self.assertEqual(self.client.get(THANKS_URL).status_code, 200)

        self.assertEqual(PilotInterest.objects.count(), 1)
        self.assertEqual((len(self.team_mails()), len(self.acknowledgements())), (1, 1))

    def test_another_place_or_a_day_later_is_a_new_submission(self):
        self.submit()
        self.submit(place="Ede-Zuid")
        self.assertEqual(PilotInterest.objects.count(), 2)

        PilotInterest.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
        self.submit()

        self.assertEqual(PilotInterest.objects.count(), 3)
        self.assertEqual(len(self.team_mails()), 3)


class BadInputTests(PilotInterestTestCase):
    REQUIRED = {
        "municipality": "Kies een gemeente uit de lijst.",
        "contact_name": "Vul uw naam in.",
        "email": "Vul uw e-mailadres in.",
        "place": "Vul de wijk of het dorp in.",
        "challenge": "Beschrijf de uitdaging in een paar zinnen.",
        "consent": "Zet een vinkje als u akkoord gaat met de privacyverklaring.",
    }

    def assert_refused(self, response, field, message, status=400):
        self.assertEqual(response.status_code, status)
        self.assertIn((f"#pilot-interest-{field}", message), summary_messages(response))
        error = soup(response).find(id=f"pilot-interest-{field}-error")
        self.assertEqual(error.get_text(" ", strip=True), f"Fout: {message}")
        control = soup(response).find(id=f"pilot-interest-{field}")
        self.assertEqual(control["aria-describedby"], f"pilot-interest-{field}-error")
        self.assertEqual(control["aria-invalid"], "true")
        self.assertFalse(PilotInterest.objects.exists())
        self.assertEqual(self.sink.messages, [])
        self.assertEqual(mail.outbox, [])
        self.assertIn("no-cache", response["Cache-Control"])

    def test_each_required_field_left_empty_gets_its_own_message(self):
        for field, message in self.REQUIRED.items():
            with self.subTest(field=field):
                self.assert_refused(self.submit(**{field: ""}), field, message)
        with self.subTest("spaces only"):
            self.assert_refused(self.submit(contact_name="   "), "contact_name", "Vul uw naam in.")

    def test_everything_empty_lists_every_problem_in_the_order_of_the_form(self):
        response = self.submit(**dict.fromkeys(self.REQUIRED, ""), phone="")

        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            [message for _anchor, message in summary_messages(response)], list(self.REQUIRED.values())
        )
        self.assertEqual(soup(response).find("h1").get_text(strip=True), "Belangstelling voor een pilot")

    def test_an_invalid_address_is_refused_and_what_was_typed_stays(self):
        response = self.submit(email="sanne-at-ede")

        self.assert_refused(
            response, "email", "Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."
        )
        page = soup(response)
        self.assertEqual(page.find("input", attrs={"name": "email"})["value"], "sanne-at-ede")
        self.assertEqual(page.find("input", attrs={"name": "contact_name"})["value"], "Sanne de Vries")
        self.assertIn(
            "Het buurthuis is vaak dicht", page.find("textarea", attrs={"name": "challenge"}).get_text()
        )

    def test_an_invalid_phone_number_is_refused(self):
        message = (
            "Vul een geldig telefoonnummer in, bijvoorbeeld 026 359 99 99 of +31 6 12345678. "
            "U mag dit veld ook leeg laten."
        )
        for phone in ("bel me maar", "12345", "06-1234567a", "+31 6 1234 5678 9012 34", "0318 + 680111"):
            with self.subTest(phone=phone):
                self.assert_refused(self.submit(phone=phone), "phone", message)

    def test_phone_numbers_as_people_write_them_are_accepted(self):
        for phone in (
            "026 359 99 99",
            "+31 6 12345678",
            "(0314) 12 34 56",
            "0031-26-3599999",
            "14 026",
            "0800-1234",
        ):
            with self.subTest(phone=phone):
                self.assertTrue(is_phone_number(phone))
        self.submit(phone="")
        self.assertEqual(PilotInterest.objects.get().phone, "")

    def test_an_unknown_municipality_is_refused(self):
        for value in ("999999", "Ede", "1 OR 1=1"):
            with self.subTest(value=value):
                self.assert_refused(
                    self.submit(municipality=value), "municipality", "Kies een gemeente uit de lijst."
                )

    def test_a_challenge_too_short_or_too_long_is_refused(self):
        self.assert_refused(
            self.submit(challenge="Eenzaamheid."),
            "challenge",
            "Beschrijf de uitdaging in een paar zinnen: gebruik minstens 40 tekens.",
        )
        self.assert_refused(self.submit(challenge="x" * 2001), "challenge", "Gebruik hoogstens 2000 tekens.")

    def test_no_consent_is_refused(self):
        self.assert_refused(
            self.submit(consent=None),
            "consent",
            "Zet een vinkje als u akkoord gaat met de privacyverklaring.",
        )

    def test_control_characters_get_a_message_not_an_error_page(self):
        response = self.submit(contact_name="Sanne\x00de Vries")

        self.assertEqual(response.status_code, 400)
        self.assertFalse(PilotInterest.objects.exists())

    def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_happens(self):
        response = self.submit(website="https://spam.example")

        self.assert_thanked(response)
        self.assertFalse(PilotInterest.objects.exists())
        self.assertEqual(self.sink.messages, [])

    # Per day, not per minute: django-ratelimit counts in fixed windows, and three posts must not
    # straddle the end of one.
    @override_settings(FORM_RATE_LIMIT="2/d")
    def test_a_flood_is_stopped_by_the_rate_limit_and_keeps_what_was_typed(self):
        for place in ("Veldhuizen", "Ede-Zuid"):
            self.assertEqual(self.submit(place=place).status_code, 303)

        response = self.submit(place="Bennekom")

        self.assertEqual(response.status_code, 429)
        summary = soup(response).find(class_="error-summary")
        self.assertIn(str(RATE_LIMIT_MESSAGE), summary.get_text(" ", strip=True))
        self.assertEqual(soup(response).find("input", attrs={"name": "place"})["value"], "Bennekom")
        self.assertFalse(PilotInterest.objects.filter(place="Bennekom").exists())
        self.assertEqual(len(self.team_mails()), 2)


class MailServerDownTests(PilotInterestTestCase):
    def test_a_dead_mail_server_loses_no_submission_and_shows_the_error_to_editors(self):
        down = SmtpSink()  # never started: nothing listens on its port
        with down.settings_override():
            response = self.submit()

        self.assert_thanked(response)
        interest = PilotInterest.objects.get()
        self.assertIsNone(interest.team_mail_sent_at)
        self.assertIsNone(interest.acknowledgement_sent_at)
        lines = interest.mail_error.splitlines()
        self.assertEqual(len(lines), 2)
        self.assertTrue(lines[0].startswith("aan het team: "), lines)
        self.assertTrue(lines[1].startswith("bevestiging aan de afzender: "), lines)

    @override_settings(TASKS=TASKS_IN_THE_DATABASE)
    def test_the_mails_are_tried_again_later_and_the_error_goes_when_they_are_sent(self):
        down = SmtpSink()
        with down.settings_override():
            response = self.submit()
            self.assertEqual(response.status_code, 303)
            self.assertEqual(mail_tasks().count(), 2)  # queued, not sent in the request
            run_due_tasks()

        interest = PilotInterest.objects.get()
        self.assertEqual(len(interest.mail_error.splitlines()), 2)
        retries = mail_tasks(status="READY")
        self.assertEqual(
            sorted(tuple(result.args_kwargs["args"]) for result in retries),
            [("pilot_interest.acknowledgement", interest.pk, 2), ("pilot_interest.team", interest.pk, 2)],
        )
        self.assertTrue(
            all(result.run_after > timezone.now() + datetime.timedelta(seconds=50) for result in retries)
        )
        self.assertEqual(run_due_tasks(), 0)  # not due yet

        retries.update(run_after=timezone.now() - datetime.timedelta(seconds=1))  # time passes
        self.assertEqual(run_due_tasks(), 2)  # the server is back (self.sink) for both mails

        interest.refresh_from_db()
        self.assertEqual(interest.mail_error, "")
        self.assertIsNotNone(interest.team_mail_sent_at)
        self.assertIsNotNone(interest.acknowledgement_sent_at)
        self.assertEqual((len(self.team_mails()), len(self.acknowledgements())), (1, 1))
        self.assertEqual(mail_tasks(status="READY").count(), 0)

    @override_settings(TASKS=TASKS_IN_THE_DATABASE)
    def test_one_mail_failing_leaves_the_other_mails_record_alone(self):
        self.sink.refuse_temporarily.add(SENDER)
        self.submit()
        run_due_tasks()

        interest = PilotInterest.objects.get()
        self.assertIsNotNone(interest.team_mail_sent_at)
        self.assertIsNone(interest.acknowledgement_sent_at)
        [line] = interest.mail_error.splitlines()
        self.assertTrue(line.startswith("bevestiging aan de afzender: "), line)
        self.assertIn("451", line)

        self.sink.refuse_temporarily.clear()
        mail_tasks(status="READY").update(run_after=timezone.now() - datetime.timedelta(seconds=1))
        run_due_tasks()

        interest.refresh_from_db()
        self.assertEqual(interest.mail_error, "")
        self.assertEqual(len(self.team_mails()), 1)  # the team's mail went once, and only once

    @override_settings(TASKS=TASKS_IN_THE_DATABASE)
    def test_an_address_refused_for_good_is_not_tried_again(self):
        self.sink.refuse_permanently.add(SENDER)
        self.submit()
        run_due_tasks()

        interest = PilotInterest.objects.get()
        self.assertIn("550", interest.mail_error)
        self.assertEqual(mail_tasks(status="READY").count(), 0)
        self.assertEqual(len(self.team_mails()), 1)
