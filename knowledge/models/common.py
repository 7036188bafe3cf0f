"""Relations several page types of the knowledge base share: themes and organisations."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField

from .organisations import SOURCE_LOCALE

THEMES_WIDGET = forms.CheckboxSelectMultiple


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
