"""The RSS feed of a news index page, served at ``<nieuws>/rss/`` in each language."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from core.visibility import visible


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed
    item_count = 20

    def __init__(self, news_index, request):
        super().__init__()
        self.news_index = news_index
        self.request = request
        # Django reads ``language`` as a plain attribute, not through a method.
        self.language = news_index.locale.language_code

    def title(self):
        return f"{self.news_index.title} – Leefbaarheid Gelderland"

    def link(self):
        return self.news_index.get_url(self.request)

    def description(self):
        return self.news_index.introduction

    def items(self):
        news_model = self.news_index.listing_model
        return (
            visible(news_model.objects.child_of(self.news_index))
            .defer_streamfields()
            .order_by("-date", "-pk")[: self.item_count]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.introduction

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [item.get_category_display()]
