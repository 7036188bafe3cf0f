"""Free blocks beside the chosen pages, and the line in the inbox.

An editor adds a piece of text, an image (its alt text required) and a call to action between the
sections; readers see them in place on the web version and in both parts of the e-mail, with
absolute links. The preheader is the preview line mail programs show beside the subject.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import TestCase
from wagtail.blocks import StructBlockValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from newsletter.blocks import IssueCallToActionBlock, IssueImageBlock
from newsletter.models import NewsletterIssuePage
from newsletter.rendering import render_issue
from tests.factories.knowledge import KnowledgeItemPageFactory, build_site
from tests.factories.newsletter import NewsletterIssuePageFactory


def block(block_type, **value):
    return {"type": block_type, "id": str(uuid.uuid4()), "value": value}


class FreeBlockTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = tree = build_site(theme_slugs=())
        cls.item = KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Methode Samen Eten")
        cls.image = Image.objects.create(title="Dorpshuis", file=get_test_image_file())
        cls.issue = NewsletterIssuePageFactory(
            parent=tree.newsletter_index,
            title="Kwartaalupdate herfst 2026",
            preheader="Drie nieuwe methodes en een oproep aan alle gemeenten",
            sections=[
                block(
                    "text",
                    heading="Een woord vooraf",
                    text='<p>Dank voor <a href="/kennisbank/">uw hulp</a>.</p>',
                ),
                block(
                    "section",
                    kind="knowledge",
                    note="",
                    items=[{"type": "item", "id": "a", "value": {"page": cls.item.pk, "note": ""}}],
                ),
                block(
                    "image",
                    image=cls.image.pk,
                    alt_text="Bewoners in het dorpshuis van Lochem",
                    caption="Lochem",
                ),
                block(
                    "call_to_action",
                    text="Wat vindt u ervan?",
                    label="Vul de vragenlijst in",
                    page=None,
                    url="https://www.gelderland.nl/vragenlijst",
                ),
                block("call_to_action", text="", label="Lees de methode", page=cls.item.pk, url=""),
            ],
        )
        cls.issue.save_revision().publish()

    def test_the_web_version_shows_each_block_in_its_place(self):
        response = self.client.get(self.issue.url)
        html = response.content.decode()

        positions = [
            html.index("Een woord vooraf"),
            html.index("Methode Samen Eten"),
            html.index('alt="Bewoners in het dorpshuis van Lochem"'),
            html.index('href="https://www.gelderland.nl/vragenlijst">Vul de vragenlijst in</a>'),
        ]
        self.assertEqual(positions, sorted(positions))
        self.assertIn(f'href="{self.item.url}">Lees de methode</a>', html)

    def test_the_mail_shows_each_block_with_absolute_links(self):
        rendered = render_issue(NewsletterIssuePage.objects.get(pk=self.issue.pk))

        html, text = rendered.html, rendered.text
        self.assertIn("Een woord vooraf", html)
        self.assertIn(f'href="{settings.BASE_URL}/kennisbank/"', html)
        self.assertIn('alt="Bewoners in het dorpshuis van Lochem"', html)
        self.assertRegex(html, rf'src="{settings.BASE_URL}/[^"]+\.png"')
        self.assertIn(f'href="{settings.BASE_URL}{self.item.url}"', html)
        self.assertIn("Vul de vragenlijst in: https://www.gelderland.nl/vragenlijst", text)
        self.assertIn("[Bewoners in het dorpshuis van Lochem] Lochem", text)
        self.assertLess(text.index("Een woord vooraf"), text.index("Methode Samen Eten"))

    def test_the_preheader_is_the_inbox_preview(self):
        rendered = render_issue(NewsletterIssuePage.objects.get(pk=self.issue.pk))
        self.assertIn("Drie nieuwe methodes en een oproep aan alle gemeenten", rendered.html)

    def test_an_image_needs_its_alt_text(self):
        with self.assertRaises(ValidationError):
            IssueImageBlock().clean({"image": self.image, "alt_text": "", "caption": ""})

    def test_a_call_to_action_needs_a_page_or_a_link_and_not_both(self):
        cta = IssueCallToActionBlock()
        with self.assertRaises(StructBlockValidationError):
            cta.clean(cta.to_python({"text": "", "label": "Meld u aan", "page": None, "url": ""}))
        with self.assertRaises(StructBlockValidationError):
            cta.clean(
                cta.to_python(
                    {"text": "", "label": "Meld u aan", "page": self.item.pk, "url": "https://x.nl"}
                )
            )
        self.assertEqual(
            cta.clean(cta.to_python({"label": "Meld u aan", "url": "https://x.nl"}))["label"], "Meld u aan"
        )

    def test_each_free_block_has_an_icon_a_template_and_a_preview(self):
        stream = NewsletterIssuePage._meta.get_field("sections").stream_block
        for name in ("text", "image", "call_to_action"):
            child = stream.child_blocks[name]
            self.assertTrue(child.meta.icon)
            self.assertTrue(child.meta.template.startswith("newsletter/blocks/"))
            self.assertTrue(child.meta.preview_value)
