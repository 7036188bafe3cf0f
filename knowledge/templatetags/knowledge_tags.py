"""Template tags for the knowledge base's pages."""

from django import template

from knowledge.models.themes import theme_links_for

register = template.Library()


@register.simple_tag
def page_themes(page):
    """``{% page_themes page as themes %}``: the page's themes as live pages in its language."""
    return theme_links_for(page)
