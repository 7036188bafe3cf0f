"""Every door to an account is throttled: logins, page passwords, second-factor codes, reset mails.

An attacker who guesses passwords is stopped after ``AXES_FAILURE_LIMIT`` wrong tries, per client
address and per account name, and then even the right password is refused until the cool-off has
passed; the page says so in the visitor's language, with the time to try again.
"""

from datetime import timedelta

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories.home import StandardPageFactory, dutch_home, site_settings
from tests.utils import visible_text

LIMIT = 10
PASSWORD = "het-goede-wachtwoord"


def editor(username="redacteur"):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Redacteuren"))
    return user


class AdminLoginTests(TestCase):
    def setUp(self):
        self.user = editor()
        self.url = reverse("wagtailadmin_login")

    def post(self, password, address="198.51.100.7", username="redacteur", **extra):
        return self.client.post(
            self.url, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
        )

    def test_the_right_password_logs_in(self):
        response = self.post(PASSWORD)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.session["_auth_user_id"], str(self.user.pk))

    def test_after_the_limit_even_the_right_password_is_refused_until_the_cool_off(self):
        for _ in range(LIMIT - 1):
            self.assertEqual(self.post("fout").status_code, 200)
        self.assertEqual(self.post("fout").status_code, 429, "the tenth wrong password locks")
        response = self.post(PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)
        text = visible_text(response)
        self.assertIn("Te veel pogingen", text)
        until = timezone.localtime(timezone.now() + timedelta(minutes=15))
        self.assertIn(f"om {until:%H:%M} uur opnieuw", text)
        self.assertTrue(response.has_header("Retry-After"))

    def test_a_locked_address_is_answered_before_sessions_and_forms_for_a_query_or_two(self):
        for _ in range(LIMIT):
            self.post("fout")
        with CaptureQueriesContext(connection) as queries:
            page = self.client.get(self.url, REMOTE_ADDR="198.51.100.7")
            attempt = self.post(PASSWORD)
        self.assertEqual((page.status_code, attempt.status_code), (429, 429))
        self.assertLessEqual(len(queries), 4, [query["sql"] for query in queries])
        self.assertIn("Te veel pogingen", visible_text(page))
        self.assertNotIn("sessionid", attempt.cookies)
        # Another address still gets the login page.
        self.assertEqual(self.client.get(self.url, REMOTE_ADDR="198.51.100.99").status_code, 200)

    def test_an_account_is_protected_from_many_addresses(self):
        for number in range(LIMIT):
            self.post("fout", address=f"203.0.113.{number + 1}")
        response = self.post(PASSWORD, address="192.0.2.200")
        self.assertEqual(response.status_code, 429)

    def test_one_address_is_stopped_whatever_names_it_tries(self):
        other = editor("collega")
        for number in range(LIMIT):
            self.post("fout", username=f"naam{number}")
        response = self.post(PASSWORD, username=other.username)
        self.assertEqual(response.status_code, 429)

    def test_the_cool_off_ends(self):
        for _ in range(LIMIT):
            self.post("fout")
        AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
        self.assertEqual(self.post(PASSWORD).status_code, 302)

    def test_the_login_for_private_pages_is_throttled_too(self):
        url = reverse("wagtailcore_login")
        for _ in range(LIMIT):
            self.client.post(url, {"username": "redacteur", "password": "fout"}, REMOTE_ADDR="198.51.100.9")
        response = self.client.post(
            url, {"username": "redacteur", "password": PASSWORD}, REMOTE_ADDR="198.51.100.9"
        )
        self.assertEqual(response.status_code, 429)
        self.assertIn("Te veel pogingen", visible_text(response))

    def test_the_django_admin_is_not_mounted(self):
        self.assertEqual(self.client.get("/django-admin/login/").status_code, 404)


class PagePasswordTests(TestCase):
    def setUp(self):
        site_settings()
        self.page = StandardPageFactory(
            parent=dutch_home(), title="Verslag van de stuurgroep", slug="stuurgroep"
        )
        self.restriction = PageViewRestriction.objects.create(
            page=self.page, restriction_type=PageViewRestriction.PASSWORD, password="geheim-woord"
        )
        self.url = reverse("wagtailcore_authenticate_with_password", args=[self.restriction.pk, self.page.pk])

    def post(self, password):
        return self.client.post(
            self.url, {"password": password, "return_url": self.page.url}, REMOTE_ADDR="198.51.100.8"
        )

    def test_the_right_password_opens_the_page(self):
        self.assertEqual(self.post("geheim-woord").status_code, 302)

    def test_the_english_form_says_it_in_english(self):
        url = "/en" + self.url
        for _ in range(LIMIT):
            self.client.post(url, {"password": "fout", "return_url": "/en/"}, REMOTE_ADDR="198.51.100.8")
        response = self.client.post(url, {"password": "geheim-woord"}, REMOTE_ADDR="198.51.100.8")
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many attempts", visible_text(response))
        self.assertIn("you can only try again at", visible_text(response))

    def test_guessing_is_stopped_after_the_limit(self):
        for _ in range(LIMIT):
            self.assertEqual(self.post("fout").status_code, 200)
        response = self.post("geheim-woord")
        self.assertEqual(response.status_code, 429)
        self.assertIn("Te veel pogingen", visible_text(response))
        passed = self.client.session.get(PageViewRestriction.passed_view_restrictions_session_key, [])
        self.assertNotIn(self.restriction.pk, passed)


class PasswordResetTests(TestCase):
    def setUp(self):
        editor()
        self.url = reverse("wagtailadmin_password_reset")

    def ask(self, address="redacteur@example.org", client="198.51.100.10"):
        return self.client.post(self.url, {"email": address}, REMOTE_ADDR=client)

    def test_one_address_gets_at_most_three_mails_an_hour_and_the_page_never_tells(self):
        answers = [self.ask(client=f"203.0.113.{n + 1}") for n in range(20)]
        self.assertEqual(len(mail.outbox), 3)
        done = reverse("wagtailadmin_password_reset_done")
        self.assertTrue(all(answer.status_code == 302 and answer.url == done for answer in answers))

    def test_one_client_is_stopped_with_a_page_that_says_when(self):
        for number in range(3):
            self.ask(address=f"iemand{number}@example.org")
        response = self.ask(address="nog-iemand@example.org")
        self.assertEqual(response.status_code, 429)
        self.assertIn("Te veel pogingen", visible_text(response))


@override_settings(AXES_FAILURE_LIMIT=3)
class LimitFromSettingsTests(TestCase):
    def test_the_limit_follows_the_setting(self):
        editor()
        url = reverse("wagtailadmin_login")
        for _ in range(3):
            self.client.post(url, {"username": "redacteur", "password": "fout"})
        response = self.client.post(url, {"username": "redacteur", "password": PASSWORD})
        self.assertEqual(response.status_code, 429)
