"""The e-mail of an issue: rendered once per language, safe to open, personalised by replacement.

The e-mail must load nothing from anywhere but the site (no web fonts, no trackers), carry its
styles on the elements (many mail clients drop ``<style>``), and give both parts the same items.
A subscriber's themes and municipality mark the items about them ("Uw thema: Eenzaamheid") where
the editor put them: every item appears exactly once, whatever the subscriber follows.
"""

import email
import email.policy
import re
import uuid

from django.conf import settings
from django.test import TestCase
from django.utils import translation
from django.utils.translation import gettext

from knowledge.models import Municipality
from newsletter.messages import IssueMail
from newsletter.rendering import (
    PERSONAL_NOTE,
    PREFERENCES_URL,
    UNSUBSCRIBE_URL,
    personalise,
    render_issue,
)
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    PilotPageFactory,
    ThemePageFactory,
    build_site,
)
from tests.factories.newsletter import NewsletterIssuePageFactory, SubscriberFactory
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

    def personal(self, *themes, municipality=None):
        keys = [str(theme.translation_key) for theme in themes]
        return personalise(self.rendered, "https://x.example/p", "https://x.example/u", keys, municipality)

    def test_placeholders_are_left_for_the_recipient(self):
        for placeholder in (PREFERENCES_URL, UNSUBSCRIBE_URL, PERSONAL_NOTE, "%%MARK:0%%", "%%MARK:3%%"):
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
        html, _text = self.personal(self.loneliness)
        self.assertRegex(html, r'<p class="mark" style="[^"]*color: ?#00467f')

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

    def test_personalise_fills_in_the_links(self):
        html, text = personalise(
            self.rendered,
            "https://leefbaar.example/voorkeuren/?t=a&b",
            "https://leefbaar.example/afmelden/t/",
            [str(self.loneliness.translation_key)],
        )
        for part in (html, text):
            self.assertNotIn("%%", part)
            self.assertIn("https://leefbaar.example/afmelden/t/", part)
        self.assertIn('href="https://leefbaar.example/voorkeuren/?t=a&amp;b"', html)
        self.assertIn("https://leefbaar.example/voorkeuren/?t=a&b", text)
        self.assertIn("Afmelden voor de kwartaalupdate", html)  # visible in the body

    def test_a_follower_of_both_themes_gets_every_item_once_in_the_same_order(self):
        everyone_html, everyone_text = self.personal()
        html, text = self.personal(self.loneliness, self.poverty)

        for part, plain, link in ((html, everyone_html, ">{}</a>"), (text, everyone_text, "* {}\n")):
            titles = [link.format(page.title) for page in self.pages.values()]
            for title in titles:
                self.assertEqual(part.count(title), 1, title)  # no second copy, not in a block above
            # Where the editor put them, as for a reader without themes.
            self.assertEqual(sorted(titles, key=part.index), sorted(titles, key=plain.index))
        self.assertNotIn("In uw thema's", html + text)

    def test_items_in_the_subscribers_themes_are_marked_with_those_themes(self):
        _html, text = self.personal(self.poverty)
        lines = text.splitlines()

        def line_after(title):
            return lines[next(i for i, line in enumerate(lines) if title in line) + 1].strip()

        self.assertEqual(line_after("Buurtkamer Presikhaaf"), "Uw thema: Armoede en schulden")
        self.assertEqual(line_after("Methode Samen Eten"), "Uw thema: Armoede en schulden")
        self.assertNotIn("Uw thema", line_after("Intervisie eenzaamheid"))  # a theme they don't follow
        self.assertEqual(text.count("Uw thema:"), 2)
        self.assertIn("Uw thema's in dit nummer: Armoede en schulden.", text)

        html, _text = self.personal(self.loneliness, self.poverty)
        self.assertEqual(html.count('class="mark"'), 3)
        self.assertRegex(
            html,
            r"Methode Samen Eten</a></h3>\s*<p class=\"mark\"[^>]*><strong>Uw thema:</strong> "
            r"Eenzaamheid, Armoede en schulden</p>",
        )

    def test_without_chosen_themes_nothing_is_marked(self):
        html, text = self.personal()
        self.assertNotIn("Uw thema", html + text)
        self.assertNotIn('class="mark"', html)
        self.assertNotIn("%%", html + text)

    def test_a_pilot_in_the_subscribers_municipality_is_marked(self):
        arnhem = Municipality.objects.get(name="Arnhem")
        self.assertEqual(self.pages["pilot"].municipality, arnhem)  # the factory's default

        _html, text = self.personal(municipality=arnhem.pk)
        self.assertIn("Buurtkamer Presikhaaf\n  Uw gemeente: Arnhem", text)
        self.assertIn("Bij onderwerpen over uw gemeente staat ‘Uw gemeente’ (Arnhem).", text)
        self.assertEqual(text.count("Uw gemeente:"), 1)

        elsewhere = Municipality.objects.get(name="Ede")
        _html, text = self.personal(municipality=elsewhere.pk)
        self.assertNotIn("Uw gemeente", text)

    def test_one_body_per_choice_whatever_else_a_subscriber_follows(self):
        elsewhere = ThemePageFactory(parent=self.tree.theme_index, slug="gebiedsgericht-werken")
        first = self.rendered.personal_body(self.rendered.choice([str(self.poverty.translation_key)]))
        same = self.rendered.choice([str(self.poverty.translation_key), str(elsewhere.translation_key)])
        self.assertIs(self.rendered.personal_body(same), first)  # a theme not in the issue changes nothing
        self.assertEqual(len(self.rendered._bodies), 1)

    def test_the_sending_path_marks_a_subscribers_items(self):
        subscriber = SubscriberFactory(municipality=Municipality.objects.get(name="Arnhem"))
        subscriber.themes.set([self.loneliness])
        message = IssueMail(self.issue, self.rendered).message_for(subscriber)
        parsed = email.message_from_bytes(message.raw, policy=email.policy.default)
        text = parsed.get_body(("plain",)).get_content()
        self.assertIn("Intervisie eenzaamheid\n  Uw thema: Eenzaamheid", text)
        self.assertIn("Buurtkamer Presikhaaf\n  Uw gemeente: Arnhem", text)


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
        with translation.override("en"):
            mark = gettext("Uw thema")
        self.assertIn(f"Peer review session\n  {mark}: Loneliness", text)  # the theme's English title
        self.assertIn("Unsubscribe from the quarterly update", html)
        self.assertNotIn("Afmelden", html + text)
