"""Images on public pages are responsive WebP pictures, and a listing loads their renditions at once.

Every image a visitor sees is a ``<picture>``: a WebP ``<source>`` with a ``srcset`` of several
widths, and an ``<img>`` fallback in JPEG (logos: PNG) with ``width`` and ``height``, so the page
does not shift while images load. Cards load lazily; the home page's hero is the first thing a
visitor sees, so it loads at once, with priority. The sizes and formats live in ``core.renditions``,
and the templates repeat them in their ``{% picture %}`` tags: the first tests say they agree.
"""

from pathlib import Path

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.template import engines
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.images.templatetags.wagtailimages_tags import ImageNode, PictureNode

from core.caching import bump_content_version
from core.renditions import (
    BODY_PICTURE,
    CARD_PICTURE,
    CARD_RENDITIONS,
    HERO_PICTURE,
    LOGO_PICTURE,
    expanded,
)
from tests.factories.knowledge import NewsPageFactory, build_site

TEMPLATES = Path(settings.BASE_DIR) / "site" / "templates"
# Which {% picture %} each template shows, by the constant it must follow.
PICTURES = {
    "includes/cards/knowledge_item_card.html": CARD_PICTURE,
    "includes/cards/news_card.html": CARD_PICTURE,
    "includes/cards/pilot_card.html": CARD_PICTURE,
    "includes/cards/theme_card.html": CARD_PICTURE,
    "home/home_page.html": HERO_PICTURE,
    "blocks/image_block.html": BODY_PICTURE,
    "newsletter/blocks/issue_image.html": BODY_PICTURE,
    "partners/partner_section_page.html": LOGO_PICTURE,
    "knowledge/news_page.html": LOGO_PICTURE,
}
# The only plain {% image %} tags allowed: the social preview (one JPEG or PNG, what social sites
# read). The kwartaalupdate's mail builds its <img> in Python (newsletter.blocks), without a tag.
PLAIN_IMAGES = {"base.html"}


def image_nodes(name):
    """The image tags (``{% image %}``, ``{% srcset_image %}``, ``{% picture %}``) of a template."""
    return engines["django"].get_template(name).template.nodelist.get_nodes_by_type(ImageNode)


def picture(width=960, height=540, title="Buurthuis"):
    """An image as big as the largest size it is shown in (Wagtail never enlarges an image)."""
    return wagtail_factories.ImageFactory(title=title, file__width=width, file__height=height)


def rendition_at(url):
    """The stored rendition whose file ``url`` points at."""
    return get_image_model().get_rendition_model().objects.get(file=url.removeprefix(settings.MEDIA_URL))


def srcset_widths(srcset):
    """``{url: width}`` of a ``srcset`` with width descriptors."""
    candidates = [candidate.split() for candidate in srcset.split(",")]
    return {url: int(descriptor.removesuffix("w")) for url, descriptor in candidates}


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_each_template_asks_for_the_pictures_its_constant_names(name):
    pictures = [node for node in image_nodes(name) if isinstance(node, PictureNode)]
    assert pictures, f"{name} shows no {{% picture %}}"
    for node in pictures:
        assert tuple(spec.spec for spec in node.get_filters()) == expanded(PICTURES[name])


def test_the_cards_prefetch_what_the_card_templates_show():
    assert expanded(CARD_PICTURE) == CARD_RENDITIONS
    assert {"fill-640x360|format-webp", "fill-960x540|format-jpeg"} <= set(CARD_RENDITIONS)


def test_no_public_template_shows_a_plain_image_but_the_social_preview():
    plain = {
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        for node in image_nodes(str(path.relative_to(TEMPLATES)))
        if not isinstance(node, PictureNode)
    }
    assert plain == PLAIN_IMAGES


class CardAndHeroTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=())
        cls.news = NewsPageFactory(
            parent=cls.tree.news_index, title="Koffie in het buurthuis", listing_image=picture()
        )

    def card_picture(self):
        page = BeautifulSoup(self.client.get(self.tree.news_index.url).content.decode(), "html.parser")
        media = page.select(".card__media")
        self.assertEqual(len(media), 1)
        return media[0].find("picture")

    def test_a_card_shows_a_webp_source_in_two_widths_and_a_lazy_jpeg_with_its_size(self):
        card = self.card_picture()

        source = card.find("source")
        self.assertEqual(source["type"], "image/webp")
        webp = srcset_widths(source["srcset"])
        self.assertEqual(sorted(webp.values()), [640, 960])
        self.assertTrue(all(url.endswith(".webp") for url in webp))
        self.assertIn("100vw", source["sizes"])

        img = card.find("img")
        self.assertEqual(img["alt"], "")
        self.assertEqual(img["loading"], "lazy")
        self.assertEqual((img["width"], img["height"]), ("640", "360"))
        self.assertEqual(img["sizes"], source["sizes"])
        jpeg = srcset_widths(img["srcset"])
        self.assertEqual(sorted(jpeg.values()), [640, 960])
        self.assertIn(img["src"], jpeg)

    def test_the_files_behind_the_card_are_webp_and_jpeg_of_the_sizes_they_claim(self):
        card = self.card_picture()
        for element, expected_format in ((card.find("source"), "WEBP"), (card.find("img"), "JPEG")):
            for url, width in srcset_widths(element["srcset"]).items():
                rendition = rendition_at(url)
                with rendition.file.open("rb") as stored, PillowImage.open(stored) as opened:
                    self.assertEqual(opened.format, expected_format, url)
                    self.assertEqual(opened.size, (width, width * 9 // 16), url)
                    self.assertEqual(opened.size, (rendition.width, rendition.height), url)

    def test_the_home_pages_hero_loads_at_once_with_priority(self):
        home = self.tree.home
        home.hero_image = picture(1440, 960, title="Dorpsplein")
        home.save()

        page = BeautifulSoup(self.client.get("/").content.decode(), "html.parser")

        hero = page.select_one(".hero__media picture")
        self.assertEqual(hero.find("source")["type"], "image/webp")
        self.assertEqual(sorted(srcset_widths(hero.find("source")["srcset"]).values()), [480, 960, 1440])
        img = hero.find("img")
        self.assertEqual(img["fetchpriority"], "high")
        self.assertFalse(img.has_attr("loading"))  # lazy would wait for layout: the hero is in view
        self.assertEqual((img["width"], img["height"]), ("480", "320"))
        self.assertEqual(img["alt"], "")
        with rendition_at(img["src"]).file.open("rb") as stored, PillowImage.open(stored) as opened:
            self.assertEqual(opened.format, "JPEG")


class CardRenditionQueryTests(TestCase):
    """A listing of 3 image cards runs as many queries as one of 9: one for all their renditions.

    The renditions exist (a first request made them) and the renditions cache is emptied before
    each count, as after a restart or on another worker: without the prefetch, each card's
    ``{% picture %}`` would ask the database for its own.
    """

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site(theme_slugs=())

    def add_cards(self, count):
        for _ in range(count):
            NewsPageFactory(parent=self.tree.news_index, listing_image=picture(960, 540))

    def queries_for(self, url):
        # Pages made by a factory announce no publication: their listing is new content all the same.
        bump_content_version()
        response = self.client.get(url)  # makes the renditions
        self.assertEqual(response.status_code, 200)
        bump_content_version()  # the cached listing fragment is stale: the cards are rendered again
        caches["renditions"].clear()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        pictures = BeautifulSoup(response.content.decode(), "html.parser").select(".card__media picture")
        sql = [query["sql"] for query in queries.captured_queries]
        return len(pictures), len(sql), [text for text in sql if "wagtailimages_rendition" in text]

    def test_three_cards_and_nine_cards_cost_the_same_queries(self):
        url = self.tree.news_index.url
        self.add_cards(3)
        three_cards, three_queries, three_rendition_queries = self.queries_for(url)
        self.add_cards(6)
        nine_cards, nine_queries, nine_rendition_queries = self.queries_for(url)

        self.assertEqual((three_cards, nine_cards), (3, 9))
        self.assertEqual(nine_queries, three_queries)
        self.assertEqual(len(three_rendition_queries), 1, three_rendition_queries)
        self.assertEqual(len(nine_rendition_queries), 1, nine_rendition_queries)
        # The one query asks for exactly the card's renditions.
        for spec in CARD_RENDITIONS:
            self.assertIn(spec, nine_rendition_queries[0])
