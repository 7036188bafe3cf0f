"""English slugs for the demo's English pages: ``/en/knowledge-base/``, ``/en/themes/loneliness/``.

``seed_demo`` translates the pages first (with the Dutch slugs wagtail-localize copies), then
gives every English page a slug made from its English title, the way the translation editor's
slug override does (``home.localisation.give_own_slugs``). Wagtail creates the redirects from the
Dutch-slug URLs, as it would on a real site. A second run finds nothing to change.
"""

from wagtail.models import Page

from home.localisation import give_own_slugs


def seed_english_slugs(locale, tally):
    changed = give_own_slugs(locale)
    pages = Page.objects.filter(locale=locale, depth__gt=2).count()
    tally.add("updated", len(changed))
    tally.add("unchanged", pages - len(changed))
