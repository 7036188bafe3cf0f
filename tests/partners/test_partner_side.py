"""The partners' side, as a partner and an editor meet it.

- The article form in a partner's section offers only *Artikel van een partner* (the category
  the page gets on save anyway), already chosen; elsewhere every category stays.
- An editor who asks for changes: the partner's mail says "Wijzigingen gevraagd" with the
  editor's comment, not "is afgekeurd" (delivered to a real SMTP server on loopback).
- A feed's introductions are clean sentences: no "klik Lees het rapport", addresses or "[…]"
  (a real feed, served over HTTP by ``tests.feed_server``).
- The run log names every skipped entry and why.
- *Nu ophalen* per feed for editors: a POST, back to the log with what happened; a partner's
  account and a GET change nothing.
"""

from knowledge.models import NewsPage
from partners.feed_import import import_feed
from partners.feed_parsing import introduction_text
from partners.models import FeedRun
from tests.partners.feed_support import partner_with_feed, rss
from tests.partners.test_feed_import import ARTICLES, FeedTestCase
from tests.partners.test_permissions import PartnerTestCase, account, news_form
from tests.smtp_sink import SmtpSink

LOG = "/admin/feed_runs/"

JUNK_ENTRY = {
    "guid": "movisie-rapport",
    "link": "https://www.movisie.nl/publicatie/eenzaamheid-ouderen",
    "title": "Eenzaamheid onder ouderen",
    "description": (
        "<p>Hoe voorkom je eenzaamheid onder ouderen? Movisie zette de kennis op een rij</p>"
        '<p>klik <a href="https://www.movisie.nl/rapport.pdf">Lees het rapport</a></p>'
    ),
    "content": "<p>Het hele rapport.</p>",
    "date": "Mon, 02 Nov 2026 10:00:00 +0100",
}
BODY_ONLY_ENTRY = {
    "guid": "movisie-buurt",
    "link": "https://www.movisie.nl/artikel/buurt",
    "title": "Buurtkamers",
    "content": (
        "<p>Buurtkamers brengen bewoners samen. Vrijwilligers houden ze open [&hellip;]</p>"
        '<p><a href="https://www.movisie.nl/artikel/buurt">Lees verder &raquo;</a></p>'
        "<p>The post Buurtkamers appeared first on Movisie.</p>"
    ),
    "date": "Tue, 03 Nov 2026 10:00:00 +0100",
}


class CategoryTests(PartnerTestCase):
    def category_options(self, parent):
        page = self.client.get(self.add_url(parent)).content.decode()
        select = page[page.index('name="category"') :]
        select = select[: select.index("</select>")]
        return [
            value
            for value in ("programme", "alliance", "monitor", "pilot", "partner")
            if f'value="{value}"' in select
        ]

    def test_a_partner_is_offered_only_the_partner_article(self):
        self.client.force_login(self.partner_user)

        self.assertEqual(self.category_options(self.movisie.section), ["partner"])
        page = self.client.get(self.add_url(self.movisie.section)).content.decode()
        self.assertIn('value="partner" selected', page)
        self.assertIn("altijd een artikel van een partner", page)

    def test_an_editor_in_the_partners_section_too_and_elsewhere_every_category(self):
        self.client.force_login(self.editor)

        self.assertEqual(self.category_options(self.movisie.section), ["partner"])
        self.assertEqual(
            self.category_options(self.site.news_index),
            ["programme", "alliance", "monitor", "pilot", "partner"],
        )

    def test_a_posted_other_category_is_refused_with_a_message(self):
        self.client.force_login(self.partner_user)

        response = self.client.post(
            self.add_url(self.movisie.section),
            news_form("Monitor-cijfers", self.movisie.organisation, category=NewsPage.Category.MONITOR),
        )

        self.assertEqual(response.status_code, 200)
        self.assertIn("Selecteer een geldige keuze", response.content.decode())
        self.assertFalse(NewsPage.objects.filter(title="Monitor-cijfers").exists())


class ChangesRequestedMailTests(PartnerTestCase):
    def setUp(self):
        super().setUp()
        self.sink = SmtpSink().start()
        self.addCleanup(self.sink.stop)
        override = self.sink.settings_override()
        override.enable()
        self.addCleanup(override.disable)

    def test_the_partner_reads_changes_requested_with_the_comment(self):
        page = self.submit(
            self.partner_user, self.write_draft(self.partner_user, self.movisie, "Schuldhulp Zutphen")
        )

        self.workflow_action(self.editor, page, "reject", "Graag een bron bij de cijfers.")

        [message] = self.sink.messages_to(self.partner_user.email)
        subject = " ".join(str(message["Subject"]).split())
        body = " ".join(message.get_body(("plain",)).get_content().split())
        self.assertEqual(subject, 'Wijzigingen gevraagd voor "Schuldhulp Zutphen"')
        self.assertIn('redacteur vraagt u om "Schuldhulp Zutphen" aan te passen.', body)
        self.assertIn('De opmerking van de redactie: "Graag een bron bij de cijfers."', body)
        self.assertIn(f"/admin/pages/{page.pk}/edit/", body)
        self.assertNotIn("afgekeurd", subject + body)
        self.assertNotIn("rejected", subject + body)


class IntroductionTests(FeedTestCase):
    def test_calls_to_action_and_link_remnants_leave_the_introduction(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss([JUNK_ENTRY, BODY_ONLY_ENTRY]))

        run = import_feed(movisie)

        self.assertEqual(run.created, 2, run.problems)
        introductions = dict(self.pages_of(movisie).values_list("title", "introduction"))
        self.assertEqual(
            introductions["Eenzaamheid onder ouderen"],
            "Hoe voorkom je eenzaamheid onder ouderen? Movisie zette de kennis op een rij.",
        )
        self.assertEqual(
            introductions["Buurtkamers"], "Buurtkamers brengen bewoners samen. Vrijwilligers houden ze open."
        )

    def test_a_sentence_that_starts_like_a_call_to_action_but_says_more_stays(self):
        text = introduction_text(
            '<p>Bekijk hoe <a href="https://x.example">dorpshuizen</a> samenwerken met de gemeente en wat '
            'dat oplevert.</p><a href="https://x.example">Read more &raquo;</a>',
            600,
        )

        self.assertEqual(text, "Bekijk hoe dorpshuizen samenwerken met de gemeente en wat dat oplevert.")

    def test_a_long_introduction_is_cut_at_the_end_of_a_sentence(self):
        text = introduction_text("Eerste zin. Tweede zin die langer is. Derde zin.", 40)

        self.assertEqual(text, "Eerste zin. Tweede zin die langer is.")


class SkippedLogTests(FeedTestCase):
    def test_the_log_names_each_skipped_entry_and_why(self):
        duplicate = {**ARTICLES[1], "title": "Armoede (nog een keer)"}
        movisie = self.partner(
            "Movisie", "/movisie.xml", rss([*ARTICLES, duplicate, {"title": "Zonder adres"}])
        )
        import_feed(movisie)
        approved = self.pages_of(movisie).get(title="Eenzaamheid in de wijk")
        approved.save_revision().publish()

        run = import_feed(movisie)

        self.assertEqual(run.skipped, 4)
        lines = run.skipped_entries.splitlines()
        self.assertEqual(len(lines), 4, lines)
        self.assertIn(
            "Eenzaamheid in de wijk: al goedgekeurd; de feed verandert een gepubliceerd bericht niet meer",
            lines,
        )
        self.assertIn("Armoede en schulden: niet veranderd sinds de vorige keer", lines)
        self.assertIn(
            "Armoede (nog een keer): staat twee keer in de feed (dezelfde guid); alleen de eerste telt", lines
        )
        self.assertTrue(any("Zonder adres" in line and "zonder guid en link" in line for line in lines))

    def test_the_inspect_view_shows_them(self):
        movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES))
        import_feed(movisie)
        run = import_feed(movisie)
        self.client.force_login(self.editor)

        page = self.client.get(f"{LOG}inspect/{run.pk}/").content.decode()

        self.assertIn("Overgeslagen berichten, met de reden", page)
        self.assertIn("Armoede en schulden: niet veranderd sinds de vorige keer", page)


class FetchNowTests(FeedTestCase):
    def setUp(self):
        super().setUp()
        self.movisie = self.partner("Movisie", "/movisie.xml", rss(ARTICLES))
        self.fetch_url = f"{LOG}ophalen/{self.movisie.pk}/"

    def test_an_editor_fetches_a_feed_now(self):
        self.client.force_login(self.editor)

        page = self.client.get(LOG).content.decode()
        self.assertIn("Feeds van partners", page)
        self.assertIn(f'action="{self.fetch_url}" method="post"', page)
        self.assertIn('aria-label="Feed van Movisie nu ophalen"', page)
        self.assertIn("Nog nooit", page)

        response = self.client.post(self.fetch_url)

        self.assertRedirects(response, LOG, fetch_redirect_response=False)
        run = FeedRun.objects.get()
        self.assertEqual((run.status, run.created), (FeedRun.Status.OK, 2))
        self.assertEqual(self.pages_of(self.movisie).count(), 2)
        after = " ".join(self.client.get(LOG).content.decode().split())
        self.assertIn(
            "De feed van Movisie is opgehaald: 2 nieuw, 0 bijgewerkt, 0 overgeslagen, 0 niet gelukt.", after
        )

    def test_a_broken_feed_says_why(self):
        broken = partner_with_feed("Platform31", self.serve("/p31.xml", b"geen feed"))
        self.client.force_login(self.editor)

        self.client.post(f"{LOG}ophalen/{broken.pk}/")

        after = " ".join(self.client.get(LOG).content.decode().split())
        self.assertIn(
            "Het ophalen van de feed van Platform31 is mislukt: Dit is geen RSS-, Atom- of JSON-feed.", after
        )

    def test_a_get_fetches_nothing(self):
        self.client.force_login(self.editor)

        response = self.client.get(self.fetch_url)

        self.assertEqual(response.status_code, 405)
        self.assertFalse(FeedRun.objects.exists())

    def test_a_partner_can_not_fetch(self):
        partner_user = account("movisie", self.movisie.group)
        self.client.force_login(partner_user)

        response = self.client.post(self.fetch_url)

        # Refused like any admin view a partner may not see (to the dashboard, or 403), never run.
        self.assertIn(response.status_code, (302, 403))
        self.assertNotEqual(response.get("Location"), LOG)
        self.assertFalse(FeedRun.objects.exists())
        self.assertNotIn("Nu ophalen", self.client.get(LOG).content.decode())

    def test_an_unknown_partner_is_not_found(self):
        self.client.force_login(self.editor)

        self.assertEqual(self.client.post(f"{LOG}ophalen/9999/").status_code, 404)
        self.assertFalse(FeedRun.objects.exists())
