"""Shared set-up for the whole suite.

Every test starts in Dutch and with an empty cache: navigation fragments and Wagtail's site-root paths are
cached in the process-wide locmem cache, and a value left behind by one test would make another
test see a stale menu or footer. Uploaded images and documents go to a temporary directory, never
to ``var/media``, which the development server uses.
"""

import shutil
import tempfile

import pytest
from django.core.cache import caches

_media_root = None


def pytest_configure(config):
    global _media_root
    from django.conf import settings

    _media_root = tempfile.mkdtemp(prefix="leefbaarheid-test-media-")
    settings.MEDIA_ROOT = _media_root


def pytest_unconfigure(config):
    if _media_root:
        shutil.rmtree(_media_root, ignore_errors=True)


@pytest.fixture(autouse=True)
def _empty_caches():
    for alias in ("default", "renditions"):
        caches[alias].clear()
    yield


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Every test starts in the site's main language, whatever the test before it activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
