"""Form fields the capability apps share for this app's models.

The municipality is asked on the public forms (meeting registration, pilot interest), which are on
pages many people open. A plain ``ModelChoiceField`` queries the 51 municipalities on every render
of the form; ``MunicipalityField`` takes the list from the cache, under the content version (saving a
municipality starts a new one, ``@bumps_content_version``), and queries only to check a posted choice.
"""

from django import forms
from django.forms.models import ModelChoiceIterator

from core.caching import cached

from .models import Municipality


def municipality_choices():
    """``[(pk, name), ...]`` of every municipality, by name, kept until the content changes."""
    # Not "municipality-choices": the listings' filter keeps (CBS code, name) under that name.
    rows = Municipality.objects.order_by("name").values_list("pk", "name")
    return cached("municipality-options-by-pk", lambda: list(rows))


class CachedMunicipalityChoices(ModelChoiceIterator):
    """The options as the select shows them, read lazily (never at import) from the cache."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from municipality_choices()

    def __len__(self):
        return len(municipality_choices()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(municipality_choices())


class MunicipalityField(forms.ModelChoiceField):
    # Django's documented hook for where a ModelChoiceField's options come from.
    iterator = CachedMunicipalityChoices

    def __init__(self, **kwargs):
        super().__init__(queryset=Municipality.objects.order_by("name"), **kwargs)
