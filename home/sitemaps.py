"""A sitemap with every live page in every language, not only the default site's Dutch tree."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.visibility import visible


class AllLanguagesSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        # Each language's home page is a translation of the site root, beside it in the tree.
        trees = Q()
        for path in root.get_translations(inclusive=True).values_list("path", flat=True):
            trees |= Q(path__startswith=path)
        return visible(Page.objects.filter(trees)).order_by("path").defer_streamfields().specific()
