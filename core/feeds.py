"""An RSS feed of the pages an index page lists, in the index page's language.

Each feed names its items (``items``), their date and their categories; title, link and
description come from the index page, and every link is built for the request's site.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed


class IndexPageFeed(Feed):
    feed_type = Rss201rev2Feed
    item_count = 20

    def __init__(self, index_page, request):
        super().__init__()
        self.index_page = index_page
        self.request = request
        # Django reads ``language`` as a plain attribute, not through a method.
        self.language = index_page.locale.language_code

    def title(self):
        return f"{self.index_page.title} – {settings.WAGTAIL_SITE_NAME}"

    def link(self):
        return self.index_page.get_url(self.request)

    def description(self):
        return self.index_page.introduction

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.introduction

    def item_link(self, item):
        return item.get_url(self.request)
