"""The RSS feed of sent issues, served at ``<kwartaalupdate>/rss/`` in each language.

Only issues that went out are in it, newest first, as in the archive: a draft or an issue that is
live but not sent yet would announce something subscribers have not had. Every item has a
description (``NewsletterIssuePage.summary``): RSS readers show it under the title.
"""

from core.feeds import IndexPageFeed


class IssueFeed(IndexPageFeed):
    def items(self):
        # Sections are read for the description (``summary``): load them with the issue, not per item.
        return self.index_page.sent_issues().defer(None)[: self.item_count]

    def item_description(self, item):
        return item.summary()

    def item_pubdate(self, item):
        return item.sent_at

    def item_categories(self, item):
        return [item.quarter]
