"""A visitor subscribes to the kwartaalupdate, confirms through the mail, changes and ends it.

Mails go through a real SMTP server (``SmtpSink``); the tests read the links out of the message
that arrived, the way a subscriber clicks them. Only POSTs change anything: every GET is checked
to leave the subscriber as it was, since mail scanners follow links on their own.
"""

import time
from datetime import timedelta

from django.core import mail, signing
from django.test import RequestFactory, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import tokens as core_tokens
from knowledge.models import Municipality
from newsletter import tokens
from newsletter.links import personal_urls
from newsletter.models import Subscriber, SuppressedAddress, address_hash
from tests.factories.knowledge import ThemePageFactory, build_site
from tests.factories.newsletter import SubscriberFactory
from tests.mail_support import SmtpTestCase, html_body, path_of_link, text_body
from tests.smtp_sink import free_port
from tests.task_support import run_due_tasks
from tests.utils import main_text, soup

SUBSCRIBE = "/kwartaalupdate/aanmelden/"
SUBSCRIBE_EN = "/en/kwartaalupdate/subscribe/"
SENT = "/kwartaalupdate/aanmelden/verstuurd/"
MAIL_TASK = "core.mail.tasks.send_transactional_mail"


def form_data(**overrides):
    data = {
        "email": "ambtenaar@ede.example",
        "language": "nl",
        "name": "Sanne de Vries",
        "organisation": "Gemeente Ede",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


class _SignerInThePast(signing.TimestampSigner):
    """Signs with a timestamp ``age`` seconds ago: a real token, made as if back then."""

    def __init__(self, age, **kwargs):
        super().__init__(**kwargs)
        self.age = age

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - self.age)


def signed_long_ago(data, salt, age):
    return _SignerInThePast(age, salt=salt).sign_object(data, compress=True)


class SubscriptionTestCase(SmtpTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        cls.lonely = cls.tree.themes["eenzaamheid"]
        cls.poverty = cls.tree.themes["armoede-en-schulden"]
        cls.draft_theme = ThemePageFactory(parent=cls.tree.theme_index, title="Nog geheim", live=False)

    def subscribe(self, path=SUBSCRIBE, **overrides):
        # Mail is queued after the commit; a TestCase never commits, so run those callbacks.
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(path, form_data(**overrides))

    def press(self, link):
        """Press the button behind a link from a mail (a POST, which may queue a mail too)."""
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(link)


class SubscribeFormTests(SubscriptionTestCase):
    def test_form_asks_everything_with_labels_and_links_the_privacy_statement(self):
        response = self.client.get(SUBSCRIBE)

        self.assertEqual(response.status_code, 200)
        page = soup(response)
        form = page.find("form", class_="subscription-form")
        for name in ("email", "name", "organisation", "consent"):
            field = form.find("input", attrs={"name": name})
            self.assertIsNotNone(page.find("label", attrs={"for": field["id"]}), name)
        legends = [" ".join(legend.get_text().split()) for legend in form.find_all("legend")]
        self.assertIn("Over welke thema's wilt u vooral lezen? (mag leeg blijven)", legends)
        self.assertIn("In welke taal wilt u de kwartaalupdate lezen?", legends)
        theme_labels = [
            label.get_text(strip=True)
            for box in form.find_all("input", attrs={"name": "themes"})
            for label in page.find_all("label", attrs={"for": box["id"]})
        ]
        self.assertIn("Eenzaamheid", theme_labels)
        self.assertNotIn("Nog geheim", theme_labels)
        self.assertIn("/privacy/", [a["href"] for a in form.find_all("a")])
        self.assertEqual(response.headers["Cache-Control"].count("no-cache"), 1)

    def test_the_municipality_is_chosen_from_the_51_of_gelderland(self):
        select = soup(self.client.get(SUBSCRIBE)).find("select", attrs={"name": "municipality"})
        options = [option.get_text(strip=True) for option in select.find_all("option")]
        self.assertEqual(len(options), 1 + 51)
        self.assertEqual(options[0], "Ik werk niet voor een gemeente in Gelderland")
        self.assertEqual(options[1:], sorted(options[1:]))
        self.assertIn("Zutphen", options)
        label = soup(self.client.get(SUBSCRIBE)).find("label", attrs={"for": select["id"]})
        self.assertEqual(label.get_text(strip=True), "Voor welke gemeente werkt u? (mag leeg blijven)")

        ede = Municipality.objects.get(name="Ede")
        self.assertRedirects(self.subscribe(municipality=ede.pk, organisation=""), SENT, status_code=303)
        self.assertEqual(Subscriber.objects.get().municipality, ede)

    def test_a_municipality_that_is_not_in_the_list_is_refused(self):
        response = self.subscribe(municipality="999999")

        self.assertEqual(response.status_code, 400)
        self.assertIn("Kies een gemeente uit de lijst.", main_text(response))
        self.assertFalse(Subscriber.objects.exists())

    def test_english_form_is_in_english(self):
        response = self.client.get(SUBSCRIBE_EN)

        self.assertEqual(response.status_code, 200)
        self.assertIn("Subscribe to the quarterly update", main_text(response))


class DoubleOptInTests(SubscriptionTestCase):
    def test_subscribe_then_confirm_through_the_link_in_the_mail(self):
        response = self.subscribe(themes=[self.lonely.pk, self.poverty.pk])

        self.assertRedirects(response, SENT, status_code=303)
        subscriber = Subscriber.objects.get(email="ambtenaar@ede.example")
        self.assertEqual(subscriber.status, Subscriber.Status.PENDING)
        self.assertEqual(subscriber.consent_source, Subscriber.Source.FORM)
        self.assertEqual(subscriber.consent_form, "kwartaalupdate-aanmelden")
        self.assertIsNotNone(subscriber.consent_given_at)
        self.assertIsNone(subscriber.confirmed_at)
        self.assertEqual(set(subscriber.themes.all()), {self.lonely, self.poverty})

        [message] = self.sink.messages_to("ambtenaar@ede.example")
        self.assertEqual(message["Subject"], "Bevestig uw aanmelding voor de kwartaalupdate")
        self.assertIn("Bevestig uw aanmelding via deze link", text_body(message))
        link = path_of_link(message, "/kwartaalupdate/bevestigen/")
        self.assertIn(link, html_body(message))

        opened = self.client.get(link)  # what a mail scanner does too

        self.assertEqual(opened.status_code, 200)
        self.assertEqual(len(soup(opened).find("main").find_all("form", method="post")), 1)
        subscriber.refresh_from_db()
        self.assertEqual(subscriber.status, Subscriber.Status.PENDING)

        confirmed = self.press(link)

        self.assertEqual(confirmed.status_code, 200)
        self.assertIn("U bent aangemeld", main_text(confirmed))
        subscriber.refresh_from_db()
        self.assertEqual(subscriber.status, Subscriber.Status.CONFIRMED)
        self.assertIsNotNone(subscriber.confirmed_at)
        preferences = personal_urls(subscriber)["preferences"]
        self.assertIn(
            preferences.removeprefix("http://127.0.0.1:8000"),
            [a["href"] for a in soup(confirmed).find("main").find_all("a")],
        )

        # Then a welcome, with the links to change or end the subscription.
        [_confirmation, welcome] = self.sink.messages_to("ambtenaar@ede.example")
        self.assertEqual(welcome["Subject"], "Welkom bij de kwartaalupdate")
        for fragment in ("/kwartaalupdate/voorkeuren/", "/kwartaalupdate/afmelden/"):
            link = path_of_link(welcome, fragment)
            self.assertIn(link, html_body(welcome))
            self.assertEqual(self.client.get(link).status_code, 200)
        self.assertIn("U bent nu aangemeld voor de kwartaalupdate", text_body(welcome))
        self.assertIn("U bent nu aangemeld voor de kwartaalupdate", html_body(welcome))
        subscriber.refresh_from_db()
        self.assertEqual(subscriber.status, Subscriber.Status.CONFIRMED)  # opening them changed nothing

    def test_english_subscriber_gets_an_english_mail_with_an_english_link(self):
        response = self.subscribe(SUBSCRIBE_EN, email="Officer@Tiel.example", language="en")

        self.assertRedirects(response, "/en/kwartaalupdate/subscribe/sent/", status_code=303)
        [message] = self.sink.messages_to("officer@tiel.example")
        self.assertEqual(message["Subject"], "Confirm your subscription to the quarterly update")
        link = path_of_link(message, "/en/kwartaalupdate/confirm/")
        self.assertIn("Confirm your subscription", main_text(self.client.get(link)))
        self.assertEqual(self.press(link).status_code, 200)
        self.assertEqual(Subscriber.objects.get().status, Subscriber.Status.CONFIRMED)
        welcome = self.sink.messages_to("officer@tiel.example")[-1]
        self.assertEqual(welcome["Content-Language"], "en")
        path_of_link(welcome, "/en/kwartaalupdate/preferences/")  # the English pages
        # Passes once the English catalogue has the welcome mail's strings.
        self.assertEqual(welcome["Subject"], "Welcome to the quarterly update")

    def test_confirming_twice_keeps_the_first_confirmation(self):
        self.subscribe()
        link = path_of_link(self.sink.messages[0], "/bevestigen/")
        self.press(link)
        first = Subscriber.objects.get().confirmed_at

        again = self.press(link)

        self.assertEqual(again.status_code, 200)
        self.assertIn("U bent al aangemeld", main_text(again))
        self.assertEqual(Subscriber.objects.get().confirmed_at, first)
        subjects = [message["Subject"] for message in self.sink.messages]
        self.assertEqual(subjects.count("Welkom bij de kwartaalupdate"), 1)  # welcomed once

    def test_confirming_lifts_the_suppression_of_an_erased_address(self):
        SuppressedAddress.objects.create(address_hash=address_hash("ambtenaar@ede.example"))
        self.subscribe()
        self.press(path_of_link(self.sink.messages[0], "/bevestigen/"))

        self.assertFalse(SuppressedAddress.is_suppressed("ambtenaar@ede.example"))
        self.assertEqual(Subscriber.objects.get().status, Subscriber.Status.CONFIRMED)


class NoEnumerationTests(SubscriptionTestCase):
    """Whatever the site knows about an address, the visitor sees the same answer."""

    def answer(self, email):
        response = self.subscribe(email=email, name="Iemand anders")
        followed = self.client.get(response["Location"])
        return response.status_code, response["Location"], main_text(followed)

    def test_new_pending_confirmed_and_unsubscribed_addresses_get_the_same_answer(self):
        SubscriberFactory(email="pending@ede.example", status=Subscriber.Status.PENDING, confirmed_at=None)
        confirmed = SubscriberFactory(email="confirmed@ede.example", name="Echte naam")
        SubscriberFactory(
            email="gone@ede.example", status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
        )

        answers = {
            email: self.answer(email)
            for email in (
                "new@ede.example",
                "pending@ede.example",
                "confirmed@ede.example",
                "gone@ede.example",
            )
        }

        self.assertEqual(len(set(answers.values())), 1, answers)
        status, location, text = answers["new@ede.example"]
        self.assertEqual((status, location), (303, SENT))
        self.assertIn("Kijk in uw mailbox", text)
        # Every address got exactly one mail; the confirmed one a note, not a confirmation.
        self.assertEqual(sorted(self.sink.recipients()), sorted(answers))
        [note] = self.sink.messages_to("confirmed@ede.example")
        self.assertEqual(note["Subject"], "U bent al aangemeld voor de kwartaalupdate")
        confirmed.refresh_from_db()
        self.assertEqual((confirmed.name, confirmed.status), ("Echte naam", Subscriber.Status.CONFIRMED))
        gone = Subscriber.objects.get(email="gone@ede.example")
        self.assertEqual(gone.status, Subscriber.Status.PENDING)  # confirmed again only by a POST

    @override_settings(FORM_RATE_LIMIT="0")  # the per-client form limit would stop this first
    def test_one_address_gets_at_most_one_mail_per_ten_minutes_and_the_same_answer(self):
        SubscriberFactory(email="confirmed@ede.example")
        for email in ("new@ede.example", "confirmed@ede.example"):
            answers = {self.answer(email) for _ in range(5)}
            self.assertEqual(len(answers), 1)
            self.assertEqual(len(self.sink.messages_to(email)), 1, email)

        Subscriber.objects.update(mailed_at=timezone.now() - timedelta(minutes=11))
        for email in ("new@ede.example", "confirmed@ede.example"):
            self.answer(email)
            self.assertEqual(len(self.sink.messages_to(email)), 2, email)

    def test_an_address_typed_differently_is_the_same_subscriber(self):
        self.subscribe(email="Sanne@Ede.example ")
        self.subscribe(email="sanne@ede.example")

        self.assertEqual(Subscriber.objects.filter(email="sanne@ede.example").count(), 1)


class BadInputTests(SubscriptionTestCase):
    def test_missing_fields_are_listed_at_the_top_and_linked_to_their_field(self):
        response = self.subscribe(email="", consent=None)

        self.assertEqual(response.status_code, 400)
        summary = soup(response).find(class_="error-summary")
        links = {a["href"]: a.get_text(strip=True) for a in summary.find_all("a")}
        self.assertEqual(links["#id_email"], "Vul uw e-mailadres in.")
        self.assertEqual(links["#id_consent"], "Zet een vinkje als u de kwartaalupdate wilt ontvangen.")
        email = soup(response).find("input", attrs={"name": "email"})
        self.assertEqual(email["aria-invalid"], "true")
        self.assertEqual(email["aria-describedby"], "id_email-error")
        self.assertIsNotNone(soup(response).find(id="id_email-error"))
        self.assertEqual(soup(response).find("input", attrs={"name": "name"})["value"], "Sanne de Vries")
        self.assertFalse(Subscriber.objects.exists())
        self.assertEqual(self.sink.messages, [])

    def test_errors_are_in_english_on_the_english_form(self):
        response = self.subscribe(SUBSCRIBE_EN, email="not-an-address")

        self.assertEqual(response.status_code, 400)
        self.assertIn("Enter a valid e-mail address", main_text(response))

    def test_malformed_values_get_a_message_never_a_server_error(self):
        for overrides in (
            {"language": "xx"},
            {"themes": ["abc"]},
            {"themes": [str(self.draft_theme.pk)]},
            {"themes": ["999999"]},
            {"email": "a" * 300 + "@ede.example"},
            {"email": "twee@@ede.example"},
            {"name": "n" * 400},
            {"email": "\x00@ede.example"},
        ):
            with self.subTest(overrides=overrides):
                response = self.subscribe(**overrides)
                self.assertEqual(response.status_code, 400)
                self.assertIsNotNone(soup(response).find(class_="error-summary"))
        self.assertFalse(Subscriber.objects.exists())

    def test_a_filled_honeypot_looks_like_success_and_does_nothing(self):
        response = self.subscribe(website="http://spam.example")

        self.assertRedirects(response, SENT, status_code=303)
        self.assertFalse(Subscriber.objects.exists())
        self.assertEqual(self.sink.messages, [])

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    def test_a_mail_server_that_is_down_does_not_change_the_answer_and_the_mail_comes_later(self):
        # The mail goes out after the commit, from a task that tries again later: the visitor
        # gets the thank-you page, and the subscription waits for its confirmation as usual.
        with override_settings(EMAIL_PORT=free_port()):  # nothing listens there
            response = self.subscribe()
            run_due_tasks()  # the mail is tried once, and fails

        self.assertRedirects(response, SENT, status_code=303)
        self.assertEqual(Subscriber.objects.get().status, Subscriber.Status.PENDING)
        self.assertEqual(self.sink.messages, [])
        retry = DBTaskResult.objects.filter(task_path=MAIL_TASK, status="READY")
        self.assertEqual(retry.count(), 1)
        retry.update(run_after=timezone.now())  # time passes
        run_due_tasks()  # and the server is back
        [message] = self.sink.messages_to("ambtenaar@ede.example")
        self.assertEqual(message["Subject"], "Bevestig uw aanmelding voor de kwartaalupdate")

    def test_other_methods_are_refused(self):
        self.assertEqual(self.client.put(SUBSCRIBE).status_code, 405)


@override_settings(FORM_RATE_LIMIT="2/d", FORM_RATE_LIMIT_CLIENT_IP_HEADER="")
class RateLimitTests(SubscriptionTestCase):
    def test_over_the_limit_the_form_comes_back_with_what_was_typed(self):
        for number in range(2):
            self.assertEqual(self.subscribe(email=f"mens{number}@ede.example").status_code, 303)

        response = self.subscribe(email="derde@ede.example")

        self.assertEqual(response.status_code, 429)
        self.assertIn("Wacht een minuut", soup(response).find(class_="error-summary").get_text())
        self.assertEqual(soup(response).find("input", attrs={"name": "email"})["value"], "derde@ede.example")
        self.assertEqual(
            soup(response).find("input", attrs={"name": "organisation"})["value"], "Gemeente Ede"
        )
        self.assertFalse(Subscriber.objects.filter(email="derde@ede.example").exists())

    def test_the_english_message_is_in_english(self):
        for _number in range(2):
            self.subscribe(SUBSCRIBE_EN)
        response = self.subscribe(SUBSCRIBE_EN)

        self.assertEqual(response.status_code, 429)
        self.assertIn("Wait a minute", main_text(response))

    def test_the_limit_is_shared_by_every_public_form(self):
        self.subscribe()
        link = path_of_link(self.sink.messages[0], "/bevestigen/")
        self.press(link)  # the second form POST of this client

        response = self.subscribe(email="ander@ede.example")

        self.assertEqual(response.status_code, 429)

    def test_a_forwarded_for_header_is_ignored_unless_configured(self):
        for number in range(3):
            response = self.client.post(
                SUBSCRIBE,
                form_data(email=f"m{number}@ede.example"),
                HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
            )
        self.assertEqual(response.status_code, 429)

    def test_other_clients_have_their_own_budget(self):
        for _number in range(3):
            self.client.post(SUBSCRIBE, form_data(), REMOTE_ADDR="198.51.100.7")

        response = self.client.post(SUBSCRIBE, form_data(), REMOTE_ADDR="198.51.100.8")

        self.assertEqual(response.status_code, 303)

    @override_settings(FORM_RATE_LIMIT_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
    def test_behind_a_proxy_the_last_hop_counts(self):
        # The client writes whatever it likes first; the proxy appends the address it saw.
        for number in range(3):
            response = self.client.post(
                SUBSCRIBE, form_data(), HTTP_X_FORWARDED_FOR=f"10.0.0.{number}, 192.0.2.1"
            )
        self.assertEqual(response.status_code, 429)
        other = self.client.post(SUBSCRIBE, form_data(), HTTP_X_FORWARDED_FOR="192.0.2.1, 192.0.2.2")
        self.assertEqual(other.status_code, 303)

    @override_settings(FORM_RATE_LIMIT="0")
    def test_zero_turns_the_limit_off(self):
        for number in range(5):
            self.assertEqual(self.subscribe(email=f"m{number}@ede.example").status_code, 303)


class TokenTests(SubscriptionTestCase):
    def test_a_forged_token_gets_a_clear_page(self):
        for path in (
            "/kwartaalupdate/bevestigen/nep/",
            "/kwartaalupdate/voorkeuren/eyJpZCI6MX0:abc/",
            "/en/kwartaalupdate/preferences/x:y:z/",
            "/kwartaalupdate/afmelden/%00/",
        ):
            with self.subTest(path=path):
                for method in (self.client.get, self.client.post):
                    response = method(path)
                    self.assertEqual(response.status_code, 404)
                    self.assertIn(
                        "werkt niet" if "/en/" not in path else "does not work", main_text(response)
                    )

    def test_an_expired_confirmation_link_is_refused(self):
        subscriber = SubscriberFactory(status=Subscriber.Status.PENDING, confirmed_at=None)
        data = [subscriber.pk, core_tokens.fingerprint(tokens.CONFIRM, subscriber.email)]
        token = signed_long_ago(data, tokens.CONFIRM, tokens.CONFIRM_MAX_AGE + 60)

        response = self.client.post(f"/kwartaalupdate/bevestigen/{token}/")

        self.assertEqual(response.status_code, 404)
        self.assertIn("14 dagen", main_text(response))
        subscriber.refresh_from_db()
        self.assertEqual(subscriber.status, Subscriber.Status.PENDING)

    def test_a_token_for_another_purpose_is_refused(self):
        subscriber = SubscriberFactory(status=Subscriber.Status.PENDING, confirmed_at=None)
        manage = tokens.make_token(subscriber, tokens.MANAGE)

        self.assertEqual(self.client.post(f"/kwartaalupdate/bevestigen/{manage}/").status_code, 404)
        subscriber.refresh_from_db()
        self.assertEqual(subscriber.status, Subscriber.Status.PENDING)

    def test_an_old_confirmation_link_does_not_undo_an_unsubscription(self):
        subscriber = SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
        token = tokens.make_token(subscriber, tokens.CONFIRM)

        response = self.client.post(f"/kwartaalupdate/bevestigen/{token}/")

        self.assertEqual(response.status_code, 400)
        subscriber.refresh_from_db()
        self.assertEqual(subscriber.status, Subscriber.Status.UNSUBSCRIBED)

    def test_links_of_an_erased_subscriber_stop_working(self):
        subscriber = SubscriberFactory()
        path = personal_urls(subscriber)["preferences"].removeprefix("http://127.0.0.1:8000")
        subscriber.delete()

        self.assertEqual(self.client.get(path).status_code, 404)


class PreferencesTests(SubscriptionTestCase):
    def setUp(self):
        super().setUp()
        self.subscriber = SubscriberFactory(email="lid@ede.example", name="Lid", organisation="Ede")
        self.subscriber.themes.set([self.lonely])
        urls = personal_urls(self.subscriber)
        self.preferences = urls["preferences"].removeprefix("http://127.0.0.1:8000")
        self.unsubscribe = urls["unsubscribe"].removeprefix("http://127.0.0.1:8000")

    def test_the_page_shows_the_current_choices(self):
        response = self.client.get(self.preferences)

        self.assertEqual(response.status_code, 200)
        page = soup(response)
        checked = [
            box["value"]
            for box in page.find_all("input", attrs={"name": "themes"})
            if box.has_attr("checked")
        ]
        self.assertEqual(checked, [str(self.lonely.pk)])
        self.assertTrue(page.find("input", attrs={"name": "language", "value": "nl"}).has_attr("checked"))
        self.assertIn("lid@ede.example", main_text(response))

    def test_saving_changes_language_and_themes(self):
        response = self.client.post(
            self.preferences,
            {"language": "en", "themes": [self.poverty.pk], "name": "Lid", "organisation": ""},
        )

        # Back to the page itself with "saved": a reload shows it again and sends nothing.
        self.assertRedirects(response, self.preferences + "?opgeslagen", status_code=303)
        saved = self.client.get(response["Location"])
        self.assertIn("Uw voorkeuren zijn opgeslagen", main_text(saved))
        chosen = soup(saved).find("input", attrs={"name": "language", "checked": True})
        self.assertEqual(chosen["value"], "en")
        self.assertNotIn("Uw voorkeuren zijn opgeslagen", main_text(self.client.get(self.preferences)))
        self.subscriber.refresh_from_db()
        self.assertEqual(self.subscriber.language, "en")
        self.assertEqual(list(self.subscriber.themes.all()), [self.poverty])
        self.assertEqual(self.subscriber.organisation, "")
        self.assertEqual(self.subscriber.status, Subscriber.Status.CONFIRMED)

    def test_the_municipality_can_be_changed_and_cleared(self):
        tiel = Municipality.objects.get(name="Tiel")
        data = {"language": "nl", "name": "Lid", "organisation": "", "municipality": tiel.pk}

        self.client.post(self.preferences, data)
        self.subscriber.refresh_from_db()
        self.assertEqual(self.subscriber.municipality, tiel)
        selected = soup(self.client.get(self.preferences)).find("option", selected=True)
        self.assertEqual(selected.get_text(strip=True), "Tiel")

        self.client.post(self.preferences, {**data, "municipality": ""})
        self.subscriber.refresh_from_db()
        self.assertIsNone(self.subscriber.municipality)

    def test_bad_values_are_refused_with_a_message(self):
        response = self.client.post(self.preferences, {"language": "fr", "themes": ["x"]})

        self.assertEqual(response.status_code, 400)
        self.assertIn("Kies Nederlands of Engels.", main_text(response))
        self.subscriber.refresh_from_db()
        self.assertEqual(self.subscriber.language, "nl")

    def test_unsubscribe_asks_first_and_only_the_post_unsubscribes(self):
        page = self.client.get(self.unsubscribe)

        self.assertEqual(page.status_code, 200)
        self.assertIsNotNone(soup(page).find("main").find("button", type="submit"))
        self.subscriber.refresh_from_db()
        self.assertEqual(self.subscriber.status, Subscriber.Status.CONFIRMED)

        done = self.client.post(self.unsubscribe)

        self.assertEqual(done.status_code, 200)
        self.assertIn("U bent afgemeld", main_text(done))
        self.subscriber.refresh_from_db()
        self.assertEqual(self.subscriber.status, Subscriber.Status.UNSUBSCRIBED)
        self.assertIsNotNone(self.subscriber.unsubscribed_at)
        # Afterwards the preferences page says so, and offers no form to change anything.
        after = self.client.get(self.preferences)
        self.assertIn("U bent afgemeld", main_text(after))
        self.assertIsNone(soup(after).find("main").find("form"))

    def test_english_subscriber_manages_in_english(self):
        self.subscriber.language = "en"
        self.subscriber.save()
        urls = personal_urls(self.subscriber)

        self.assertTrue(
            urls["preferences"].startswith("http://127.0.0.1:8000/en/kwartaalupdate/preferences/")
        )
        self.assertTrue(
            urls["unsubscribe"].startswith("http://127.0.0.1:8000/en/kwartaalupdate/unsubscribe/")
        )
        self.assertTrue(urls["one_click"].startswith("http://127.0.0.1:8000/kwartaalupdate/afmelden/"))
        response = self.client.get(urls["preferences"].removeprefix("http://127.0.0.1:8000"))
        self.assertIn("Your preferences", main_text(response))


class PersonalUrlsTests(SubscriptionTestCase):
    @override_settings(BASE_URL="https://www.leefbaarheid.example")
    def test_links_come_from_base_url_never_from_the_request_host(self):
        subscriber = SubscriberFactory()
        request = RequestFactory().get("/", HTTP_HOST="evil.example")

        urls = personal_urls(subscriber, request)

        self.assertEqual(set(urls), {"preferences", "unsubscribe", "one_click"})
        for url in urls.values():
            self.assertTrue(url.startswith("https://www.leefbaarheid.example/kwartaalupdate/"), url)
        self.assertEqual(
            personal_urls(subscriber, "https://other.example/")["one_click"],
            "https://other.example" + urls["one_click"].removeprefix("https://www.leefbaarheid.example"),
        )


class LocmemUntouchedTests(SubscriptionTestCase):
    def test_mail_really_went_over_smtp(self):
        self.subscribe()

        self.assertEqual(mail.outbox, [])
        self.assertEqual(self.sink.recipients(), ["ambtenaar@ede.example"])


class MailErrorTests(SubscriptionTestCase):
    """A mail that does not go out is shown to editors on the subscriber, until one does."""

    def test_a_refusal_for_good_is_shown_and_counted_as_a_bounce(self):
        self.sink.refuse_permanently.add("ambtenaar@ede.example")

        self.subscribe()

        subscriber = Subscriber.objects.get(email="ambtenaar@ede.example")
        self.assertTrue(subscriber.mail_error.startswith("bevestiging: "), subscriber.mail_error)
        self.assertIn("550", subscriber.mail_error)
        self.assertEqual(subscriber.bounce_count, 1)
        self.assertEqual(self.sink.messages, [])

    def test_a_refusal_for_now_is_shown_and_cleared_by_the_next_mail_that_goes_out(self):
        self.sink.refuse_temporarily.add("ambtenaar@ede.example")
        self.subscribe()
        subscriber = Subscriber.objects.get(email="ambtenaar@ede.example")
        self.assertIn("451", subscriber.mail_error)
        self.assertEqual(subscriber.bounce_count, 0)

        self.sink.refuse_temporarily.clear()
        Subscriber.objects.filter(pk=subscriber.pk).update(mailed_at=None)  # past the mail interval
        self.subscribe()

        subscriber.refresh_from_db()
        self.assertEqual(subscriber.mail_error, "")
        self.assertEqual(len(self.sink.messages_to("ambtenaar@ede.example")), 1)


FRESH_LINK = "/kwartaalupdate/nieuwe-link/"
FRESH_LINK_EN = "/en/kwartaalupdate/new-link/"
FRESH_LINK_SENT = "/kwartaalupdate/nieuwe-link/verstuurd/"


class FreshLinkTests(SubscriptionTestCase):
    """An address whose link no longer works asks for a new one, and the answer tells nobody
    whether the address is subscribed."""

    def ask(self, email, path=FRESH_LINK):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(path, {"email": email, "website": ""})

    def test_a_subscriber_gets_fresh_links_to_the_preferences_and_to_unsubscribe(self):
        SubscriberFactory(email="ambtenaar@ede.example")

        response = self.ask("Ambtenaar@Ede.example ")

        self.assertRedirects(response, FRESH_LINK_SENT, status_code=303)
        self.assertIn("Staat dit e-mailadres op onze lijst?", main_text(self.client.get(FRESH_LINK_SENT)))
        [message] = self.sink.messages_to("ambtenaar@ede.example")
        self.assertEqual(message["Subject"], "Uw nieuwe link voor de kwartaalupdate")
        preferences = path_of_link(message, "/kwartaalupdate/voorkeuren/")
        self.assertIsNotNone(soup(self.client.get(preferences)).find("form", class_="subscription-form"))
        unsubscribe = path_of_link(message, "/kwartaalupdate/afmelden/")
        self.assertIn(unsubscribe, html_body(message))
        self.assertEqual(self.client.get(unsubscribe).status_code, 200)

    def test_an_unknown_address_gets_the_same_answer_and_no_mail(self):
        response = self.ask("niemand@ede.example")

        self.assertRedirects(response, FRESH_LINK_SENT, status_code=303)
        self.assertEqual(self.sink.messages, [])
        self.assertFalse(Subscriber.objects.exists())

    def test_an_address_still_to_be_confirmed_gets_a_new_confirmation_link(self):
        self.subscribe()
        Subscriber.objects.update(mailed_at=timezone.now() - timedelta(hours=1))

        self.ask("ambtenaar@ede.example")

        [_first, again] = self.sink.messages_to("ambtenaar@ede.example")
        self.assertEqual(again["Subject"], "Bevestig uw aanmelding voor de kwartaalupdate")
        self.assertEqual(self.press(path_of_link(again, "/bevestigen/")).status_code, 200)
        self.assertEqual(Subscriber.objects.get().status, Subscriber.Status.CONFIRMED)

    def test_one_mail_per_address_per_ten_minutes(self):
        SubscriberFactory(email="ambtenaar@ede.example")

        self.ask("ambtenaar@ede.example")
        self.ask("ambtenaar@ede.example")

        self.assertEqual(len(self.sink.messages_to("ambtenaar@ede.example")), 1)

    def test_in_english_the_mail_and_its_links_are_english(self):
        SubscriberFactory(email="officer@tiel.example", language="en")

        self.assertRedirects(
            self.ask("officer@tiel.example", FRESH_LINK_EN),
            "/en/kwartaalupdate/new-link/sent/",
            status_code=303,
        )

        [message] = self.sink.messages_to("officer@tiel.example")
        self.assertEqual(message["Subject"], "Your new link for the quarterly update")
        path_of_link(message, "/en/kwartaalupdate/preferences/")

    def test_a_broken_link_offers_the_form_instead_of_subscribing_again(self):
        SubscriberFactory(email="ambtenaar@ede.example")

        response = self.client.get("/kwartaalupdate/voorkeuren/afgeknipt/")

        self.assertEqual(response.status_code, 404)
        form = soup(response).find("form", class_="fresh-link-form")
        self.assertEqual((form["method"], form["action"]), ("post", FRESH_LINK))
        self.assertIsNotNone(form.find("input", attrs={"name": "csrfmiddlewaretoken"}))
        self.assertRedirects(self.ask("ambtenaar@ede.example"), FRESH_LINK_SENT, status_code=303)
        self.assertEqual(len(self.sink.messages_to("ambtenaar@ede.example")), 1)

    @override_settings(FORM_RATE_LIMIT="2/d", FORM_RATE_LIMIT_CLIENT_IP_HEADER="")
    def test_bad_input_comes_back_with_the_error_and_over_the_limit_waits(self):
        response = self.ask("geen-adres")

        self.assertEqual(response.status_code, 400)
        self.assertIn("Vul een geldig e-mailadres in", soup(response).find(class_="error-summary").get_text())

        self.assertEqual(self.ask("een@ede.example").status_code, 303)
        over = self.ask("twee@ede.example")  # the third form POST of this client today

        self.assertEqual(over.status_code, 429)
        self.assertIn("Wacht een minuut", soup(over).find(class_="error-summary").get_text())
