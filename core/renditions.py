"""The image sizes and formats the public pages show: one place for the templates and the prefetch.

Each image on a public page is Wagtail's ``{% picture %}``: a WebP ``<source>`` and a JPEG (logos:
PNG) ``<img>`` fallback, each in a few widths for ``srcset``, with ``width`` and ``height`` set.
Browsers that read WebP (nearly all) never fetch the fallback.

The ``*_PICTURE`` constants are those tags' filter specs, written as the templates write them (a
tag's specs cannot come from a variable, so each template repeats its constant);
``tests/core/test_responsive_images.py`` compiles the templates and fails when a tag and its
constant differ. ``CARD_RENDITIONS``, the card's specs one by one, is what a listing prefetches
(``core.listing.prefetch_card_renditions``): exactly the renditions its cards show.

Not here: the kwartaalupdate's mail keeps a plain JPEG/PNG ``<img>`` (mail clients read no WebP;
``newsletter.blocks``), and the social preview (``og:image``, ``SOCIAL_SPEC``) is one JPEG or PNG,
which every social site reads.

A module of its own, without the image form's imports: ``core.models`` needs it while Django is
still loading the models.
"""

from wagtail.images.models import Filter

# A listing card: 16:9, at most about 24rem wide (site.css ``.card-grid``), twice that on 2x screens.
CARD_PICTURE = "fill-{640x360,960x540} format-{webp,jpeg}"
# The home page's hero: 3:2, the full width on a phone (3x screens too), 2/5 of 74rem beside the text.
HERO_PICTURE = "fill-{480x320,960x640,1440x960} format-{webp,jpeg}"
# An image in a page's body (the image blocks of pages and of the kwartaalupdate's web archive).
BODY_PICTURE = "width-{640,960,1280} format-{webp,jpeg}"
# An organisation's logo: one small size; PNG keeps a transparent background.
LOGO_PICTURE = "max-160x80 format-{webp,png}"
# og:image.
SOCIAL_SPEC = "fill-1200x630"


def expanded(picture):
    """The rendition specs of a ``{% picture %}`` filter spec, in the tag's order (Wagtail's own
    expansion: ``fill-{a,b} format-{webp,jpeg}`` is ``fill-a|format-webp``, ``fill-a|format-jpeg``, ...)."""
    return tuple(Filter.expand_spec(picture))


CARD_RENDITIONS = expanded(CARD_PICTURE)
PUBLIC_SPECS = frozenset(
    {
        *CARD_RENDITIONS,
        *expanded(HERO_PICTURE),
        *expanded(BODY_PICTURE),
        *expanded(LOGO_PICTURE),
        SOCIAL_SPEC,
    }
)
