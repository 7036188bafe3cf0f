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
from django.db import connection

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
    from core.caching import forget_recent_content_version, local_values  # noqa: PLC0415 - needs the apps
    from core.page_cache import local_pages  # noqa: PLC0415

    for alias in ("default", "renditions", "pages"):
        caches[alias].clear()
    local_pages.clear()  # the page cache's own copies in this process (core/page_cache.py)
    forget_recent_content_version()  # and the version its lookups read (core/caching.py)
    local_values.clear()  # cached() values this process keeps (core/caching.py)
    yield


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Every test starts in the site's main language, whatever the test before it activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# A ``transaction=True`` test ends with an emptied database (Django flushes it). Django runs such
# tests after all others, but under xdist's ``--dist loadfile`` a worker may get an ordinary
# ``TestCase`` file after one, which would then find no home page, locales or roles: the data the
# migrations made is kept from before the first such test and put back after each.
_migrated = {}


def _is_transactional(item):
    """A pytest test marked ``django_db(transaction=True)``, or a unittest ``TransactionTestCase``
    (not a ``TestCase``, which runs in a transaction of its own and flushes nothing)."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase) and not issubclass(cls, TestCase):
        return True
    marker = item.get_closest_marker("django_db")
    return marker is not None and bool(marker.kwargs.get("transaction"))


@pytest.fixture(scope="session", autouse=True)
def _database_blocker(django_db_blocker):
    _migrated["blocker"] = django_db_blocker


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    yield  # the fixtures are set up: a serialized_rollback test starts on the migrations' data
    if _is_transactional(item) and "data" not in _migrated and "blocker" in _migrated:
        with _migrated["blocker"].unblock():
            _migrated["data"] = connection.creation.serialize_db_to_string()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield  # every fixture of the test is finalised: the flush has happened
    # After the session's last test the test database itself is gone: nothing to put back.
    if nextitem is not None and _is_transactional(item) and "data" in _migrated:
        with _migrated["blocker"].unblock():
            connection.creation.deserialize_db_from_string(_migrated["data"])
