"""The second factor: after the password, a code from the editor's authenticator app.

Production requires it of every admin account (``TWO_FACTOR_REQUIRED``); in ``make run`` it is
optional, and an account that has set it up always needs its code. Recovery codes work once each.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from tests.utils import soup, visible_text

PASSWORD = "het-goede-wachtwoord"
ADMIN_PAGES = reverse("wagtailadmin_explore_root")


def code_for(device, offset=0):
    """The code the app shows now (``offset`` steps later), as django-otp computes it."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def editor():
    user = get_user_model().objects.create_user("redacteur", "redacteur@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Redacteuren"))
    return user


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


class LoginTests(TestCase):
    def log_in(self):
        response = self.client.post(
            reverse("wagtailadmin_login"),
            {"username": "redacteur", "password": PASSWORD, "next": ADMIN_PAGES},
        )
        self.assertEqual(response.status_code, 302)
        return response

    def test_an_account_with_an_app_needs_its_code_before_any_admin_page(self):
        user = editor()
        device = confirmed_device(user)
        self.log_in()
        response = self.client.get(ADMIN_PAGES)
        self.assertRedirects(response, f"{reverse('accounts_verify')}?next={ADMIN_PAGES.replace('/', '%2F')}")
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 302)

        wrong = self.client.post(reverse("accounts_verify"), {"code": "000000", "next": ADMIN_PAGES})
        self.assertEqual(wrong.status_code, 200)
        self.assertIn("Deze code klopt niet", visible_text(wrong))
        self.assertEqual(self.client.get(ADMIN_PAGES).status_code, 302)

        device.refresh_from_db()
        device.throttle_reset()
        right = self.client.post(reverse("accounts_verify"), {"code": code_for(device), "next": ADMIN_PAGES})
        self.assertRedirects(right, ADMIN_PAGES, fetch_redirect_response=False)
        self.assertEqual(self.client.get(ADMIN_PAGES).status_code, 200)

    def test_a_recovery_code_works_once(self):
        user = editor()
        confirmed_device(user)
        codes = two_factor.new_recovery_codes(user)
        self.log_in()
        response = self.client.post(
            reverse("accounts_verify"), {"code": codes[0].upper(), "next": ADMIN_PAGES}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get(ADMIN_PAGES).status_code, 200)
        self.assertEqual(StaticToken.objects.filter(device__user=user).count(), 9)

        self.client.logout()
        self.log_in()
        again = self.client.post(reverse("accounts_verify"), {"code": codes[0], "next": ADMIN_PAGES})
        self.assertEqual(again.status_code, 200)
        self.assertEqual(self.client.get(ADMIN_PAGES).status_code, 302)

    def test_guessing_codes_locks_the_account_out(self):
        user = editor()
        confirmed_device(user)
        self.log_in()
        for _ in range(10):
            TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
            self.client.post(reverse("accounts_verify"), {"code": "123456"})
        response = self.client.post(reverse("accounts_verify"), {"code": "123456"})
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_without_an_app_the_admin_opens_when_it_is_not_required(self):
        editor()
        self.log_in()
        self.assertEqual(self.client.get(ADMIN_PAGES).status_code, 200)


@override_settings(TWO_FACTOR_REQUIRED=True)
class RequiredTests(TestCase):
    def test_an_account_without_an_app_sets_one_up_first_and_gets_recovery_codes(self):
        user = editor()
        self.client.post(reverse("wagtailadmin_login"), {"username": "redacteur", "password": PASSWORD})
        response = self.client.get(ADMIN_PAGES)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response.url.startswith(reverse("accounts_setup")))

        page = self.client.get(response.url)
        self.assertEqual(page.status_code, 200)
        qr = soup(page).find("img", alt=True)
        self.assertTrue(qr["src"].startswith("data:image/svg+xml"), "the QR code is made here, not fetched")
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        self.assertIn(two_factor.readable_secret(device), visible_text(page))

        wrong = self.client.post(reverse("accounts_setup"), {"code": "000000"})
        self.assertIn("Deze code klopt niet", visible_text(wrong))
        self.assertEqual(self.client.get(ADMIN_PAGES).status_code, 302)

        device.refresh_from_db()
        device.throttle_reset()
        done = self.client.post(reverse("accounts_setup"), {"code": code_for(device)})
        self.assertEqual(done.status_code, 302)
        codes_page = self.client.get(done.url)
        codes = [code.get_text() for code in soup(codes_page).select(".recovery-codes code")]
        self.assertEqual(len(codes), 10)
        self.assertEqual(
            set(codes), set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
        )
        # Shown once: a reload shows how many are left, not the codes.
        reload = self.client.get(done.url)
        self.assertEqual(soup(reload).select(".recovery-codes code"), [])
        self.assertIn("10 herstelcodes", visible_text(reload))
        self.assertEqual(self.client.get(ADMIN_PAGES).status_code, 200)

    def test_a_second_login_needs_the_code(self):
        user = editor()
        device = confirmed_device(user)
        self.client.post(reverse("wagtailadmin_login"), {"username": "redacteur", "password": PASSWORD})
        self.assertEqual(self.client.get(ADMIN_PAGES).status_code, 302)
        response = self.client.post(reverse("accounts_verify"), {"code": code_for(device)})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get(ADMIN_PAGES).status_code, 200)

    def test_an_unverified_account_cannot_replace_its_app(self):
        user = editor()
        confirmed_device(user)
        self.client.post(reverse("wagtailadmin_login"), {"username": "redacteur", "password": PASSWORD})
        response = self.client.get(reverse("accounts_setup") + "?opnieuw=1")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response.url.startswith(reverse("accounts_verify")))
        self.assertEqual(TOTPDevice.objects.filter(user=user).count(), 1)

    def test_visitors_never_meet_it(self):
        self.assertEqual(self.client.get(reverse("accounts_setup")).status_code, 302)
        self.assertNotEqual(self.client.get("/").status_code, 302)
