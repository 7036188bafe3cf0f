"""``{{ field|widget_html }}``: a form field's widget, as ``{{ field }}`` renders it, only faster.

Django renders every ``<option>`` of a ``<select>`` through two template includes
(``select_option.html`` and ``attrs.html``): the 52 municipalities of the pilot-interest and
registration forms cost about 5 ms a page, a third of what the whole page may cost. For a plain
``Select`` this filter writes the same markup in Python from the widget's own context
(``Widget.get_context``: the same values, labels, selection and attributes, escaped the same way);
every other widget is left to Django. ``tests/core/test_form_tags.py`` compares both renderings.
"""

from django import template
from django.forms.widgets import Select
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _is_plain_select(widget):
    """A single ``<select>`` that still uses Django's own templates (a subclass may change them)."""
    return (
        isinstance(widget, Select)
        and not widget.allow_multiple_selected
        and widget.template_name == SELECT_TEMPLATE
        and widget.option_template_name == OPTION_TEMPLATE
    )


def _attributes(attrs):
    """As ``django/forms/widgets/attrs.html``: False leaves an attribute out, True writes it bare."""
    return mark_safe(  # noqa: S308 - every part comes from format_html, which escapes
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


def _select(context):
    """``django/forms/widgets/select.html`` with its options, written out."""
    widget = context["widget"]
    parts = [format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in options:
            parts.append(
                format_html(
                    '\n  <option value="{}"{}>{}</option>\n',
                    option["value"],
                    _attributes(option["attrs"]),
                    option["label"],
                )
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 - built from format_html parts and literals


@register.filter
def widget_html(field):
    """The bound ``field``'s widget: what ``{{ field }}`` shows (``BoundField.as_widget``)."""
    widget = field.field.widget
    if not _is_plain_select(widget) or field.field.show_hidden_initial:
        return str(field)
    # What BoundField.as_widget passes to the widget, through its public parts.
    if field.field.localize:
        widget.is_localized = True
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    return _select(widget.get_context(field.html_name, field.value(), attrs))
