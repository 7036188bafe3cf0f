"""The e-mail of an issue: rendered once per language, safe to open, personalised by replacement.

The e-mail must load nothing from anywhere but the site (no web fonts, no trackers), carry its
styles on the elements (many mail clients drop ``<style>``), and give both parts the same items.
"""

import re
import uuid

from django.conf import settings
from django.test import TestCase

from newsletter.rendering import (
    PREFERENCES_URL,
    THEMES_BLOCK,
    UNSUBSCRIBE_URL,
    RenderedIssue,
    personalise,
    render_issue,
    themed_block,
)
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    PilotPageFactory,
    build_site,
)
from tests.factories.newsletter import NewsletterIssuePageFactory
from tests.factories.translation import translate

URL = re.compile(r"https?://[^\s\"'<>)]+")


def section(kind, *pages, note=""):
    """A section block in the raw JSON form the StreamField stores."""
    return {
        "type": "section",
        "value": {
            "kind": kind,
            "note": note,
            "items": [
                {"type": "item", "id": str(uuid.uuid4()), "value": {"page": page.pk, "note": ""}}
                for page in pages
            ],
        },
    }


def make_issue(tree, **kwargs):
    """An issue with one item in each of four sections; two themes spread over the items."""
    loneliness = tree.themes["eenzaamheid"]
    poverty = tree.themes["armoede-en-schulden"]
    pages = {
        "meeting": MeetingPageFactory(
            parent=tree.meeting_index,
            title="Intervisie eenzaamheid",
            introduction="Praat mee over eenzaamheid.",
            themes=[loneliness],
        ),
        "monitor": NewsPageFactory(
            parent=tree.news_index, title="Monitor 2026 verschenen", category="monitor", themes=[]
        ),
        "pilot": PilotPageFactory(parent=tree.pilot_index, title="Buurtkamer Presikhaaf", themes=[poverty]),
        "item": KnowledgeItemPageFactory(
            parent=tree.knowledge_index, title="Methode Samen Eten", themes=[loneliness, poverty]
        ),
    }
    issue = NewsletterIssuePageFactory(
        parent=tree.newsletter_index,
        title="Kwartaalupdate herfst",
        introduction="Wat er dit kwartaal gebeurde.",
        intro='<p>Lees ook <a href="https://www.platform31.nl/">Platform31</a>.</p>',
        sections=[
            section("meetings", pages["meeting"], note="Meld u op tijd aan."),
            section("monitor", pages["monitor"]),
            section("pilots", pages["pilot"]),
            section("knowledge", pages["item"]),
        ],
        **kwargs,
    )
    return issue, pages


class IssueRenderingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        cls.loneliness = cls.tree.themes["eenzaamheid"]
        cls.poverty = cls.tree.themes["armoede-en-schulden"]
        cls.issue, cls.pages = make_issue(cls.tree)

    def setUp(self):
        self.rendered = render_issue(self.issue)

    def test_placeholders_are_left_for_the_recipient(self):
        for placeholder in (PREFERENCES_URL, UNSUBSCRIBE_URL, THEMES_BLOCK):
            self.assertIn(placeholder, self.rendered.html)
            self.assertIn(placeholder, self.rendered.text)
        self.assertEqual(self.rendered.language, "nl")
        self.assertEqual(self.rendered.subject, "Kwartaalupdate herfst")
        self.assertIn('<html lang="nl"', self.rendered.html)

    def test_html_links_only_to_the_site_except_what_the_editor_wrote(self):
        html, _text = personalise(
            self.rendered, f"{settings.BASE_URL}/voorkeuren/x/", f"{settings.BASE_URL}/afmelden/x/", []
        )
        foreign = [url for url in URL.findall(html) if not url.startswith(settings.BASE_URL + "/")]
        # The only other address is the link the editor put in the intro: a link, not a resource.
        self.assertEqual(foreign, ["https://www.platform31.nl/"])
        self.assertNotIn("<link", html)
        self.assertNotIn("fonts.googleapis", html)
        self.assertNotIn("<img", html)  # nothing to load, so nothing to track

    def test_without_editor_links_there_is_no_foreign_url_at_all(self):
        self.issue.intro = ""
        html, text = personalise(
            render_issue(self.issue), f"{settings.BASE_URL}/v/", f"{settings.BASE_URL}/a/", []
        )
        for part in (html, text):
            self.assertEqual([url for url in URL.findall(part) if not url.startswith(settings.BASE_URL)], [])

    def test_styles_are_inlined_on_the_elements(self):
        self.assertRegex(self.rendered.html, r'<h1 style="[^"]*color: ?#ffffff')
        self.assertRegex(self.rendered.html, r'<h2 style="[^"]*color: ?#00467f')
        self.assertRegex(self.rendered.html, r'<a href="[^"]+" style="[^"]*color: ?#00467f')

    def test_both_parts_carry_every_item_with_its_absolute_link(self):
        for page in self.pages.values():
            url = settings.BASE_URL + page.url
            self.assertIn(page.title, self.rendered.html)
            self.assertIn(page.title, self.rendered.text)
            self.assertIn(f'href="{url}"', self.rendered.html)
            self.assertIn(url, self.rendered.text)
        self.assertIn("Meld u op tijd aan.", self.rendered.text)
        self.assertIn("<h2", self.rendered.html)
        self.assertIn("Uit de kennisbank", self.rendered.text)

    def test_unpublished_pages_are_left_out(self):
        self.pages["pilot"].unpublish()
        rendered = render_issue(type(self.issue).objects.get(pk=self.issue.pk))
        self.assertNotIn("Buurtkamer Presikhaaf", rendered.html)
        self.assertNotIn("Buurtkamer Presikhaaf", rendered.text)
        self.assertNotIn("Pilots", rendered.text)  # the section went with its only item

    def test_personalise_fills_in_links_and_themes(self):
        html, text = personalise(
            self.rendered,
            "https://leefbaar.example/voorkeuren/?t=a&b",
            "https://leefbaar.example/afmelden/t/",
            [str(self.loneliness.translation_key)],
        )
        for part in (html, text):
            self.assertNotIn("%%", part)
            self.assertIn("https://leefbaar.example/afmelden/t/", part)
            self.assertIn("In uw thema's", part)
        self.assertIn('href="https://leefbaar.example/voorkeuren/?t=a&amp;b"', html)
        self.assertIn("https://leefbaar.example/voorkeuren/?t=a&b", text)
        self.assertIn("Afmelden voor de kwartaalupdate", html)  # visible in the body

    def test_without_chosen_themes_the_block_is_empty(self):
        html, text = personalise(self.rendered, "https://x.example/p", "https://x.example/u", [])
        self.assertNotIn("In uw thema's", html)
        self.assertNotIn("In uw thema's", text)
        self.assertNotIn(THEMES_BLOCK, html + text)

    def test_themed_block_lists_the_items_of_those_themes_only(self):
        block = themed_block(self.rendered, [str(self.poverty.translation_key)], "text")
        self.assertIn("Armoede en schulden", block)
        self.assertIn("Buurtkamer Presikhaaf", block)
        self.assertIn("Methode Samen Eten", block)
        self.assertNotIn("Intervisie eenzaamheid", block)
        self.assertNotIn("Eenzaamheid", block)

        html = themed_block(self.issue, [self.loneliness.translation_key], "html")
        self.assertIn("<h2", html)
        self.assertIn("Intervisie eenzaamheid", html)
        self.assertNotIn("Buurtkamer Presikhaaf", html)
        self.assertRegex(html, r'<a href="[^"]+" style=')

    def test_theme_fragments_are_rendered_once_per_theme(self):
        self.assertIsInstance(self.rendered, RenderedIssue)
        self.assertEqual(
            set(self.rendered.theme_fragments),
            {str(self.loneliness.translation_key), str(self.poverty.translation_key)},
        )
        # Joining per recipient only reads the cache: a fragment changed there shows up as is.
        key = str(self.loneliness.translation_key)
        self.rendered.theme_fragments[key]["text"] = "UIT DE CACHE"
        _html, text = personalise(self.rendered, "https://x.example/p", "https://x.example/u", [key])
        self.assertIn("UIT DE CACHE", text)

    def test_bad_format_is_refused(self):
        with self.assertRaises(ValueError):
            themed_block(self.rendered, [str(self.poverty.translation_key)], "pdf")


class EnglishRenderingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site()
        translate(tree.home)
        translate(tree.themes["eenzaamheid"].get_parent())
        translate(tree.themes["eenzaamheid"], {"Eenzaamheid": "Loneliness"})
        for index in (tree.meeting_index, tree.newsletter_index):
            translate(index)
        meeting = MeetingPageFactory(
            parent=tree.meeting_index, title="Intervisie", themes=[tree.themes["eenzaamheid"]]
        )
        cls.meeting = translate(meeting, {"Intervisie": "Peer review session"})
        english_archive = tree.newsletter_index.get_translation(cls.meeting.locale)
        cls.issue = NewsletterIssuePageFactory(
            parent=english_archive,
            locale=cls.meeting.locale,
            title="Quarterly update autumn",
            sections=[section("meetings", cls.meeting)],
        )
        cls.theme_key = str(tree.themes["eenzaamheid"].translation_key)

    def test_english_issue_is_rendered_in_english(self):
        rendered = render_issue(self.issue)
        html, text = personalise(rendered, "https://x.example/p", "https://x.example/u", [self.theme_key])

        self.assertEqual(rendered.language, "en")
        self.assertIn('<html lang="en"', html)
        self.assertIn(f'href="{settings.BASE_URL}/en/', html)
        self.assertIn("Peer review session", text)
        self.assertIn("Loneliness", text)  # the theme's English title in the themes block
        self.assertIn("Unsubscribe from the quarterly update", html)
        self.assertNotIn("Afmelden", html + text)
