"""The archive shows an issue as it was sent, with a note where something it named changed since.

A reader who follows a link from last quarter's mail must see what the mail said, and be told
when a meeting moved, was cancelled, or a page is gone, with a link to the page as it is now.
"""

import datetime

import pytest
from django.utils import translation

from newsletter.delivery import run_send, start_send
from newsletter.models import IssueSend
from tests.factories.knowledge import KnowledgeItemPageFactory, MeetingPageFactory, build_site
from tests.factories.newsletter import NewsletterIssuePageFactory, SubscriberFactory
from tests.smtp_sink import SmtpSink
from tests.utils import soup

pytestmark = pytest.mark.django_db


def section(kind, *pages):
    return {
        "type": "section",
        "value": {
            "kind": kind,
            "note": "",
            # A list item needs its id, or the list is read as the old format and comes out empty.
            "items": [
                {"type": "item", "id": f"item-{page.pk}", "value": {"page": page.pk, "note": ""}}
                for page in pages
            ],
        },
    }


@pytest.fixture
def sent_issue(settings):
    """An issue naming a meeting and a knowledge item, sent to one subscriber."""
    settings.BASE_URL = "https://www.leefbaarheid.example"
    tree = build_site(theme_slugs=())
    meeting = MeetingPageFactory(parent=tree.meeting_index, title="Intervisie eenzaamheid", days=20)
    item = KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Methode Samen Eten")
    issue = NewsletterIssuePageFactory(
        parent=tree.newsletter_index,
        title="Kwartaalupdate herfst",
        sections=[section("meetings", meeting), section("knowledge", item)],
    )
    SubscriberFactory()
    with SmtpSink() as sink, sink.settings_override():
        send = start_send(issue)
        run_send(send)
        assert len(sink.messages) == 1
    issue.refresh_from_db()
    with translation.override("nl"):
        sent_time = meeting.card_meta()
    return issue, meeting, item, sent_time


def publish(page):
    page.save_revision().publish()


def card_of(page_html, title):
    link = page_html.find("a", string=title)
    assert link is not None, f"{title!r} not on the page"
    return link.find_parent("article")


def test_the_archive_is_what_was_sent_and_notes_a_moved_then_cancelled_meeting(client, sent_issue):
    issue, meeting, item, sent_time = sent_issue
    send = IssueSend.objects.get(issue=issue)
    assert send.snapshot_at is not None and "Intervisie eenzaamheid" in send.snapshot_html

    before = soup(client.get(issue.url))
    card = card_of(before, "Intervisie eenzaamheid")
    assert sent_time in card.text
    assert card.find(attrs={"data-change": True}) is None  # nothing changed yet: no note

    # The meeting moves a week and a renamed title is published: the archive keeps what was sent.
    meeting.start += datetime.timedelta(days=7)
    meeting.end += datetime.timedelta(days=7)
    meeting.title = "Intervisie eenzaamheid (nieuwe datum)"
    publish(meeting)
    with translation.override("nl"):
        new_time = meeting.card_meta()
    assert new_time != sent_time

    moved = soup(client.get(issue.url))
    card = card_of(moved, "Intervisie eenzaamheid")
    assert sent_time in card.text
    note = card.find(attrs={"data-change": "moved"})
    assert "Deze bijeenkomst is verplaatst" in note.text
    assert new_time.split(",")[0] in note.text  # the new day, in Dutch
    assert note.find("a")["href"] == meeting.url

    meeting.cancelled = True
    publish(meeting)

    cancelled = soup(client.get(issue.url))
    card = card_of(cancelled, "Intervisie eenzaamheid")
    assert sent_time in card.text
    note = card.find(attrs={"data-change": "cancelled"})
    assert "Deze bijeenkomst gaat niet door" in note.text
    assert note.find("a")["href"] == meeting.url
    assert "Verstuurd op" in cancelled.text


def test_an_unpublished_page_is_noted_and_still_listed_as_sent(client, sent_issue):
    issue, _meeting, item, _sent_time = sent_issue
    item.unpublish()

    page = soup(client.get(issue.url))

    card = card_of(page, "Methode Samen Eten")
    note = card.find(attrs={"data-change": "gone"})
    assert "Deze pagina is niet meer beschikbaar" in note.text
    assert note.find("a") is None


def test_an_issue_that_was_not_sent_shows_its_pages_as_they_are(client):
    tree = build_site(theme_slugs=())
    meeting = MeetingPageFactory(parent=tree.meeting_index, title="Intervisie armoede")
    issue = NewsletterIssuePageFactory(parent=tree.newsletter_index, sections=[section("meetings", meeting)])
    meeting.title = "Intervisie armoede en schulden"
    publish(meeting)

    page = soup(client.get(issue.url))

    assert page.find("a", string="Intervisie armoede en schulden") is not None
    assert page.find(attrs={"data-change": True}) is None
