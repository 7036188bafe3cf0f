"""A partner's latest articles, wherever the site names the organisation.

The organisation has no page of its own: its entry is where a page names it — a news item's
byline, a knowledge item's source, a pilot's supporting organisation. When that organisation is
a partner with a section in the reader's language, the page shows the partner's latest approved
articles there, newest first, with a link to the partner's own page (its ``PartnerSectionPage``,
which lists them all). ``organisation_articles`` joins those pages through
``core.hooks.PAGE_CONTEXT_HOOK`` (``wagtail_hooks.py``), so ``knowledge`` never imports this app.

What it shows is kept under the content version (``core.caching.cached``): a publish, an
unpublish or a new view restriction anywhere makes it again; a warm page runs no query for it.
"""

from core.caching import cached
from core.visibility import visible

from .models import PartnerSectionPage

TEMPLATE = "partners/includes/organisation_articles.html"
SHOWN = 3


def _sections():
    """``{(organisation id, locale id): section id}`` for the partner sections a visitor may see."""

    def find():
        rows = (
            visible(PartnerSectionPage.objects.exclude(organisation=None))
            .order_by("-path")  # two sections for one organisation: the first in the tree wins
            .values_list("organisation_id", "locale_id", "pk")
        )
        return {(organisation, locale): pk for organisation, locale, pk in rows}

    return cached("partner-sections", find)


def _entry(section_id, request):
    """The partner's name, its page's URL and its newest articles (one more than shown)."""

    def find():
        section = PartnerSectionPage.objects.select_related("organisation").get(pk=section_id)
        articles = (
            section.articles().defer_streamfields().order_by(*PartnerSectionPage.listing_order)[: SHOWN + 1]
        )
        return {
            "name": section.organisation.name,
            "url": section.get_url(request),
            "articles": [
                {
                    "pk": article.pk,
                    "title": article.title,
                    "url": article.get_url(request),
                    "date": article.date,
                }
                for article in articles
            ],
        }

    return cached(f"partner-articles:{section_id}", find)


def organisation_articles(page, request):
    """For ``PAGE_CONTEXT_HOOK``: ``partner_articles`` on a page that names a partner, else None."""
    organisation_id = page.organisation_id
    if organisation_id is None:
        return None
    section_id = _sections().get((organisation_id, page.locale_id))
    if section_id is None:
        return None
    entry = _entry(section_id, request)
    articles = [article for article in entry["articles"] if article["pk"] != page.pk][:SHOWN]
    if not articles:
        return None
    return {"partner_articles": {**entry, "articles": articles, "template": TEMPLATE}}
