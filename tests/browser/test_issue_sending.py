"""The demo editor sends a kwartaalupdate in the real admin: a test mail first (one message per
address, the addresses remembered), then send, pause, cancel (with its question), send to the
rest; then the archive shows the issue as sent after a meeting in it was cancelled.

Logged in as a *Redacteur*. The tasks backend is Django Tasks' dummy one here, so a send waits
for its worker as in production; where ``db_worker`` would send, the test calls the same
functions (``send_batch``, ``run_send``) in this process. Mail goes to a real SMTP sink.
Screenshots at 375 and 1280 px in var/screenshots/ (issue-sending-*).
"""

import re
from collections import Counter

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from knowledge.models import MeetingPage
from newsletter.delivery import run_send, send_batch
from newsletter.models import IssueSend, NewsletterIndexPage, Subscriber
from tests.factories.newsletter import NewsletterIssuePageFactory, SubscriberFactory
from tests.smtp_sink import SmtpSink

from .support import an_editor, first, live, screenshot

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "redacteur-verzending", "leefbaar-demo-verzending"
WIDTHS = (375, 1280)
WAITING_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def editor(transactional_db):
    with an_editor(USERNAME, PASSWORD, publishes_slug="-") as user:
        yield user


@pytest.fixture
def sink():
    with SmtpSink() as running, running.settings_override(), override_settings(TASKS=WAITING_TASKS):
        yield running


@pytest.fixture
def issue(transactional_db):
    """A new issue naming a coming meeting of the demo, and a list of 12 subscribers of its own."""
    archive = first(live(NewsletterIndexPage), "newsletter archive")
    meeting = first(live(MeetingPage).filter(cancelled=False).order_by("-start"), "coming meeting")
    page = NewsletterIssuePageFactory(
        parent=archive,
        title="Kwartaalupdate verzendtest",
        slug="kwartaalupdate-verzendtest",
        sections=[
            {
                "type": "section",
                "value": {
                    "kind": "meetings",
                    "note": "",
                    "items": [{"type": "item", "id": "m1", "value": {"page": meeting.pk, "note": ""}}],
                },
            }
        ],
    )
    # Only this test's subscribers are on the list while it runs; the demo's come back afterwards.
    others = list(Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).values_list("pk", flat=True))
    Subscriber.objects.filter(pk__in=others).update(status=Subscriber.Status.PENDING)
    own = [SubscriberFactory(email=f"verzendtest{n}@gemeente.example") for n in range(12)]
    try:
        yield page, meeting
    finally:
        IssueSend.objects.filter(issue=page).delete()
        page.delete()
        Subscriber.objects.filter(pk__in=[s.pk for s in own]).delete()
        Subscriber.objects.filter(pk__in=others).update(status=Subscriber.Status.CONFIRMED)
        meeting.refresh_from_db()
        if meeting.cancelled:
            meeting.cancelled = False
            meeting.save_revision().publish()


def log_in(page):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(USERNAME)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def shots(page, name):
    """The page at each width, loaded at that width as a phone or a desktop would (Wagtail lays
    out its sidebar when a page loads; a page only resized keeps its desktop margin). Every page
    shot here is a GET, so loading it again changes nothing."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        screenshot(page, f"issue-sending-{name}")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()


def count(page, key):
    return page.locator(f"[data-count='{key}']").inner_text()


def test_send_pause_cancel_with_its_question_then_send_to_the_rest(page, new_page, editor, sink, issue):
    issue_page, meeting = issue
    log_in(page)

    # A test mail first: one message to each address, with "[Test]"; the addresses come back.
    page.goto(f"/admin/kwartaalupdate/{issue_page.pk}/testmail/")
    page.get_by_label("E-mailadressen").fill("proef1@provincie.example, proef2@provincie.example")
    page.get_by_role("button", name="Testmail versturen").click()
    expect(page.locator(".messages")).to_contain_text("Testmail verstuurd naar proef1@provincie.example")
    tests = [m for m in sink.messages if m["Subject"].startswith("[Test]")]
    assert sorted(address for m in tests for address in m.get_all("To", [])) == [
        "proef1@provincie.example",
        "proef2@provincie.example",
    ]
    page.goto(f"/admin/kwartaalupdate/{issue_page.pk}/testmail/")
    expect(page.get_by_label("E-mailadressen")).to_have_value(
        "proef1@provincie.example, proef2@provincie.example"
    )
    sink.messages.clear()

    page.goto(f"/admin/kwartaalupdate/{issue_page.pk}/versturen/")

    # The confirmation names the number, on the button too.
    expect(page.locator("[data-recipient-count]")).to_contain_text("12 abonnees")
    shots(page, "confirm")
    page.get_by_role("button", name="Nu versturen aan 12 abonnees").click()
    expect(page.locator("[data-send-status]")).to_have_text("Wordt verstuurd")
    send = IssueSend.objects.get(issue=issue_page)

    # The worker sends the first five; the page refreshes itself while sending.
    assert send_batch(send, batch_size=5).sent == 5
    assert page.locator("meta[http-equiv='refresh']").count() == 1
    # No reload by the test: the page's own refresh brings the new count.
    expect(page.locator("[data-count='sent']")).to_have_text("5", timeout=20_000)
    assert count(page, "pending") == "7"
    shots(page, "progress")

    page.get_by_role("button", name="Pauzeren").click()
    expect(page.locator("[data-send-status]")).to_have_text("Gepauzeerd")
    assert page.locator("meta[http-equiv='refresh']").count() == 0
    page.get_by_role("button", name="Hervatten").click()
    expect(page.locator("[data-send-status]")).to_have_text("Wordt verstuurd")

    # Cancel is a question first, with the number still to come.
    page.get_by_role("link", name="Annuleren…").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verzending annuleren?")
    expect(page.locator("[data-still-to-come]")).to_contain_text("7 abonnees krijgen het nog niet")
    shots(page, "cancel-question")
    page.get_by_role("button", name=re.compile("Ja, annuleren: 7 abonnees")).click()
    expect(page.locator("[data-send-status]")).to_have_text("Geannuleerd")
    expect(page.locator("tr[data-problem='skipped']")).to_have_count(7)
    shots(page, "cancelled")

    # Send to the rest: the worker sends them; nobody twice.
    page.get_by_role("button", name=re.compile("Versturen aan wie het nog niet kreeg")).click()
    run_send(IssueSend.objects.get(pk=send.pk))
    page.reload()
    expect(page.locator("[data-send-status]")).to_have_text("Verstuurd")
    assert count(page, "sent") == "12"
    assert count(page, "pending") == "0"
    expect(page.locator("[data-time='finished'] time")).to_be_visible()
    shots(page, "done")
    per_address = Counter(address for m in sink.messages for address in m.get_all("To", []))
    assert len(per_address) == 12 and set(per_address.values()) == {1}

    # The meeting is cancelled afterwards: the archive still shows it as sent, with the note.
    meeting.cancelled = True
    meeting.save_revision().publish()
    visitor = new_page()
    visitor.goto(issue_page.url)
    note = visitor.locator("[data-change='cancelled']")
    expect(note).to_contain_text("Deze bijeenkomst gaat niet door")
    expect(note.get_by_role("link")).to_have_attribute("href", meeting.url)
    for width in WIDTHS:
        visitor.set_viewport_size({"width": width, "height": 900})
        screenshot(visitor, "issue-sending-archive")
