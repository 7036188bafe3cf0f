"""An admin session lasts a working day of inactivity, renewed while the editor works."""

import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from accounts.sessions import KEY, RENEW_AFTER

PASSWORD = "het-goede-wachtwoord"


class SessionTests(TestCase):
    def setUp(self):
        user = get_user_model().objects.create_user("redacteur", "r@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name="Redacteuren"))
        self.client.post(
            reverse("wagtailadmin_login"), {"username": "redacteur", "password": PASSWORD, "remember": "on"}
        )

    def expiry(self):
        return Session.objects.get(session_key=self.client.session.session_key).expire_date

    def test_a_session_ends_after_nine_hours_not_two_weeks(self):
        left = self.expiry() - timezone.now()
        self.assertLessEqual(left, timedelta(hours=9))
        self.assertGreater(left, timedelta(hours=8, minutes=55))

    def test_working_renews_it_and_a_quick_click_does_not_write(self):
        self.client.get(reverse("wagtailadmin_home"))
        before = self.expiry()
        self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(self.expiry(), before, "renewed at most every few minutes, not per request")

        session = self.client.session
        session[KEY] = int(time.time()) - RENEW_AFTER - 1
        session.save()
        Session.objects.filter(session_key=session.session_key).update(
            expire_date=timezone.now() + timedelta(hours=1)
        )
        self.client.get(reverse("wagtailadmin_home"))
        self.assertGreater(self.expiry() - timezone.now(), timedelta(hours=8, minutes=55))
