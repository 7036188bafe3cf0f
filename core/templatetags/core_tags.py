"""Template tags any app's templates may use: pagination, a quoted title."""

from django import template

register = template.Library()


@register.simple_tag
def page_range(items):
    """Page numbers to show in the pagination, with an ellipsis where numbers are left out."""
    return items.paginator.get_elided_page_range(items.number, on_each_side=1, on_ends=1)


@register.filter(is_safe=True)
def quoted(title):
    """A title quoted inside a sentence: "u bent aangemeld voor “Hoe bereikt u mensen?”." The title's
    own question mark ends the quote, the sentence's full stop the sentence; without the quotes
    the two read as one mistake ("voelen?.")."""
    return f"“{title}”"
