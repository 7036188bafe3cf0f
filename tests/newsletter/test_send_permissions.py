"""Who may use the sending screens: a *Redacteur* (the least-privileged editor role, who may
publish pages) may; a partner account may not, on any of them, with GET or POST.

Real roles: the *Redacteuren* group from the migrations, a partner made by ``set_up_partner``.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.users.models import UserProfile

from newsletter.delivery import start_send
from newsletter.models import Delivery, EditorTestAddresses, IssueSend
from partners.setup import set_up_partner
from tests.factories.knowledge import build_site
from tests.factories.newsletter import NewsletterIssuePageFactory, SubscriberFactory
from tests.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db

VIEWS = [
    "newsletter_send",
    "newsletter_send_start",
    "newsletter_send_pause",
    "newsletter_send_resume",
    "newsletter_send_cancel",
    "newsletter_send_rest",
    "newsletter_send_newcomers",
    "newsletter_test_send",
]


def account(username, group):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "geheim-wachtwoord")
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    return user


@pytest.fixture
def issue():
    return NewsletterIssuePageFactory(parent=build_site(theme_slugs=()).newsletter_index, title="Herfst")


@pytest.fixture
def sink(settings):
    settings.BASE_URL = "https://www.leefbaarheid.example"
    with SmtpSink() as running, running.settings_override():
        yield running


def test_a_partner_gets_none_of_the_sending_screens_and_changes_nothing(client, issue, sink):
    SubscriberFactory.create_batch(2)
    send = start_send(issue)  # a send that is running, not queued
    client.force_login(account("movisie", set_up_partner("Movisie").group))

    for name in VIEWS:
        url = reverse(name, args=[issue.pk])
        for method in ("get", "post"):
            response = getattr(client, method)(
                url, {"now": "", "expected": "2", "addresses": "partner@example.org"}
            )
            refused = response.status_code in (403, 404, 405) or (
                response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
            )
            assert refused, (name, method, response.status_code)
            assert b"Herfst" not in response.content or response.status_code == 302

    send.refresh_from_db()
    assert send.status == IssueSend.Status.SENDING
    assert send.deliveries.filter(status=Delivery.Status.PENDING).count() == 2
    assert sink.messages == []
    assert not EditorTestAddresses.objects.exists()


def test_a_redacteur_sends_pauses_asks_before_cancelling_and_sends_to_the_rest(client, issue, sink):
    subscribers = SubscriberFactory.create_batch(3)
    client.force_login(account("redacteur", Group.objects.get(name="Redacteuren")))

    assert client.get(reverse("newsletter_send", args=[issue.pk])).status_code == 200
    # A running send (not queued), paused, then the question, then cancelled.
    send = start_send(issue)
    client.post(reverse("newsletter_send_pause", args=[issue.pk]))
    send.refresh_from_db()
    assert send.status == IssueSend.Status.PAUSED
    assert client.get(reverse("newsletter_send_cancel", args=[issue.pk])).status_code == 200
    client.post(reverse("newsletter_send_cancel", args=[issue.pk]))
    send.refresh_from_db()
    assert send.status == IssueSend.Status.CANCELLED

    client.post(reverse("newsletter_send_rest", args=[issue.pk]))

    send.refresh_from_db()
    assert send.status == IssueSend.Status.DONE
    assert sorted(m["To"] for m in sink.messages) == sorted(s.email for s in subscribers)
    SubscriberFactory(email="later@gemeente.example")
    client.post(reverse("newsletter_send_newcomers", args=[issue.pk]))
    assert sink.messages[-1]["To"] == "later@gemeente.example"
    response = client.post(reverse("newsletter_test_send", args=[issue.pk]), {"addresses": "r@example.org"})
    assert response.status_code == 302
    assert EditorTestAddresses.objects.get().addresses == "r@example.org"
