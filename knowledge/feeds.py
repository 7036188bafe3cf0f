"""The RSS feed of a news index page, served at ``<nieuws>/rss/`` in each language."""

from core.feeds import IndexPageFeed
from core.visibility import visible


class NewsFeed(IndexPageFeed):
    def items(self):
        news_model = self.index_page.listing_model
        return (
            visible(news_model.objects.descendant_of(self.index_page))
            .defer_streamfields()
            .order_by("-date", "-pk")[: self.item_count]
        )

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [item.get_category_display()]
