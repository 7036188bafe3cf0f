"""What a reader of the archive gets: plain titles, feed items that say what is in them, an English
issue that shows English pages, and issues counted as sent only when they went out.
"""

import datetime
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup
from django.core import mail
from django.test import TestCase
from django.utils import timezone, translation

from newsletter.assembly import assemble_issue
from newsletter.delivery import run_send, start_send
from newsletter.models import Delivery, IssueSend, NewsletterIssuePage, Subscriber
from newsletter.models.issues import issue_title
from tests.factories.knowledge import KnowledgeItemPageFactory, PilotPageFactory, build_site
from tests.factories.newsletter import NewsletterIssuePageFactory, SubscriberFactory
from tests.factories.translation import translate
from tests.newsletter.test_issue_rendering import section

FEED_ITEM_ELEMENTS = ("title", "link", "guid", "pubDate", "description")


def sent(days_ago):
    return timezone.now() - datetime.timedelta(days=days_ago)


def feed_items(client, url):
    """The feed's ``<item>``s as ``{element: text}``, after checking it is RSS 2.0."""
    response = client.get(url)
    assert response.status_code == 200, url
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = []
    for item in root.find("channel").findall("item"):
        items.append({name: (item.findtext(name) or "").strip() for name in FEED_ITEM_ELEMENTS})
    return items


class IssueTitleTests(TestCase):
    def test_each_quarter_is_named_after_its_season(self):
        with translation.override("nl"):
            titles = [issue_title(f"2026-Q{quarter}") for quarter in (1, 2, 3, 4)]
        self.assertEqual(
            titles,
            [
                "Kwartaalupdate winter 2026",
                "Kwartaalupdate lente 2026",
                "Kwartaalupdate zomer 2026",
                "Kwartaalupdate herfst 2026",
            ],
        )

    def test_english_titles(self):
        # Needs the English catalogue (/tmp/translations/newsletter.json merged).
        with translation.override("en"):
            self.assertEqual(issue_title("2026-Q4"), "Quarterly update autumn 2026")
            self.assertEqual(issue_title("2027-Q2"), "Quarterly update spring 2027")

    def test_a_new_issue_gets_the_plain_title_and_the_editor_may_change_it(self):
        tree = build_site(theme_slugs=())
        PilotPageFactory(parent=tree.pilot_index, title="Pilot")
        issue = assemble_issue("2026-Q4")
        self.assertEqual(issue.title, "Kwartaalupdate herfst 2026")

        issue.title = "Kwartaalupdate najaar 2026"
        issue.save_revision().publish()
        self.assertEqual(NewsletterIssuePage.objects.get(pk=issue.pk).title, "Kwartaalupdate najaar 2026")


class FeedDescriptionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site(theme_slugs=())
        cls.tree = tree
        pilot = PilotPageFactory(parent=tree.pilot_index, title="Buurtkamer")
        item = KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Methode")
        archive = tree.newsletter_index
        NewsletterIssuePageFactory(
            parent=archive,
            title="Met samenvatting",
            introduction="Nieuwe pilots en een methode tegen eenzaamheid.",
            intro="<p>Niet deze tekst.</p>",
            sent_at=sent(1),
        )
        NewsletterIssuePageFactory(
            parent=archive,
            title="Met inleiding",
            introduction="",
            intro="<p>Welkom &amp; veel leesplezier.</p><p>Tot de volgende keer.</p>",
            sent_at=sent(2),
        )
        NewsletterIssuePageFactory(
            parent=archive,
            title="Alleen rubrieken",
            introduction="",
            intro="",
            sections=[section("pilots", pilot), section("alliance"), section("knowledge", item)],
            sent_at=sent(3),
        )

    def test_every_item_has_the_elements_of_rss_2(self):
        items = feed_items(self.client, "/kwartaalupdate/rss/")
        self.assertEqual(len(items), 3)
        for item in items:
            for name in FEED_ITEM_ELEMENTS:
                self.assertTrue(item[name], f"{item['title']} has no {name}")

    def test_the_description_is_the_summary_else_the_introduction_else_the_contents(self):
        items = feed_items(self.client, "/kwartaalupdate/rss/")
        descriptions = {item["title"]: item["description"] for item in items}
        self.assertEqual(
            descriptions,
            {
                "Met samenvatting": "Nieuwe pilots en een methode tegen eenzaamheid.",
                "Met inleiding": "Welkom & veel leesplezier. Tot de volgende keer.",
                # An empty section is not mentioned: the web page and the e-mail leave it out too.
                "Alleen rubrieken": "In dit nummer: Pilots en Uit de kennisbank.",
            },
        )

    def test_the_english_feed_describes_in_english(self):
        translate(self.tree.newsletter_index)
        dutch = NewsletterIssuePage.objects.get(title="Alleen rubrieken")
        english = translate(dutch, {"Alleen rubrieken": "Sections only"})
        # A translation of a sent issue is not sent: it goes out with its own send.
        self.assertIsNone(english.sent_at)
        NewsletterIssuePage.objects.filter(pk=english.pk).update(sent_at=sent(1))

        items = feed_items(self.client, "/en/kwartaalupdate/rss/")
        self.assertEqual([item["title"] for item in items], ["Sections only"])
        # Needs the English catalogue (/tmp/translations/newsletter.json merged).
        self.assertEqual(items[0]["description"], "In this issue: Pilots and From the knowledge base.")


class TranslatedIssueTests(TestCase):
    """An English issue made with wagtail-localize points at the Dutch pages it was made from."""

    @classmethod
    def setUpTestData(cls):
        tree = build_site(theme_slugs=())
        translate(tree.knowledge_index)
        translate(tree.newsletter_index)
        cls.translated = KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Samen eten")
        cls.english_item = translate(cls.translated, {"Samen eten": "Eating together"})
        cls.untranslated = KnowledgeItemPageFactory(
            parent=tree.knowledge_index, title="Buurtgesprek", introduction="Een gesprek in de buurt."
        )
        cls.dutch = NewsletterIssuePageFactory(
            parent=tree.newsletter_index,
            title="Kwartaalupdate herfst 2026",
            sections=[section("knowledge", cls.translated, cls.untranslated)],
            sent_at=sent(1),
        )
        cls.english = translate(cls.dutch, {"Kwartaalupdate herfst 2026": "Quarterly update autumn 2026"})

    def test_the_translation_of_a_sent_issue_is_not_sent(self):
        self.assertIsNotNone(self.dutch.sent_at)
        self.assertIsNone(self.english.sent_at)
        response = self.client.get("/en/kwartaalupdate/")
        self.assertNotContains(response, "Quarterly update autumn 2026")

    def test_items_show_their_english_page_or_the_dutch_one_marked_as_dutch(self):
        response = self.client.get(self.english.url)

        self.assertContains(
            response,
            f'<h3 class="card__title"><a href="{self.english_item.url}">Eating together</a></h3>',
            html=True,
        )
        self.assertContains(
            response,
            f'<h3 class="card__title"><a href="{self.untranslated.url}" lang="nl" hreflang="nl">'
            'Buurtgesprek</a> <span class="card__note">(in Dutch)</span></h3>',
            html=True,
        )
        self.assertContains(
            response, '<p class="card__text" lang="nl">Een gesprek in de buurt.</p>', html=True
        )
        self.assertNotContains(response, ">Samen eten<")

    def test_the_dutch_issue_is_unchanged(self):
        page = BeautifulSoup(self.client.get(self.dutch.url).content, "html.parser")
        titles = page.select(".issue-section .card__title")
        self.assertEqual([title.get_text(strip=True) for title in titles], ["Samen eten", "Buurtgesprek"])
        self.assertEqual(page.select(".issue-section [lang]"), [])


class SendToNobodyTests(TestCase):
    """``start_send(subscribers=...)`` narrows the recipients; with none the send just finishes."""

    def test_an_empty_recipient_list_records_the_send_and_mails_nobody(self):
        tree = build_site(theme_slugs=())
        SubscriberFactory(email="lezer@gemeente.example", language="nl")
        issue = NewsletterIssuePageFactory(parent=tree.newsletter_index, title="Kwartaalupdate herfst 2026")

        send = start_send(issue, subscribers=Subscriber.objects.none())
        run_send(send)

        send.refresh_from_db()
        issue.refresh_from_db()
        self.assertEqual(send.status, IssueSend.Status.DONE)
        self.assertIsNotNone(issue.sent_at)
        self.assertFalse(Delivery.objects.exists())
        self.assertEqual(mail.outbox, [])
        self.assertContains(self.client.get("/kwartaalupdate/"), "Kwartaalupdate herfst 2026")

    def test_subscribers_narrow_but_never_widen_the_recipients(self):
        tree = build_site(theme_slugs=())
        chosen = SubscriberFactory(email="gekozen@gemeente.example", language="nl")
        SubscriberFactory(email="ander@gemeente.example", language="nl")
        english = SubscriberFactory(email="reader@gemeente.example", language="en")
        issue = NewsletterIssuePageFactory(parent=tree.newsletter_index)

        send = start_send(issue, subscribers=Subscriber.objects.filter(pk__in=[chosen.pk, english.pk]))

        self.assertEqual(list(send.deliveries.values_list("subscriber_id", flat=True)), [chosen.pk])
