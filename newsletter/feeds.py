"""The RSS feed of sent issues, served at ``<kwartaalupdate>/rss/`` in each language.

Only issues that went out are in it, newest first, as in the archive: a draft or an issue that is
live but not sent yet would announce something subscribers have not had.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed


class IssueFeed(Feed):
    feed_type = Rss201rev2Feed
    item_count = 20

    def __init__(self, archive, request):
        super().__init__()
        self.archive = archive
        self.request = request
        # Django reads ``language`` as a plain attribute, not through a method.
        self.language = archive.locale.language_code

    def title(self):
        return f"{self.archive.title} – Leefbaarheid Gelderland"

    def link(self):
        return self.archive.get_url(self.request)

    def description(self):
        return self.archive.introduction

    def items(self):
        return self.archive.sent_issues()[: self.item_count]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.introduction

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.sent_at

    def item_categories(self, item):
        return [item.quarter]
