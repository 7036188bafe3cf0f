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
    cached,
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


class ProcessCopyTests(TestCase):
    """``cached`` keeps what it read in the process too, as pickled bytes (core/caching.py)."""

    def test_a_second_read_does_not_ask_the_shared_cache_or_compute_again(self):
        computed = []
        cached("test-process-copy", lambda: computed.append(1) or ["a"])
        cache.delete(f"test-process-copy:{content_version()}")

        self.assertEqual(cached("test-process-copy", lambda: computed.append(1) or ["b"]), ["a"])
        self.assertEqual(computed, [1])

    def test_a_caller_that_changes_its_value_changes_only_its_own_copy(self):
        first = cached("test-process-copy-mutable", lambda: {"choices": ["a"]})
        first["choices"].append("b")

        self.assertEqual(cached("test-process-copy-mutable", dict), {"choices": ["a"]})

    def test_a_new_content_version_computes_afresh(self):
        cached("test-process-copy-version", lambda: "oud")

        bump_content_version()

        self.assertEqual(cached("test-process-copy-version", lambda: "nieuw"), "nieuw")
