"""Sending an editor can trust: cancel asks first, the rest and newcomers can still get the issue,
the progress page tells what happened, test mails go one per address, and a part of the list can
be chosen with the number stated before anything goes out.

Through the admin's own views with a real SMTP sink (``tests.smtp_sink``); tasks run at once
(Immediate backend), so a POST that starts sending returns after the mail went out. Sends that
must still be running when a test looks are made with ``start_send`` and not queued.
"""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Municipality
from newsletter.delivery import SKIPPED_CANCELLED, run_send, start_send
from newsletter.models import Delivery, EditorTestAddresses, IssueSend, Subscriber
from tests.factories.knowledge import build_site
from tests.factories.newsletter import NewsletterIssuePageFactory, SubscriberFactory
from tests.smtp_sink import SmtpSink
from tests.utils import soup

pytestmark = pytest.mark.django_db

DUTCH_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


@pytest.fixture
def tree():
    return build_site(theme_slugs=("eenzaamheid", "armoede-en-schulden"))


@pytest.fixture
def issue(tree):
    return NewsletterIssuePageFactory(parent=tree.newsletter_index, title="Herfst")


@pytest.fixture
def sink(settings):
    settings.BASE_URL = "https://www.leefbaarheid.example"
    with SmtpSink() as running, running.settings_override():
        yield running


def url(name, issue):
    return reverse(name, args=[issue.pk])


def received(sink):
    """The addresses the sink got a message for, each as often as it got one."""
    return sorted(address for message in sink.messages for address in message.get_all("To", []))


# Cancel asks first ---------------------------------------------------------------------------------


def test_cancel_is_a_page_that_says_how_many_are_still_to_come_and_only_a_post_cancels(
    admin_client, issue, sink
):
    SubscriberFactory.create_batch(5)
    send = start_send(issue)
    run_send_limited(send, 2)

    progress = soup(admin_client.get(url("newsletter_send", issue)))
    # No form on the progress page cancels: the button is a link to the question.
    cancel_url = url("newsletter_send_cancel", issue)
    assert not progress.find("form", action=cancel_url)
    assert progress.find("a", href=cancel_url)

    question = admin_client.get(cancel_url)
    page = soup(question)
    assert question.status_code == 200
    assert page.find(attrs={"data-still-to-come": True})["data-still-to-come"] == "3"
    button = page.find("form", action=cancel_url).find("button")
    assert "3 abonnees krijgen het niet" in " ".join(button.text.split())
    send.refresh_from_db()
    assert send.status == IssueSend.Status.SENDING  # looking at the question changed nothing

    response = admin_client.post(cancel_url)

    assert response.status_code == 302
    send.refresh_from_db()
    assert send.status == IssueSend.Status.CANCELLED
    assert send.deliveries.filter(status=Delivery.Status.SKIPPED, last_error=SKIPPED_CANCELLED).count() == 3


def run_send_limited(send, how_many):
    """Send to the first ``how_many`` recipients and leave the send running."""
    from newsletter.delivery import send_batch  # noqa: PLC0415

    result = send_batch(send, batch_size=how_many)
    assert result.sent == how_many


# The rest, and newcomers ----------------------------------------------------------------------------


def test_after_a_cancel_the_rest_gets_it_and_nobody_gets_it_twice(admin_client, issue, sink):
    SubscriberFactory.create_batch(5)
    send = start_send(issue)
    run_send_limited(send, 2)
    admin_client.post(url("newsletter_send_cancel", issue))
    leaving = Subscriber.objects.filter(deliveries__status=Delivery.Status.SKIPPED).first()
    leaving.status = Subscriber.Status.UNSUBSCRIBED  # unsubscribed meanwhile: stays out
    leaving.save()
    assert len(sink.messages) == 2

    progress = soup(admin_client.get(url("newsletter_send", issue)))
    rest_button = progress.find(attrs={"data-rest": True})
    assert rest_button["data-rest"] == "2"
    assert "2 abonnees" in rest_button.text

    response = admin_client.post(url("newsletter_send_rest", issue))

    assert response.status_code == 302
    send.refresh_from_db()
    assert send.status == IssueSend.Status.DONE
    everyone = sorted(Subscriber.objects.exclude(pk=leaving.pk).values_list("email", flat=True))
    assert received(sink) == everyone  # four different people, each once
    assert leaving.email not in received(sink)
    # Nothing left for the rest: a second click mails nobody.
    admin_client.post(url("newsletter_send_rest", issue))
    assert len(sink.messages) == 4


def test_after_a_failure_the_rest_are_those_the_server_refused(admin_client, issue, sink):
    subscribers = SubscriberFactory.create_batch(3)
    sink.refuse_permanently.add(subscribers[1].email)
    admin_client.post(url("newsletter_send_start", issue), {"now": "", "expected": "3"})
    send = IssueSend.objects.get(issue=issue)
    assert send.status == IssueSend.Status.DONE
    assert received(sink) == sorted([subscribers[0].email, subscribers[2].email])

    sink.refuse_permanently.clear()
    admin_client.post(url("newsletter_send_rest", issue))

    assert received(sink) == sorted(s.email for s in subscribers)
    assert send.deliveries.filter(status=Delivery.Status.SENT).count() == 3


def test_those_who_subscribed_since_get_it_and_only_they(admin_client, issue, sink):
    SubscriberFactory.create_batch(2)
    admin_client.post(url("newsletter_send_start", issue), {"now": "", "expected": "2"})
    assert len(sink.messages) == 2
    newcomer = SubscriberFactory(email="nieuw@gemeente.example")
    SubscriberFactory(email="english@gemeente.example", language="en")  # another language's list
    SubscriberFactory(email="wacht@gemeente.example", status=Subscriber.Status.PENDING)

    progress = soup(admin_client.get(url("newsletter_send", issue)))
    assert progress.find(attrs={"data-newcomers": True})["data-newcomers"] == "1"

    admin_client.post(url("newsletter_send_newcomers", issue))

    assert len(sink.messages) == 3
    assert sink.messages[-1]["To"] == newcomer.email
    admin_client.post(url("newsletter_send_newcomers", issue))
    assert len(sink.messages) == 3


# The progress page ---------------------------------------------------------------------------------


def test_the_progress_page_refreshes_while_sending_and_lists_failed_and_skipped_with_reasons(
    admin_client, issue, sink
):
    SubscriberFactory.create_batch(3)
    refused = SubscriberFactory(email="weg@gemeente.example")
    sink.refuse_permanently.add(refused.email)
    send = start_send(issue)
    run_send_limited(send, 2)

    running = admin_client.get(url("newsletter_send", issue))
    page = soup(running)
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "5"
    assert page.find(attrs={"data-count": "pending"}).text == "2"
    started = timezone.localtime(IssueSend.objects.get(pk=send.pk).started_at)
    assert str(started.tzinfo) == "Europe/Amsterdam"
    # Dutch date, Amsterdam time: "zondag 6 december 2026, 21:15:03".
    started_text = page.find(attrs={"data-time": "started"}).text
    assert started.strftime("%H:%M:%S") in started_text
    assert str(started.year) in started_text
    assert any(month in started_text for month in DUTCH_MONTHS)
    assert "nog niet" in page.find(attrs={"data-time": "finished"}).text

    run_send(send)
    done = soup(admin_client.get(url("newsletter_send", issue)))
    assert done.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert done.find(attrs={"data-count": "failed"}).text == "1"
    row = done.find("tr", attrs={"data-problem": "failed"})
    assert refused.email in row.text
    assert "550" in row.text or "geweigerd" in row.text.lower()
    assert "nog niet" not in done.find(attrs={"data-time": "finished"}).text


def test_skipped_addresses_are_listed_with_their_reason(admin_client, issue, sink):
    SubscriberFactory.create_batch(2)
    send = start_send(issue)
    admin_client.post(url("newsletter_send_cancel", issue))

    page = soup(admin_client.get(url("newsletter_send", issue)))

    rows = page.find_all("tr", attrs={"data-problem": "skipped"})
    assert len(rows) == 2
    assert all(SKIPPED_CANCELLED in row.text for row in rows)
    assert send.deliveries.count() == 2


# Test mails ------------------------------------------------------------------------------------------


def test_a_test_mail_goes_one_per_address_and_the_addresses_are_remembered(admin_client, issue, sink):
    test_url = reverse("newsletter_test_send", args=[issue.pk])

    response = admin_client.post(test_url, {"addresses": "een@example.org, twee@example.org"})

    assert response.status_code == 302
    assert len(sink.messages) == 2
    assert sorted(message["To"] for message in sink.messages) == ["een@example.org", "twee@example.org"]
    for message in sink.messages:
        assert "," not in message["To"]
        assert message["Subject"].startswith("[Test]")
    assert sorted(sink.recipients()) == ["een@example.org", "twee@example.org"]

    form = soup(admin_client.get(test_url))
    assert (
        form.find("textarea", attrs={"name": "addresses"}).text.strip() == "een@example.org, twee@example.org"
    )
    assert EditorTestAddresses.objects.count() == 1


# A part of the list ---------------------------------------------------------------------------------


def test_a_segment_by_municipality_and_theme_states_the_number_and_sends_only_to_it(
    admin_client, tree, issue, sink
):
    arnhem = Municipality.objects.get(name="Arnhem")
    ede = Municipality.objects.get(name="Ede")
    lonely = tree.themes["eenzaamheid"]
    in_both = SubscriberFactory(email="arnhem-eenzaam@gemeente.example", municipality=arnhem)
    in_both.themes.set([lonely])
    SubscriberFactory(email="arnhem-anders@gemeente.example", municipality=arnhem)
    elsewhere = SubscriberFactory(email="ede-eenzaam@gemeente.example", municipality=ede)
    elsewhere.themes.set([lonely])

    counted = admin_client.get(
        url("newsletter_send", issue), {"count": "1", "municipalities": [arnhem.pk], "themes": [lonely.pk]}
    )
    page = soup(counted)
    assert page.find(attrs={"data-recipient-count": True})["data-recipient-count"] == "1"
    assert "Arnhem" in page.find(attrs={"data-recipient-count": True}).text
    assert "Eenzaamheid" in page.find(attrs={"data-recipient-count": True}).text
    start_form = page.find("form", action=url("newsletter_send_start", issue))
    assert "1 abonnee" in start_form.find("button", attrs={"name": "now"}).text
    fields = {(i["name"], i["value"]) for i in start_form.find_all("input", type="hidden")}
    assert ("municipalities", str(arnhem.pk)) in fields and ("themes", str(lonely.pk)) in fields

    data = {name: value for name, value in fields if name != "csrfmiddlewaretoken"}
    response = admin_client.post(url("newsletter_send_start", issue), {**data, "now": ""})

    assert response.status_code == 302
    assert received(sink) == [in_both.email]
    send = IssueSend.objects.get(issue=issue)
    assert send.segment == {"municipalities": [arnhem.pk], "themes": [lonely.pk]}
    progress = soup(admin_client.get(url("newsletter_send", issue)))
    assert "Arnhem" in progress.find(attrs={"data-segment": True}).text

    # Someone new in the segment gets it with "those who subscribed since"; outside it nobody.
    newcomer = SubscriberFactory(email="arnhem-nieuw@gemeente.example", municipality=arnhem)
    newcomer.themes.set([lonely])
    SubscriberFactory(email="ede-nieuw@gemeente.example", municipality=ede)
    admin_client.post(url("newsletter_send_newcomers", issue))
    assert received(sink) == sorted([in_both.email, newcomer.email])


def test_when_the_number_changed_since_counting_nothing_is_sent_and_the_new_number_is_asked(
    admin_client, issue, sink
):
    SubscriberFactory.create_batch(2)

    response = admin_client.post(url("newsletter_send_start", issue), {"now": "", "expected": "1"})

    assert response.status_code == 409
    page = soup(response)
    assert page.find(attrs={"data-recipient-count": True})["data-recipient-count"] == "2"
    assert "Het aantal ontvangers is veranderd" in response.content.decode()
    assert not IssueSend.objects.exists() and sink.messages == []


def test_an_unknown_municipality_is_a_clear_error_not_a_crash(admin_client, issue, sink):
    SubscriberFactory()

    response = admin_client.post(
        url("newsletter_send_start", issue), {"now": "", "expected": "1", "municipalities": ["999999"]}
    )

    assert response.status_code == 400
    assert not IssueSend.objects.exists() and sink.messages == []


def test_a_scheduled_moment_is_shown_in_dutch(admin_client, issue, sink):
    SubscriberFactory()
    moment = timezone.localtime() + datetime.timedelta(days=2)
    admin_client.post(
        url("newsletter_send_start", issue),
        {"at": "", "send_after": moment.strftime("%Y-%m-%dT%H:%M"), "expected": "1"},
    )

    page = soup(admin_client.get(url("newsletter_send", issue)))

    assert moment.strftime("%H:%M") in page.text
    assert page.find("meta", attrs={"http-equiv": "refresh"}) is not None
    weekdays = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
    assert any(day in page.text for day in weekdays)


def test_the_command_sends_to_the_rest_and_to_newcomers(issue, sink):
    from django.core.management import call_command  # noqa: PLC0415

    from newsletter.delivery import cancel  # noqa: PLC0415

    subscribers = SubscriberFactory.create_batch(3)
    send = start_send(issue)
    run_send_limited(send, 1)
    cancel(send)
    out = io.StringIO()

    call_command("send_issue", str(issue.pk), "--rest", "--now", stdout=out)

    assert "nog 2 ontvangers" in out.getvalue()
    assert received(sink) == sorted(s.email for s in subscribers)
    newcomer = SubscriberFactory(email="later@gemeente.example")
    call_command("send_issue", str(issue.pk), "--newcomers", "--now", stdout=io.StringIO())
    assert received(sink) == sorted([*(s.email for s in subscribers), newcomer.email])
