"""StreamField blocks of the knowledge base's own page types (lessons, theme questions, programme).

Like the shared blocks in ``core.blocks``: each has an icon, a template under
``site/templates/blocks/`` and a preview value.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

DOCUMENTS_BLOCKS = [
    (
        "document",
        DocumentChooserBlock(label=_("Document"), template="blocks/document_link.html"),
    ),
]


class LessonBlock(blocks.StructBlock):
    """One lesson a pilot learned, written so another municipality can act on it."""

    lesson = blocks.CharBlock(label=_("Les"), max_length=200)
    explanation = blocks.TextBlock(label=_("Wat gebeurde er"), required=False)
    advice = blocks.TextBlock(label=_("Tip voor andere gemeenten"), required=False)

    class Meta:
        icon = "success"
        label = _("Les")
        template = "blocks/lesson_block.html"
        preview_value = {
            "lesson": "Begin bij wat bewoners al doen",
            "explanation": "De eerste avond kwamen vooral mensen die al actief waren.",
            "advice": "Vraag die groep wie zij nog missen.",
        }


class ThemeQuestionBlock(blocks.StructBlock):
    """A question the programme works on within a theme."""

    question = blocks.CharBlock(label=_("Vraag"), max_length=250)
    explanation = blocks.TextBlock(label=_("Toelichting"), required=False)

    class Meta:
        icon = "help"
        label = _("Vraag")
        template = "blocks/theme_question_block.html"
        preview_value = {
            "question": "Hoe bereik je mensen die zich eenzaam voelen?",
            "explanation": "Veel mensen praten er niet over.",
        }


class ProgrammeItemBlock(blocks.StructBlock):
    """One part of a meeting's programme."""

    time = blocks.TimeBlock(label=_("Tijd"), required=False)
    title = blocks.CharBlock(label=_("Onderdeel"), max_length=150)
    description = blocks.TextBlock(label=_("Toelichting"), required=False)

    class Meta:
        icon = "time"
        label = _("Programma-onderdeel")
        template = "blocks/programme_item_block.html"
        preview_value = {
            "title": "Welkom en kennismaking",
            "description": "Met koffie en thee.",
        }
