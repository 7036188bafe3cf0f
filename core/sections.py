"""The site's sections: the index pages directly below each language's home page.

Each index page type says which section it is (``section_name``, the name templates and code use,
e.g. ``shell.index_pages.news``), where it lives in a new Dutch tree (``section_slug``) and where it
comes in the menu (``section_position``). That one declaration is what the site shell, the demo
content and the tests read; an app that adds a section declares it on its own index page.
"""

from django.apps import apps


class SectionIndexMixin:
    """For an index page type that is one of the site's sections. Set all three attributes."""

    section_name = ""
    section_slug = ""
    section_position = 0


def section_index_models():
    """Every section's index page type, in menu order."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, SectionIndexMixin) and model.section_name and not model._meta.abstract
    ]
    return sorted(models, key=lambda model: model.section_position)


def section_names():
    """``{model: section_name}`` for every section's index page type."""
    return {model: model.section_name for model in section_index_models()}
