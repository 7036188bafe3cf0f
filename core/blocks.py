"""StreamField blocks shared by every page type.

Each block names an icon (for the editor's block picker), a template under
``site/templates/blocks/`` and a ``preview_value`` so the admin can show it before an editor
picks it. Images use ``ImageChooserBlock`` with separate alt-text and caption fields rather than
Wagtail's ``ImageBlock``: wagtail-localize crashes on ``ImageBlock`` when a page is submitted for
translation (wagtail-localize issues 849 and 853; see docs/pitfalls.md). Links use ``URLBlock``
so URLs never land in a translator's file.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; editors choose the level so the outline stays in order."""

    text = blocks.CharBlock(label=_("Tekst"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3")), ("h4", _("Kop 4"))],
        default="h2",
        # The level is layout, not text: indexed, its label ("Kop 2") showed in search snippets.
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = _("Kop")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Wat kunt u zelf doen?", "level": "h2"}
        description = _("Een tussenkop die de tekst in delen opdeelt.")


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image with the alt text screen-reader users hear, and an optional caption."""

    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        max_length=250,
        required=False,
        help_text=_("Beschrijf wat er op de afbeelding staat. Leeg laten als ze alleen sier is."),
    )
    caption = blocks.CharBlock(label=_("Onderschrift"), max_length=250, required=False)
    credit = blocks.CharBlock(label=_("Fotograaf of bron"), max_length=120, required=False)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "blocks/image_block.html"
        preview_value = {"alt_text": "", "caption": "Bewoners praten over hun dorp."}
        description = _("Een afbeelding met alternatieve tekst en een onderschrift.")


class QuoteBlock(blocks.StructBlock):
    """A quote from a resident, civil servant or researcher."""

    quote = blocks.TextBlock(label=_("Citaat"))
    attribution = blocks.CharBlock(label=_("Wie zegt het"), max_length=150, required=False)
    role = blocks.CharBlock(label=_("Functie of rol"), max_length=150, required=False)

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "blocks/quote_block.html"
        preview_value = {
            "quote": "In het dorpshuis leer je je buren pas echt kennen.",
            "attribution": "Bewoner van Dinxperlo",
            "role": "Vrijwilliger",
        }
        description = _("Een uitspraak van iemand, met naam en rol.")


class PageOrLinkMixin:
    """For a block with a ``page`` and a ``url`` child: it must lead somewhere, one or the other.

    ``page_and_link`` says whether both may be filled in (the page wins when rendered); a block
    that renders one link (the kwartaalupdate's button) sets it to False.
    """

    page_and_link = True

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Kies een pagina of vul een link in."))}
            )
        if not self.page_and_link and value.get("page") and value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Kies een pagina óf vul een link in, niet allebei."))}
            )
        return value


class CallToActionBlock(PageOrLinkMixin, blocks.StructBlock):
    """A highlighted invitation to act: register, download, get in touch."""

    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.TextBlock(label=_("Tekst"), required=False)
    button_text = blocks.CharBlock(label=_("Tekst op de knop"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Pagina op deze site"), required=False)
    url = blocks.URLBlock(label=_("Of een link naar buiten"), required=False)

    class Meta:
        icon = "pick"
        label = _("Oproep")
        template = "blocks/call_to_action_block.html"
        preview_value = {
            "title": "Doe mee met het leernetwerk",
            "text": "Praat met collega's uit andere gemeenten over wat werkt.",
            "button_text": "Bekijk de bijeenkomsten",
            "url": "https://www.gelderland.nl",
        }
        description = _("Een blok met een knop die lezers uitnodigt om iets te doen.")


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Waarde"), max_length=20, help_text=_("Bijvoorbeeld 27%"))
    label = blocks.CharBlock(label=_("Wat het getal zegt"), max_length=160)
    source = blocks.CharBlock(label=_("Bron"), max_length=160, required=False)

    class Meta:
        icon = "order"
        label = _("Kerncijfer")


class KeyFiguresBlock(blocks.StructBlock):
    """Key figures, such as results of the Monitor Gelders Welbevinden, each with its source."""

    title = blocks.CharBlock(label=_("Titel"), max_length=120, required=False)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Cijfers"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Kerncijfers")
        template = "blocks/key_figures_block.html"
        preview_value = {
            "title": "Monitor Gelders Welbevinden 2022",
            "figures": [
                {
                    "value": "27%",
                    "label": "voelt zich soms eenzaam",
                    "source": "Monitor 2022",
                },
                {
                    "value": "7,4",
                    "label": "rapportcijfer voor de eigen buurt",
                    "source": "Monitor 2022",
                },
            ],
        }
        description = _("Een rij met cijfers, elk met een korte uitleg en een bron.")


class DocumentListBlock(blocks.StructBlock):
    """Downloads: reports, handouts, evaluation documents."""

    title = blocks.CharBlock(label=_("Titel"), max_length=120, required=False)
    documents = blocks.ListBlock(DocumentChooserBlock(), label=_("Documenten"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Documenten")
        template = "blocks/document_list_block.html"
        preview_value = {"title": "Om te downloaden", "documents": []}
        description = _("Een lijst met bestanden om te downloaden.")


class TableWithCaptionBlock(blocks.StructBlock):
    """A data table; the caption tells screen-reader users what the table is about."""

    caption = blocks.CharBlock(label=_("Bijschrift"), max_length=200)
    table = TableBlock(label=_("Tabel"))

    class Meta:
        icon = "table"
        label = _("Tabel")
        template = "blocks/table_block.html"
        preview_value = {
            "caption": "Deelnemers per bijeenkomst",
            "table": {
                "first_row_is_table_header": True,
                "data": [
                    ["Bijeenkomst", "Deelnemers"],
                    ["Juni 2021", "34"],
                    ["September 2021", "41"],
                ],
            },
        }
        description = _("Een tabel met gegevens en een bijschrift.")


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Vraag"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Antwoord"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = _("Vraag en antwoord")


class FAQBlock(blocks.StructBlock):
    """Questions and answers that open and close; built on <details> so it works without JavaScript."""

    title = blocks.CharBlock(label=_("Titel"), max_length=120, required=False)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Vragen"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Veelgestelde vragen")
        template = "blocks/faq_block.html"
        preview_value = {
            "title": "Veelgestelde vragen",
            "items": [
                {
                    "question": "Wie kan meedoen aan het leernetwerk?",
                    "answer": "<p>Ambtenaren van alle 51 Gelderse gemeenten.</p>",
                }
            ],
        }
        description = _("Vragen die lezers kunnen openklappen om het antwoord te lezen.")


class BodyStreamBlock(blocks.StreamBlock):
    """The body of every content page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Tekst"),
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        preview_value="<p>Samen zorgen we voor een buurt waar mensen elkaar kennen.</p>",
        description=_("Gewone tekst met kopjes, lijstjes en links."),
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    key_figures = KeyFiguresBlock()
    documents = DocumentListBlock()
    table = TableWithCaptionBlock()
    faq = FAQBlock()

    def get_searchable_content(self, value):
        """The body's text for the search index: one string, a line per piece, no empty pieces.

        The index joins a list with ", ", which put a comma between a heading and its paragraph
        and ", ," where an optional field (a caption) was empty; search snippets showed both. The
        line breaks let ``search.highlight`` end a heading's sentence where the heading ends.
        """
        pieces = [" ".join(piece.split()) for piece in super().get_searchable_content(value)]
        text = "\n".join(piece for piece in pieces if piece)
        return [text] if text else []
