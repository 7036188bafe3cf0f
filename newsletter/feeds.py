"""The RSS feed of sent issues, served at ``<kwartaalupdate>/rss/`` in each language.

Only issues that went out are in it, newest first, as in the archive: a draft or an issue that is
live but not sent yet would announce something subscribers have not had.
"""

from core.feeds import IndexPageFeed


class IssueFeed(IndexPageFeed):
    def items(self):
        return self.index_page.sent_issues()[: self.item_count]

    def item_pubdate(self, item):
        return item.sent_at

    def item_categories(self, item):
        return [item.quarter]
