"""Factories for the foundation: the shared body blocks and the base of every page factory.

Body blocks follow wagtail-factories' syntax::

    StandardPageFactory(parent=home, body__0__heading__text="Kop", body__1__paragraph__value="<p>Tekst</p>")
"""

import factory
import wagtail_factories
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.models import Locale
from wagtail.rich_text import RichText

from core import blocks as core_blocks


def locale(language_code):
    return Locale.objects.get(language_code=language_code)


# Blocks ------------------------------------------------------------------------------------------


class RichTextBlockFactory(wagtail_factories.blocks.BlockFactory):
    value = "<p>Samen zorgen we voor een buurt waar mensen elkaar kennen.</p>"

    class Meta:
        model = blocks.RichTextBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return RichText(kwargs["value"])


class TableBlockFactory(wagtail_factories.blocks.BlockFactory):
    value = factory.LazyFunction(
        lambda: {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "data": [["Gemeente", "Deelnemers"], ["Ede", "34"], ["Tiel", "41"]],
        }
    )

    class Meta:
        model = TableBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return kwargs["value"]


class HeadingBlockFactory(wagtail_factories.StructBlockFactory):
    text = "Wat kunt u zelf doen?"
    level = "h2"

    class Meta:
        model = core_blocks.HeadingBlock


class ImageWithCaptionBlockFactory(wagtail_factories.StructBlockFactory):
    image = factory.SubFactory(wagtail_factories.ImageChooserBlockFactory)
    alt_text = "Bewoners zitten samen aan een lange tafel in het dorpshuis."
    caption = "Burendag in het dorpshuis."
    credit = "Provincie Gelderland"

    class Meta:
        model = core_blocks.ImageWithCaptionBlock


class QuoteBlockFactory(wagtail_factories.StructBlockFactory):
    quote = "In het dorpshuis leer je je buren pas echt kennen."
    attribution = "Bewoner van Dinxperlo"
    role = "Vrijwilliger"

    class Meta:
        model = core_blocks.QuoteBlock


class CallToActionBlockFactory(wagtail_factories.StructBlockFactory):
    title = "Doe mee met het leernetwerk"
    text = "Praat met collega's uit andere gemeenten over wat werkt."
    button_text = "Bekijk de bijeenkomsten"
    page = None
    url = "https://www.gelderland.nl/leefbaarheid"

    class Meta:
        model = core_blocks.CallToActionBlock


class KeyFigureBlockFactory(wagtail_factories.StructBlockFactory):
    value = "27%"
    label = "voelt zich soms eenzaam"
    source = "Monitor Gelders Welbevinden 2022"

    class Meta:
        model = core_blocks.KeyFigureBlock


class KeyFiguresBlockFactory(wagtail_factories.StructBlockFactory):
    title = "Monitor Gelders Welbevinden"
    figures = wagtail_factories.ListBlockFactory(KeyFigureBlockFactory)

    class Meta:
        model = core_blocks.KeyFiguresBlock


class DocumentListBlockFactory(wagtail_factories.StructBlockFactory):
    title = "Om te downloaden"
    documents = wagtail_factories.ListBlockFactory(wagtail_factories.DocumentChooserBlockFactory)

    class Meta:
        model = core_blocks.DocumentListBlock


class TableWithCaptionBlockFactory(wagtail_factories.StructBlockFactory):
    caption = "Deelnemers per gemeente"
    table = factory.SubFactory(TableBlockFactory)

    class Meta:
        model = core_blocks.TableWithCaptionBlock


class FAQItemBlockFactory(wagtail_factories.StructBlockFactory):
    question = "Wie kan meedoen aan het leernetwerk?"
    answer = factory.SubFactory(
        RichTextBlockFactory, value="<p>Ambtenaren van alle 51 Gelderse gemeenten.</p>"
    )

    class Meta:
        model = core_blocks.FAQItemBlock


class FAQBlockFactory(wagtail_factories.StructBlockFactory):
    title = "Veelgestelde vragen"
    items = wagtail_factories.ListBlockFactory(FAQItemBlockFactory)

    class Meta:
        model = core_blocks.FAQBlock


class BodyStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    heading = factory.SubFactory(HeadingBlockFactory)
    paragraph = factory.SubFactory(RichTextBlockFactory)
    image = factory.SubFactory(ImageWithCaptionBlockFactory)
    quote = factory.SubFactory(QuoteBlockFactory)
    call_to_action = factory.SubFactory(CallToActionBlockFactory)
    key_figures = factory.SubFactory(KeyFiguresBlockFactory)
    documents = factory.SubFactory(DocumentListBlockFactory)
    table = factory.SubFactory(TableWithCaptionBlockFactory)
    faq = factory.SubFactory(FAQBlockFactory)

    class Meta:
        model = core_blocks.BodyStreamBlock


# Pages -------------------------------------------------------------------------------------------


class BasePageFactory(wagtail_factories.PageFactory):
    """Pages are created live (``add_child`` saves them as published) in the parent's locale."""

    title = factory.Sequence(lambda n: f"Pagina {n}")
    introduction = factory.LazyAttribute(lambda page: f"Korte introductie bij {page.title}.")

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        if parent is not None and "locale" not in kwargs:
            kwargs["locale"] = parent.locale
        return super()._create_instance(model_class, parent, kwargs)
