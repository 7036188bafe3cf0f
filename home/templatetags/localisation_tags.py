"""``{% untranslated_notice %}``: the notice on a page read in a language it has no translation in.

See ``home/localisation.py``: the language switcher and ``/en/…`` URLs of untranslated pages lead
to the page with ``?niet-vertaald=<language>``, and this tag says so in that language.
"""

from django import template

from home import shell
from home.localisation import untranslated_notice as notice_for

register = template.Library()


@register.inclusion_tag("includes/untranslated_notice.html", takes_context=True)
def untranslated_notice(context):
    request = context.get("request")
    if request is None:
        return {"notice": None}
    return {"notice": notice_for(request, shell.language_links(request, context.get("page")))}
