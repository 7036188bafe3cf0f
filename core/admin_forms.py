"""The admin's form for every page type: only images, documents and pages you may choose.

Wagtail's choosers list only what the user may *choose* (images and documents: a permission per
collection; pages: what the ``construct_page_chooser_queryset`` hooks leave), but a page form
takes any id it is sent: a foreign key to an image, an image, document or page block inside a
StreamField, a link in rich text. Someone who may use one collection and one section only (a
partner organisation's account) could post the id of another collection's image or another
section's draft, and the edit page would then show its title, a preview, its address.

``ChosenMediaPageForm`` is the ``base_form_class`` of ``core.models.BasePage``, so every page
type uses it. Its ``clean()`` walks the form's fields once, by kind of field rather than by name:

- foreign keys and many-to-many fields to the image, document or a page model;
- StreamFields, through every StreamBlock, StructBlock and ListBlock down to
  ``ImageChooserBlock``, ``ImageBlock``, ``DocumentChooserBlock``, ``PageChooserBlock`` and
  rich text;
- rich-text fields: document and page links and embedded images.

An image or document must be one that Wagtail's permission policy lets the user choose
(``instances_user_has_permission_for(user, "choose")``). A page must be one that every function
registered for ``CHOOSABLE_PAGES_HOOK`` keeps: ``fn(pages, user) -> pages``, registered in an
app's ``wagtail_hooks.py`` by the app that narrows the page chooser too (``partners``), so that
the chooser and the form keep one rule; with none registered, any page will do. A page field with
a list of choices (the themes' checkboxes) offers only those pages. Whatever the page already held
stays allowed: a page an editor gave an image from the main collection stays editable for the
partner who wrote it. A refused value gets a plain-language error on its field or block, and the
page is not saved.

The form shown again after the error must not show the refused value either: Wagtail's chooser
widgets look up whatever id they are given. ``bound_field_class`` (Django 5.2) makes those fields
render the value without the refused images, documents and pages (a refused link keeps its text).

Inline children (``InlinePanel``) are not walked: no page type has one with an image, a document
or a page. Add their forms here when one does.
"""

import re

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.rich_text import RichText, extract_references_from_rich_text
from wagtail.rich_text.rewriters import extract_attrs

# ``fn(pages, user) -> pages``: the pages ``user`` may choose in a page form (see the module).
CHOOSABLE_PAGES_HOOK = "leefbaarheid_choosable_pages"
# ``fn(form)``: adjust a page form once it is built (its ``for_user``, ``parent_page`` and
# ``instance`` are set), e.g. offer fewer choices where a page's place decides a field.
PAGE_FORM_HOOK = "leefbaarheid_page_form"

IMAGE_REFUSED = _("Kies een afbeelding uit uw eigen collectie.")
DOCUMENT_REFUSED = _("Kies een document uit uw eigen collectie.")
PAGE_REFUSED = _("Deze pagina kunt u niet kiezen. Kies een andere pagina.")

# Wagtail's stored rich-text format: <a linktype="document" id="3">, <a linktype="page" id="5">,
# <embed embedtype="image" id="7" .../>.
RICH_TEXT_LINK = re.compile(r"<a(\b[^>]*)>")
RICH_TEXT_EMBED = re.compile(r"<embed(\b[^>]*)/?>")


def checked_models():
    """The image, document and page models (resolved when asked: models load at import)."""
    return (get_image_model(), get_document_model(), Page)


def choosable_pages(pages, user):
    """``pages`` narrowed by every ``CHOOSABLE_PAGES_HOOK`` function."""
    for narrow in hooks.get_hooks(CHOOSABLE_PAGES_HOOK):
        pages = narrow(pages, user)
    return pages


def reference_key(model, pk):
    """One key per object: a page is the same page whatever its specific model."""
    return (Page if issubclass(model, Page) else model, str(pk))


class MediaCheckedBoundField(forms.BoundField):
    """Renders a field whose images, documents or pages were refused without them (see the module)."""

    def value(self):
        shown = getattr(self.form, "shown_instead", {})
        if self.name in shown:
            return self.field.prepare_value(shown[self.name])
        if self.errors and self.name in getattr(self.form, "narrowed_page_fields", ()):
            # Not one of the offered pages: show what the page had, not the page asked for.
            return self.field.prepare_value(self.initial)
        return super().value()


class ChosenMediaPageForm(WagtailAdminPageForm):
    """A page form that refuses images, documents and pages the user may not choose."""

    bound_field_class = MediaCheckedBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Page fields with a list of choices offer only the pages the user may choose, and
        # those the page already has; Django then refuses any other id itself.
        self.narrowed_page_fields = set()
        for adjust in hooks.get_hooks(PAGE_FORM_HOOK):
            adjust(self)
        user = getattr(self, "for_user", None)
        if user is None or user.is_superuser:
            return
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and issubclass(field.queryset.model, Page):
                initial = self.get_initial_for_field(field, name)
                held = [pk for _model, pk in self._references("choice", field, initial)]
                field.queryset = choosable_pages(field.queryset, user) | field.queryset.filter(pk__in=held)
                self.narrowed_page_fields.add(name)

    def clean(self):
        cleaned_data = super().clean()
        self.shown_instead = {}
        user = getattr(self, "for_user", None)
        if user is None or user.is_superuser:
            return cleaned_data
        self._may_use_cache = {}
        self._already_on_page = set()
        checks = []
        for name, field in self.fields.items():
            kind = self._checked_kind(name, field)
            if kind is not None:
                self._already_on_page |= self._references(
                    kind, field, self.get_initial_for_field(field, name)
                )
                if name in cleaned_data:
                    checks.append((name, field, kind))
        for name, field, kind in checks:
            error, shown = self._check_field(name, field, kind, cleaned_data[name])
            if error is not None:
                self.add_error(name, error)
                self.shown_instead[name] = shown
        return cleaned_data

    # What a field holds --------------------------------------------------------------------------

    def _checked_kind(self, name, field):
        """How ``clean()`` checks a field: "choice" (an image or document), "stream",
        "rich_text", or ``None`` (nothing to check; page choices are narrowed in ``__init__``)."""
        if isinstance(field, forms.ModelChoiceField):
            model = field.queryset.model
            return "choice" if issubclass(model, checked_models()) and not issubclass(model, Page) else None
        if isinstance(field, blocks.BlockField):
            return "stream"
        try:
            model_field = self._meta.model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        return "rich_text" if isinstance(model_field, RichTextField) else None

    def _references(self, kind, field, value):
        """The keys (``reference_key``) of the images, documents and pages ``value`` holds."""
        if not value:
            return set()
        if kind == "choice":
            values = value if isinstance(field, forms.ModelMultipleChoiceField) else [value]
            model = field.queryset.model
            return {reference_key(model, getattr(item, "pk", item)) for item in values}
        if kind == "stream":
            if not isinstance(value, blocks.StreamValue):
                return set()
            found = field.block.extract_references(value)
        else:
            found = extract_references_from_rich_text(str(value))
        checked = checked_models()
        return {reference_key(model, pk) for model, pk, *_path in found if issubclass(model, checked)}

    def _may_use(self, model, pk):
        """True when the page already held this object, or the user may choose it."""
        key = reference_key(model, pk)
        if key in self._already_on_page:
            return True
        model = key[0]
        try:
            model._meta.pk.to_python(pk)
        except ValidationError:
            return False  # not an id at all (a hand-made rich-text link)
        if key not in self._may_use_cache:
            if model is Page:
                choosable = choosable_pages(Page.objects.all(), self.for_user)
            else:
                choosable = policy_registry.get_by_type(model).instances_user_has_permission_for(
                    self.for_user, "choose"
                )
            self._may_use_cache[key] = choosable.filter(pk=pk).exists()
        return self._may_use_cache[key]

    @staticmethod
    def _refusal(model):
        if issubclass(model, Page):
            message = PAGE_REFUSED
        elif issubclass(model, get_image_model()):
            message = IMAGE_REFUSED
        else:
            message = DOCUMENT_REFUSED
        return ValidationError(message, code="not_choosable")

    # Checks: each returns (error or None, the value to show instead) ------------------------------

    def _check_field(self, name, field, kind, value):
        if kind == "choice":
            model = field.queryset.model
            multiple = isinstance(field, forms.ModelMultipleChoiceField)
            items = list(value) if multiple else [value] if value is not None else []
            allowed = [item for item in items if self._may_use(model, item.pk)]
            if len(allowed) == len(items):
                return None, value
            # Shown again: what the page held before, or the allowed ones of several.
            return self._refusal(model), allowed if multiple else self.get_initial_for_field(field, name)
        if kind == "stream":
            return self._check_block(field.block, value)
        html, refused_model = self._strip_refused(value)
        return (self._refusal(refused_model), html) if refused_model else (None, value)

    def _check_block(self, block, value):
        """The block error for what ``value`` holds that the user may not use; refused values
        are emptied in place, so ``value`` is then what the form shows again."""
        if value is None:
            return None, value
        if isinstance(block, ImageBlock) or (
            isinstance(block, blocks.ChooserBlock) and issubclass(block.model_class, checked_models())
        ):
            model = get_image_model() if isinstance(block, ImageBlock) else block.model_class
            if self._may_use(model, value.pk):
                return None, value
            return self._refusal(model), None
        if isinstance(block, blocks.RichTextBlock):
            html, refused_model = self._strip_refused(value.source)
            if refused_model is None:
                return None, value
            return self._refusal(refused_model), RichText(html)
        if isinstance(block, blocks.StructBlock):
            errors = {}
            for name, child_block in block.child_blocks.items():
                error, shown = self._check_block(child_block, value.get(name))
                if error is not None:
                    errors[name] = error
                    value[name] = shown
            return (blocks.StructBlockValidationError(block_errors=errors) if errors else None), value
        if isinstance(block, (blocks.ListBlock, blocks.StreamBlock)):
            children = value.bound_blocks if isinstance(block, blocks.ListBlock) else value
            errors = {}
            for index, child in enumerate(children):
                error, shown = self._check_block(child.block, child.value)
                if error is not None:
                    errors[index] = error
                    child.value = shown
            if not errors:
                return None, value
            if isinstance(block, blocks.ListBlock):
                return blocks.ListBlockValidationError(block_errors=errors), value
            return blocks.StreamBlockValidationError(block_errors=errors), value
        return None, value

    def _strip_refused(self, html):
        """``html`` without the links and images the user may not use, and the model of the
        first one refused (``None`` when nothing was)."""
        if not html:
            return html, None
        link_models = {"document": get_document_model(), "page": Page}
        image_model = get_image_model()
        refused = []

        def unlink(match):
            attrs = extract_attrs(match.group(1))
            model = link_models.get(attrs.get("linktype"))
            if model is not None and not self._may_use(model, attrs.get("id")):
                refused.append(model)
                return "<a>"  # a link without a target: the editor keeps its text
            return match.group(0)

        def unembed(match):
            attrs = extract_attrs(match.group(1))
            if attrs.get("embedtype") == "image" and not self._may_use(image_model, attrs.get("id")):
                refused.append(image_model)
                return ""
            return match.group(0)

        html = RICH_TEXT_EMBED.sub(unembed, RICH_TEXT_LINK.sub(unlink, str(html)))
        return html, (refused[0] if refused else None)
