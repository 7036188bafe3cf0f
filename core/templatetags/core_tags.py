"""Template tags any app's templates may use: pagination."""

from django import template

register = template.Library()


@register.simple_tag
def page_range(items):
    """Page numbers to show in the pagination, with an ellipsis where numbers are left out."""
    return items.paginator.get_elided_page_range(items.number, on_each_side=1, on_ends=1)
