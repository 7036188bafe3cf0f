"""Relations several page types of the knowledge base share: themes and organisations."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField

from .organisations import SOURCE_LOCALE

THEMES_WIDGET = forms.CheckboxSelectMultiple


class RelatedPagesMixin:
    """For a page type whose page ends with "Lees ook": the visible pages of these types, in the
    same language, most like it in themes and text.

    The search app finds them in its own index (``search/related.py``) and adds them to the page's
    context as ``related_pages`` through ``core.hooks.PAGE_CONTEXT_HOOK``, so this app never
    imports it. Declaring the mixin is all a page type needs: its pages then show the section (the
    template includes ``includes/related_pages.html``) and are suggested on the others. The type
    needs a ``themes`` field; ``theme_section_select_related`` says what its ``card_meta()`` reads.
    """


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
