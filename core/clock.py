"""When time alone changes what pages show: the clock's epoch, part of every page's cache key.

A meeting's registration opens or closes, a meeting passes, a subsidy's deadline passes: nobody
publishes anything, yet the meeting, the lists, the home page and the theme pages show something
else. Each page type whose pages change with the clock says when, in a classmethod
``clock_moments()`` that returns the moments of all its live pages. ``clock_epoch()`` is the number
of those moments that have passed: it is part of every page's cache key
(``BasePage.get_cache_key_components``), so every ETag and every cached fragment changes at each
such moment, and at no other. A browser that revalidates after registration opened gets the new
page, not a 304 for the old one.

The moments are read once per content version and process (``core.caching.kept_in_process``):
publishing a meeting with a new date changes them, and the clock alone never needs a query, nor a
cache read (the page cache asks on every request).
"""

from bisect import bisect_right

from django.utils import timezone
from wagtail.models import get_page_models

from .caching import kept_in_process


def _moments():
    moments = []
    for model in get_page_models():
        # Declared by the page type itself, not inherited: a subclass would count its pages twice.
        if "clock_moments" in vars(model):
            moments.extend(moment for moment in model.clock_moments() if moment is not None)
    return sorted(moments)


def clock_epoch(version=None):
    """How many of the moments at which pages change have passed: a number that grows with time.

    ``version``: the content version, when the caller has just read it."""
    return bisect_right(kept_in_process("clock-moments", _moments, version), timezone.now())
