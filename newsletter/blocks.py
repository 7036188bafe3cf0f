"""Free blocks of a kwartaalupdate: what an editor writes beside the chosen pages.

Besides its sections of pages, an issue may hold a piece of text, an image (with the alt text a
screen-reader user hears, required: a mail's images are often blocked, and then the alt text is
all a reader gets) and a call to action (a button to a page of the site or a link outside). Each
block has an icon, a web template (``newsletter/blocks/``) and a preview value, like the site's
other blocks (``core.blocks``), and renders for the e-mail through ``email_entry``: HTML for the
MJML body and a plain-text part, both with absolute links, since a mail is read far from the site.

Images use ``ImageChooserBlock`` with a separate alt text rather than Wagtail's ``ImageBlock``,
which crashes wagtail-localize's translation submission (see docs/pitfalls.md).
"""

import html as html_lib

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html

from core.blocks import PageOrLinkMixin

# The width of the mail's column (core/mail layout): images are scaled to it.
EMAIL_IMAGE_FILTER = "width-1200"


def absolute_page_url(page):
    """``page``'s URL on ``settings.BASE_URL``, or ``""`` when it has none (not routable)."""
    parts = page.get_url_parts() if page is not None else None
    return settings.BASE_URL + parts[2] if parts else ""


class IssueTextBlock(blocks.StructBlock):
    """A piece of text from the editors: a word of thanks, a date to remember, a question."""

    heading = blocks.CharBlock(label=_("Kop"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("Tekst"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "pilcrow"
        label = _("Tekst")
        template = "newsletter/blocks/issue_text.html"
        email_template = "newsletter/email/blocks/issue_text.html"
        preview_value = {
            "heading": "Tot ziens in het nieuwe jaar",
            "text": "<p>Dank voor een jaar vol goede gesprekken in het leernetwerk.</p>",
        }
        description = _("Een stuk tekst van de redactie, met een kop als u wilt.")


class IssueImageBlock(blocks.StructBlock):
    """An image with its alt text (required) and an optional caption."""

    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        max_length=250,
        help_text=_(
            "Beschrijf wat er op de afbeelding staat. Wie de afbeelding niet ziet (blinde lezers, "
            "mailprogramma's die afbeeldingen tegenhouden), leest deze tekst."
        ),
    )
    caption = blocks.CharBlock(label=_("Onderschrift"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "newsletter/blocks/issue_image.html"
        email_template = "newsletter/email/blocks/issue_image.html"
        preview_value = {"alt_text": "Bewoners in gesprek in het dorpshuis", "caption": "Het dorpshuis."}
        description = _("Een afbeelding met een beschrijving voor wie haar niet ziet.")


class IssueCallToActionBlock(PageOrLinkMixin, blocks.StructBlock):
    """A button that asks readers to do one thing: register, read, answer a survey."""

    page_and_link = False

    text = blocks.TextBlock(label=_("Tekst boven de knop"), required=False)
    label = blocks.CharBlock(
        label=_("Tekst op de knop"),
        max_length=60,
        help_text=_("Zeg wat er gebeurt, bijvoorbeeld: Meld u aan."),
    )
    page = blocks.PageChooserBlock(label=_("Pagina op deze site"), required=False)
    url = blocks.URLBlock(label=_("Of een link naar buiten"), required=False)

    class Meta:
        icon = "pick"
        label = _("Oproep met knop")
        template = "newsletter/blocks/issue_call_to_action.html"
        email_template = "newsletter/email/blocks/issue_call_to_action.html"
        preview_value = {
            "text": "Vertel ons wat u van de kwartaalupdate vindt.",
            "label": "Vul de vragenlijst in",
            "url": "https://www.gelderland.nl",
        }
        description = _("Een knop die lezers uitnodigt om iets te doen.")


FREE_BLOCKS = [
    ("text", IssueTextBlock()),
    ("image", IssueImageBlock()),
    ("call_to_action", IssueCallToActionBlock()),
]
FREE_BLOCK_TYPES = {name for name, _block in FREE_BLOCKS}


def _absolute_rich_text(value):
    return expand_db_html(str(value.source)).replace('href="/', f'href="{settings.BASE_URL}/')


def _plain(html):
    return html_lib.unescape(strip_tags(html.replace("</p>", "</p>\n").replace("</li>", "</li>\n"))).strip()


def email_context(block):
    """What a free block's mail templates need, with every link and image URL absolute."""
    value = block.value
    if block.block_type == "text":
        html = _absolute_rich_text(value["text"])
        return {"heading": value["heading"], "html": html, "text": _plain(html)}
    if block.block_type == "image":
        image = value["image"]
        if image is None:
            return None
        rendition = image.get_rendition(EMAIL_IMAGE_FILTER)
        src = rendition.url if "://" in rendition.url else settings.BASE_URL + rendition.url
        return {"src": src, "alt": value["alt_text"], "caption": value["caption"], "width": 552}
    if block.block_type == "call_to_action":
        page = value["page"]
        url = absolute_page_url(page.localized if page is not None else None) if page else value["url"]
        if not url:
            return None
        return {"text": value["text"], "label": value["label"], "url": url}
    raise ValueError(block.block_type)


def email_entry(block):
    """A free block as an entry of ``rendering.issue_sections``: ``free`` set, no heading or items.

    ``email_html`` goes inside the body's MJML (it is HTML for one ``<mj-text>``), ``email_text``
    into the plain-text part. ``None`` when there is nothing to show (an image deleted since).
    """
    context = email_context(block)
    if context is None:
        return None
    template = block.block.meta.email_template
    return {
        "kind": block.block_type,
        "free": True,
        "block": block,
        "heading": "",
        "note": "",
        "items": [],
        "email_html": render_to_string(template, context),
        "email_text": render_to_string(template.replace(".html", ".txt"), context).strip(),
    }
