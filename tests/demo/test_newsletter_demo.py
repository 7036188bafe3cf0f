"""A visitor of the demo's kwartaalupdate archive finds one sent issue, in Dutch and in English.

The module seeds its own demo (``newsletter_demo``) after putting a confirmed subscriber in each
language into the empty test database, so the tests can also show that seeding mails nobody.
Then it seeds a second time: the archive must still hold one issue per language.
"""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import transaction
from django.utils import timezone
from wagtail_localize.models import Translation

from demo.content import people
from newsletter.models import Delivery, IssueSend, NewsletterIndexPage, NewsletterIssuePage
from tests.demo.support import seed
from tests.demo.test_seed_demo import report
from tests.factories.newsletter import SubscriberFactory

pytestmark = pytest.mark.django_db

# The season a quarter is named after (newsletter.models.issues.SEASONS), written out here again
# so that a change there is a change this test notices.
DUTCH_SEASONS = {1: "winter", 2: "lente", 3: "zomer", 4: "herfst"}
ENGLISH_SEASONS = {1: "winter", 2: "spring", 3: "summer", 4: "autumn"}


def this_quarter():
    today = timezone.localdate()
    return today.year, (today.month - 1) // 3 + 1


@pytest.fixture(scope="module")
def newsletter_demo(django_db_setup, django_db_blocker):
    """The demo seeded twice over two confirmed subscribers; both reports and the mail outbox."""
    with django_db_blocker.unblock(), transaction.atomic():
        SubscriberFactory(email="lezer@gemeente.example", language="nl")
        SubscriberFactory(email="reader@gemeente.example", language="en")
        mail.outbox = []
        first = seed()
        sent_after_first = list(mail.outbox)
        issues_after_first = list(NewsletterIssuePage.objects.order_by("pk").values_list("pk", flat=True))
        second = seed()
        yield SimpleNamespace(
            first=first,
            second=second,
            mailed=sent_after_first + list(mail.outbox),
            issues_after_first=issues_after_first,
        )
        transaction.set_rollback(True)


def issues(language):
    return NewsletterIssuePage.objects.filter(locale__language_code=language)


def test_one_sent_issue_per_language_with_a_plain_title(newsletter_demo):
    year, quarter = this_quarter()
    dutch = issues("nl").get()
    english = issues("en").get()

    assert dutch.live and dutch.sent_at is not None
    assert english.live and english.sent_at is not None
    assert dutch.quarter == english.quarter == f"{year}-Q{quarter}"
    assert dutch.title == f"Kwartaalupdate {DUTCH_SEASONS[quarter]} {year}"
    # Needs the English catalogue (/tmp/translations/newsletter.json merged).
    assert english.title == f"Quarterly update {ENGLISH_SEASONS[quarter]} {year}"


def test_the_english_issue_is_a_wagtail_localize_translation_of_the_dutch(newsletter_demo):
    dutch, english = issues("nl").get(), issues("en").get()
    assert english.translation_key == dutch.translation_key
    assert Translation.objects.filter(
        source__object_id=dutch.translation_key, target_locale=english.locale, enabled=True
    ).exists()
    # The editor's texts were translated, the chosen pages are the same.
    assert english.introduction.startswith("New learning-network meetings")
    assert [block.value["kind"] for block in english.sections] == [
        block.value["kind"] for block in dutch.sections
    ]
    dutch_notes = {block.value["kind"]: block.value["note"] for block in dutch.sections}
    english_notes = {block.value["kind"]: block.value["note"] for block in english.sections}
    assert dutch_notes["meetings"].startswith("Meld u op tijd aan")
    assert english_notes["meetings"].startswith("Sign up in good time")


def test_the_issues_are_assembled_from_the_quarters_pages_and_trimmed(newsletter_demo):
    dutch = issues("nl").get()
    kinds = [block.value["kind"] for block in dutch.sections]
    # This quarter's demo has upcoming meetings, and seeding publishes knowledge items and pilots now.
    assert {"meetings", "pilots", "knowledge"} <= set(kinds)
    for block in dutch.sections:
        pages = [item["page"] for item in block.value["items"]]
        assert 1 <= len(pages) <= 4, block.value["kind"]
        assert all(page.live and page.locale_id == dutch.locale_id for page in pages)


def test_sending_the_demo_issues_mailed_nobody(newsletter_demo):
    assert newsletter_demo.mailed == []
    for issue in NewsletterIssuePage.objects.all():
        send = IssueSend.objects.get(issue=issue)
        assert send.status == IssueSend.Status.DONE
        # The same moment (the page's column may keep fewer digits of a second).
        assert abs(send.finished_at - issue.sent_at).total_seconds() < 1
    # Recorded as sent to the demo's own made-up readers of its language, without a message.
    deliveries = Delivery.objects.select_related("subscriber", "send__issue__locale")
    assert deliveries.exists()
    for delivery in deliveries:
        assert delivery.status == Delivery.Status.SENT
        assert delivery.subscriber.email.endswith(f"@{people.DOMAIN}")
        assert delivery.subscriber.language == delivery.send.issue.locale.language_code


def test_running_again_keeps_one_issue_per_language(newsletter_demo):
    assert list(NewsletterIssuePage.objects.order_by("pk").values_list("pk", flat=True)) == (
        newsletter_demo.issues_after_first
    )
    assert issues("nl").count() == issues("en").count() == 1
    first, second = report(newsletter_demo.first), report(newsletter_demo.second)
    assert first["Kwartaalupdate"] == first["Kwartaalupdate in het Engels"] == (1, 0, 0)
    assert second["Kwartaalupdate"] == second["Kwartaalupdate in het Engels"] == (0, 0, 1)
    # Adding the issue below the archive made no work for the translations on the second run.
    assert second["Engelse vertalingen"][:2] == (0, 0)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_archive_page_lists_the_issue_and_the_issue_opens(newsletter_demo, client, language):
    archive = NewsletterIndexPage.objects.get(locale__language_code=language)
    issue = issues(language).get()

    page = BeautifulSoup(client.get(archive.url).content, "html.parser")
    links = [(link.get_text(strip=True), link["href"]) for link in page.select(".card__title a")]
    assert links == [(issue.title, issue.url)]

    response = client.get(issue.url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == issue.title
    assert page.select(".issue-section"), "the issue shows no sections"
    assert issue.introduction in page.get_text(" ", strip=True) or page.select(".rich-text")


def test_the_english_issue_shows_english_pages_where_they_are_translated(newsletter_demo, client):
    english = issues("en").get()
    page = BeautifulSoup(client.get(english.url).content, "html.parser")
    titles = page.select(".issue-section .card__title")

    def language(title):
        """The language the title is marked with: on the heading or on its link."""
        return title.get("lang") or title.a.get("lang")

    english_items = [title for title in titles if not language(title)]
    dutch_items = [title for title in titles if language(title)]
    assert english_items, "no item of the English issue is shown in English"
    for title in english_items:
        assert title.a["href"].startswith("/en/"), title
    for title in dutch_items:
        assert language(title) == "nl" and not title.a["href"].startswith("/en/"), title


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_archive_feed_is_rss_with_a_description_for_the_issue(newsletter_demo, client, language):
    archive = NewsletterIndexPage.objects.get(locale__language_code=language)
    issue = issues(language).get()
    response = client.get(archive.url + "rss/")
    assert response.status_code == 200

    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("language") == language
    items = channel.findall("item")
    assert len(items) == 1
    item = items[0]
    for name in ("title", "link", "guid", "pubDate", "description"):
        assert (item.findtext(name) or "").strip(), f"item without {name}"
    assert item.findtext("title") == issue.title
    assert item.findtext("link").endswith(issue.url)
    assert item.findtext("description") == issue.introduction
