"""The content version is read once per web request, and never remembered outside one.

A page asks for the version many times (the page cache, each fragment, the ETag); with Redis each
read is a round trip. Inside a request the first answer is kept, unless the request itself starts a
new version. A task worker or a command runs for hours: there every read goes to the cache.
"""

from django.core.cache import cache
from django.test import TestCase

from core.caching import (
    CONTENT_VERSION_KEY,
    _end_request,
    _start_request,
    bump_content_version,
    content_version,
    recent_content_version,
)


class ContentVersionMemoTests(TestCase):
    def tearDown(self):
        _end_request()

    def test_outside_a_request_every_read_asks_the_cache(self):
        content_version()
        cache.set(CONTENT_VERSION_KEY, "another-process-published", timeout=None)

        self.assertEqual(content_version(), "another-process-published")

    def test_inside_a_request_the_first_read_is_kept(self):
        _start_request()
        first = content_version()
        cache.set(CONTENT_VERSION_KEY, "another-process-published", timeout=None)

        self.assertEqual(content_version(), first)

        _end_request()
        self.assertEqual(content_version(), "another-process-published")

    def test_a_publish_during_the_request_is_seen_by_the_rest_of_it(self):
        _start_request()
        first = content_version()

        bump_content_version()

        self.assertNotEqual(content_version(), first)
        self.assertEqual(content_version(), cache.get(CONTENT_VERSION_KEY))


class RecentContentVersionTests(TestCase):
    """The page cache's lookups use the version this process read lately (``recent_content_version``)."""

    def test_another_process_publishing_is_seen_once_the_read_is_older_than_max_age(self):
        first = recent_content_version(max_age=3600)
        cache.set(CONTENT_VERSION_KEY, "another-process-published", timeout=None)

        self.assertEqual(recent_content_version(max_age=3600), first)
        self.assertEqual(recent_content_version(max_age=0), "another-process-published")
        # That read is the recent one now.
        self.assertEqual(recent_content_version(max_age=3600), "another-process-published")

    def test_a_publish_in_this_process_is_seen_at_once(self):
        first = recent_content_version(max_age=3600)

        bump_content_version()

        self.assertNotEqual(recent_content_version(max_age=3600), first)
        self.assertEqual(recent_content_version(max_age=3600), content_version())
