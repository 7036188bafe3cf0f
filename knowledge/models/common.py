"""Pieces that several page types of the knowledge base share."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from .organisations import SOURCE_LOCALE


def themes_field(related_name):
    """The themes a page belongs to. Always the main-language theme pages (see SOURCE_LOCALE)."""
    return ParentalManyToManyField(
        "knowledge.ThemePage",
        verbose_name=_("thema's"),
        blank=True,
        related_name=related_name,
        limit_choices_to=SOURCE_LOCALE,
    )


def organisation_field(verbose_name, related_name):
    return models.ForeignKey(
        "knowledge.Organisation",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        limit_choices_to=SOURCE_LOCALE,
    )


THEMES_WIDGET = forms.CheckboxSelectMultiple

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


class ThemedCardsMixin:
    """For index pages whose cards show their themes in the reader's language."""

    def prepare_cards(self, pages):
        from knowledge.queries import attach_theme_links

        return attach_theme_links(super().prepare_cards(pages), self.locale_id)
