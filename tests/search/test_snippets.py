"""Under each result a clean snippet: the sentence around the first match, as a reader sees it.

No block labels ("Kop 2") or empty separators (", ,") from the StreamField, at most about 220
characters with "…" where text was cut, and never the summary twice.
"""

from django.test import SimpleTestCase, TestCase
from wagtail.models import Page

from search.highlight import FRAGMENT_CHARS, START, STOP, snippet
from tests.factories.home import StandardPageFactory, dutch_home
from tests.factories.knowledge import MeetingPageFactory, build_site
from tests.factories.translation import translate
from tests.utils import soup


def results(response):
    return soup(response).select("main .card--result")


class SnippetFromTheIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        cls.page = StandardPageFactory(
            parent=home,
            title="Een plek voor iedereen",
            introduction="Hoe een dorp zijn eigen huiskamer maakt.",
            body__0__heading__text="Hoe kan ik subsidie krijgen?",
            body__0__heading__level="h2",
            body__1__heading__text="Een plek in het dorp",
            body__1__heading__level="h3",
            body__2__paragraph__value="<p>Het dorpshuis is open voor iedereen. Vrijwilligers zetten "
            "elke ochtend koffie. Wie wil, schuift aan.</p>",
            body__3__quote__quote="Hier ken je je buren.",
        )
        # The word of the first test is only in the introduction here.
        cls.only_summary = StandardPageFactory(
            parent=home,
            title="Aanpak",
            introduction="Een vaste ochtend met koffie in de buurtkamer.",
            body__0__paragraph__value="<p>Andere tekst zonder dat woord.</p>",
        )

    def search(self, query):
        response = self.client.get("/zoeken/", {"q": query})
        self.assertEqual(response.status_code, 200)
        return response

    def test_the_snippet_is_the_sentence_around_the_match_without_block_labels(self):
        card = next(c for c in results(self.search("vrijwilligers")) if self.page.title in c.get_text())
        highlight = card.select_one(".card__highlight")

        text = " ".join(highlight.get_text().split())
        self.assertIn("Vrijwilligers zetten elke ochtend koffie.", text)
        for label in ("Kop 2", "Kop 3", "Tekst", "Citaat", ", ,", "?,"):
            self.assertNotIn(label, text)
        # Only the word is marked; PostgreSQL's stemmer also marks its other forms (the quote's
        # "Vrijwilliger"), SQLite marks what starts with the word.
        marks = [mark.get_text() for mark in highlight.select("mark")]
        self.assertEqual(marks[0], "Vrijwilligers")
        self.assertTrue(all(mark.lower().startswith("vrijwilliger") for mark in marks), marks)
        self.assertLessEqual(len(text), FRAGMENT_CHARS + 4)

    def test_the_summary_is_never_shown_twice(self):
        response = self.search("koffie")
        for card in results(response):
            texts = [" ".join(p.get_text().split()) for p in card.select(".card__text")]
            self.assertEqual(len(texts), len(set(texts)), texts)
            summary_seen = [t for t in texts if "Een vaste ochtend met koffie" in t]
            self.assertLessEqual(len(summary_seen), 1, texts)
        # Found only in the summary: the summary itself, marked, stands in for the snippet.
        card = next(c for c in results(response) if "Aanpak" in c.select_one(".card__title").get_text())
        self.assertEqual(len(card.select(".card__text")), 1)
        self.assertEqual([m.get_text() for m in card.select(".card__highlight mark")], ["koffie"])

    def test_the_index_holds_the_body_as_lines_without_labels(self):
        text = Page.objects.get(pk=self.page.pk).specific.body.stream_block.get_searchable_content(
            self.page.body
        )[0]
        self.assertEqual(
            text.split("\n"),
            [
                "Hoe kan ik subsidie krijgen?",
                "Een plek in het dorp",
                "Het dorpshuis is open voor iedereen. Vrijwilligers zetten elke ochtend koffie. "
                "Wie wil, schuift aan.",
                "Hier ken je je buren.",
                "Bewoner van Dinxperlo",
                "Vrijwilliger",
            ],
        )


class SnippetRulesTests(SimpleTestCase):
    def marked(self, text, word):
        return text.replace(word, f"{START}{word}{STOP}")

    def test_a_heading_ends_its_own_sentence(self):
        text = self.marked("Wat kost het?\nKop zonder punt\nDe koffie is gratis. Nog een zin.", "koffie")
        found, is_summary = snippet(text)
        self.assertFalse(is_summary)
        self.assertTrue(found.startswith("Wat kost het? Kop zonder punt De "), found)

    def test_a_long_sentence_is_cut_around_the_match_with_ellipses(self):
        long = " ".join(["woord"] * 80) + " koffie " + " ".join(["tekst"] * 80) + "."
        found, _is_summary = snippet(self.marked(long, "koffie"))
        self.assertTrue(found.startswith("… ") and found.endswith(" …"), found)
        self.assertIn(f"{START}koffie{STOP}", found)
        self.assertLessEqual(len(found), FRAGMENT_CHARS + 6)

    def test_old_index_rows_lose_their_empty_separators(self):
        found, _is_summary = snippet(
            self.marked("Iets krijgen?, , Een plek met koffie, , en thee.", "koffie")
        )
        self.assertNotIn(", ,", found)
        self.assertNotIn("?,", found)

    def test_nothing_matches_no_snippet(self):
        self.assertEqual(snippet("Geen treffer hier.", "Samenvatting."), ("", False))


class MeetingResultTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = build_site()
        cls.coming = MeetingPageFactory(parent=site.meeting_index, title="Intervisie buurtkamer komend")
        cls.past = MeetingPageFactory(
            parent=site.meeting_index, title="Intervisie buurtkamer voorbij", days=-30
        )

    def card(self, response, meeting):
        return next(c for c in results(response) if meeting.title in c.select_one(".card__title").get_text())

    def test_a_meeting_result_shows_its_date_and_says_when_it_has_ended(self):
        response = self.client.get("/zoeken/", {"q": "intervisie"})
        coming, past = self.card(response, self.coming), self.card(response, self.past)

        self.assertIn(self.coming.card_meta(), " ".join(coming.select_one(".card__meta").get_text().split()))
        self.assertIsNone(coming.select_one(".card__past"))
        self.assertEqual(past.select_one(".card__past").get_text(), "Afgelopen")
        self.assertIn(str(self.past.start.year), past.select_one(".card__meta").get_text())

    def test_in_english_too(self):
        # Waits for the lead's merge of /tmp/translations/search.json into the catalogue.
        translate(self.past.get_parent().get_parent())
        translate(self.past.get_parent())
        english = translate(self.past)
        response = self.client.get("/en/search/", {"q": "intervisie"})
        self.assertEqual(response.status_code, 200)
        past = self.card(response, english)
        self.assertEqual(past.select_one(".card__past").get_text(), "Finished")
