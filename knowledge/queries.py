"""What the home page shows of the knowledge base: its sections, newest or soonest first.

Pages of every type live here together; each list is visible pages in the home page's language,
with the card images of all lists loaded in one query.
"""

from core.listing import prefetch_card_renditions
from core.visibility import visible

from .models import MeetingPage, NewsPage, PilotPage, SubsidyPage, ThemePage


def _cards(model, locale_id):
    return (
        visible(model.objects.filter(locale_id=locale_id))
        .defer_streamfields()
        .select_related("listing_image")
    )


def home_page_sections(home):
    locale_id = home.locale_id
    themes, latest_news, meetings, pilots, subsidies = prefetch_card_renditions(
        _cards(ThemePage, locale_id).order_by("path"),
        _cards(NewsPage, locale_id).select_related("organisation").order_by("-date", "-pk")[:3],
        MeetingPage.upcoming(_cards(MeetingPage, locale_id)).order_by("start", "pk")[:3],
        _cards(PilotPage, locale_id).select_related("municipality").order_by(*PilotPage.newest_first)[:3],
        _cards(SubsidyPage, locale_id)
        .filter(status=SubsidyPage.Status.OPEN)
        .order_by(SubsidyPage.soonest_deadline_first, "title")[:3],
    )
    return {
        "themes": themes,
        "latest_news": latest_news,
        "upcoming_meetings": meetings,
        "featured_pilots": pilots,
        "open_subsidies": subsidies,
    }
