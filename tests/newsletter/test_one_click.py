"""RFC 8058 one-click unsubscribe: a mail client POSTs ``List-Unsubscribe=One-Click`` to the link.

The client sends no cookies and no CSRF token, must get a 200 (it does not follow redirects) and
the subscriber must be unsubscribed. A person who opens the same link in a browser (a GET) gets the
page with the button and nothing changes.
"""

import time
from unittest import mock

from django.test import Client, TestCase

from newsletter import tokens
from newsletter.links import personal_urls
from newsletter.models import Subscriber
from tests.factories.knowledge import build_site
from tests.factories.newsletter import SubscriberFactory
from tests.utils import main_text, soup

ONE_CLICK_BODY = "List-Unsubscribe=One-Click"


def path(url):
    return url.removeprefix("http://127.0.0.1:8000")


class OneClickTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()

    def setUp(self):
        self.subscriber = SubscriberFactory(email="lezer@tiel.example")
        self.url = path(personal_urls(self.subscriber)["one_click"])
        # What a mail provider's server is: no cookies, and CSRF checks on as in production.
        self.client = Client(enforce_csrf_checks=True)

    def one_click(self, url=None):
        return self.client.post(
            url or self.url, ONE_CLICK_BODY, content_type="application/x-www-form-urlencoded"
        )

    def test_the_link_is_outside_the_language_prefix(self):
        english = SubscriberFactory(language="en")

        self.assertTrue(self.url.startswith("/kwartaalupdate/afmelden/"))
        self.assertTrue(path(personal_urls(english)["one_click"]).startswith("/kwartaalupdate/afmelden/"))

    def test_one_click_post_unsubscribes_with_200_and_no_cookies(self):
        response = self.one_click()

        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/plain"))
        self.assertIn("U bent afgemeld", response.content.decode())
        self.assertEqual(response.cookies, {})
        self.subscriber.refresh_from_db()
        self.assertEqual(self.subscriber.status, Subscriber.Status.UNSUBSCRIBED)
        self.assertIsNotNone(self.subscriber.unsubscribed_at)

    def test_the_answer_is_in_the_subscribers_language(self):
        english = SubscriberFactory(language="en")

        response = self.one_click(path(personal_urls(english)["one_click"]))

        self.assertEqual(response.status_code, 200)
        self.assertIn("You have unsubscribed", response.content.decode())

    def test_a_second_one_click_still_answers_200_and_keeps_the_first_date(self):
        self.one_click()
        self.subscriber.refresh_from_db()
        first = self.subscriber.unsubscribed_at

        response = self.one_click()

        self.assertEqual(response.status_code, 200)
        self.subscriber.refresh_from_db()
        self.assertEqual(self.subscriber.unsubscribed_at, first)

    def test_a_get_shows_the_button_and_changes_nothing(self):
        response = self.client.get(self.url)

        self.assertEqual(response.status_code, 200)
        form = soup(response).find("main").find("form", method="post")
        self.assertEqual(form["action"], self.url)
        self.assertIn("Ja, meld mij af", form.get_text())
        self.subscriber.refresh_from_db()
        self.assertEqual(self.subscriber.status, Subscriber.Status.CONFIRMED)

    def test_a_link_opened_later_shows_the_page_not_a_redirect_to_a_fresh_token(self):
        """A token holds the second it was made: the page must not compare it with a new one."""
        made = time.time()
        with mock.patch("time.time", return_value=made + 3600):
            response = self.client.get(self.url)

        self.assertEqual(response.status_code, 200)
        self.assertIn("Ja, meld mij af", soup(response).find("main").find("form", method="post").get_text())

    def test_a_get_by_an_english_subscriber_is_in_english(self):
        english = SubscriberFactory(language="en")

        links = personal_urls(english)
        response = self.client.get(path(links["one_click"]))

        own_page = path(links["unsubscribe"])  # the same token: made in the same call
        self.assertTrue(own_page.startswith("/en/"))
        self.assertRedirects(response, own_page)
        page = self.client.get(own_page)
        self.assertIn("Unsubscribe from the quarterly update", main_text(page))
        english.refresh_from_db()
        self.assertEqual(english.status, Subscriber.Status.CONFIRMED)  # a GET changes nothing

    def test_the_button_on_the_page_unsubscribes_without_a_csrf_token(self):
        response = self.client.post(self.url)

        self.assertEqual(response.status_code, 200)
        self.assertIn("U bent afgemeld", main_text(response))
        self.subscriber.refresh_from_db()
        self.assertEqual(self.subscriber.status, Subscriber.Status.UNSUBSCRIBED)

    def test_forged_tokens_get_a_clear_refusal_never_a_server_error(self):
        for url in (
            "/kwartaalupdate/afmelden/nep/",
            "/kwartaalupdate/afmelden/a:b:c/",
            self.url.replace("/afmelden/", "/afmelden/x"),
        ):
            with self.subTest(url=url):
                response = self.one_click(url)
                self.assertEqual(response.status_code, 404)
                self.assertIn("werkt niet", response.content.decode())
                self.assertEqual(self.client.get(url).status_code, 404)
        self.subscriber.refresh_from_db()
        self.assertEqual(self.subscriber.status, Subscriber.Status.CONFIRMED)

    def test_a_confirmation_token_can_not_unsubscribe(self):
        token = tokens.make_token(self.subscriber, tokens.CONFIRM)

        self.assertEqual(self.one_click(f"/kwartaalupdate/afmelden/{token}/").status_code, 404)
        self.subscriber.refresh_from_db()
        self.assertEqual(self.subscriber.status, Subscriber.Status.CONFIRMED)

    def test_malformed_bodies_never_give_a_server_error(self):
        for body, content_type in (
            (b"\xff\xfe\x00", "application/x-www-form-urlencoded"),
            (b"--x\r\nbroken", "multipart/form-data; boundary=x"),
            (b"{}", "application/json"),
        ):
            with self.subTest(body=body):
                response = self.client.post(self.url, body, content_type=content_type)
                self.assertLess(response.status_code, 500)

    def test_other_methods_are_refused(self):
        self.assertEqual(self.client.put(self.url).status_code, 405)
