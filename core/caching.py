"""One content version for the whole site, and a cache for what many pages need.

Menus, the footer, filter choices, the routing table, the list of private sections and the cached
fragments of listings are the same for every visitor until an editor changes something. They are
all kept under keys that include ``content_version()``, so nothing is ever deleted by name: a
change mints a new version and every older entry becomes unreachable.

Why a random token and not a counter: a counter kept in Django's cache can restart. The file
cache implements ``incr()`` as get-then-set with the default timeout, and it culls a random third
of its files when full, so a counter drops back to 1 and entries cached under the old 1 — a page
that has since become private, say — come back. A version here is a fresh ``uuid4`` each time and
is stored without a timeout. If the cache loses it anyway (a cull, a Redis eviction, a restart),
the next read mints a new one: a lost version costs one re-render of everything, never a stale page.

The models whose changes bump the version declare it with ``@bumps_content_version``; Wagtail's own
page signals and models are connected in ``CoreConfig.ready``.

Within one web request the version is read from the cache once: the page cache, every fragment
and the ETag ask for it, and with Redis each read is a round trip. A bump during the request (an
editor publishing) forgets the remembered one. Outside requests (the task worker, commands, which
run for hours) nothing is remembered.

The page cache's lookup, which runs on every anonymous request, reads it through
``recent_content_version``: the version this process read at most a quarter of a second ago. That
takes the one cache round trip (and the Redis client Django builds for it) off a kept page's path.
A bump in this process is seen at once, one in another process within that quarter second.
"""

import contextvars
import pickle
import threading
import time
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save

CONTENT_VERSION_KEY = "content-version"
CACHE_SECONDS = 60 * 60

# The models registered by ``bumps_content_version``, for the tests and for a reader.
CONTENT_MODELS = []


def _new_version():
    return uuid.uuid4().hex


# {} while a web request runs (the version it read, once read); None outside requests.
_request_memo = contextvars.ContextVar("content_version_memo", default=None)


def _start_request(**kwargs):
    _request_memo.set({})


def _end_request(**kwargs):
    _request_memo.set(None)


request_started.connect(_start_request, dispatch_uid="content-version-request-started")
request_finished.connect(_end_request, dispatch_uid="content-version-request-finished")


def content_version():
    """A token that changes whenever published content may have changed. Never repeats."""
    memo = _request_memo.get()
    if memo:
        return memo["version"]
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        # ``add`` keeps a version another process set in the meantime; either one is new.
        cache.add(CONTENT_VERSION_KEY, _new_version(), timeout=None)
        version = cache.get(CONTENT_VERSION_KEY) or _new_version()
    if memo is not None:
        memo["version"] = version
    return version


def _set_new_version():
    cache.set(CONTENT_VERSION_KEY, _new_version(), timeout=None)
    forget_recent_content_version()
    memo = _request_memo.get()
    if memo is not None:
        memo.clear()


# (version, time.monotonic() when read) as this process last read it for recent_content_version.
_recent = (None, 0.0)


def recent_content_version(max_age):
    """The content version as this process read it at most ``max_age`` seconds ago.

    For the page cache's lookup only: a page kept under an older version for that long is at most
    ``max_age`` behind a publish in another process. Everything that renders uses ``content_version``.
    """
    global _recent  # noqa: PLW0603 - one value per process, replaced whole (no lock needed)
    version, read_at = _recent
    now = time.monotonic()
    if version is None or now - read_at > max_age:
        version = content_version()
        _recent = (version, now)
    return version


def forget_recent_content_version():
    """The next ``recent_content_version`` reads the cache (after a bump here; between tests)."""
    global _recent  # noqa: PLW0603
    _recent = (None, 0.0)


def bump_content_version(**kwargs):
    """Start a new content version, now and again once the current transaction commits.

    The first bump makes the change visible at once to this process (and to tests, which run inside
    a transaction). The second one, after the commit, discards anything another process cached from
    the data it read before the commit.
    """
    _set_new_version()
    transaction.on_commit(_set_new_version)


def bumps_content_version(model):
    """Class decorator: saving or deleting a ``model`` changes what pages show.

    ``@bumps_content_version`` on a snippet, a setting or any model that menus, filters or cards
    read is all a new app needs to keep the cache honest.
    """
    for signal in (post_save, post_delete):
        signal.connect(
            bump_content_version,
            sender=model,
            weak=False,
            dispatch_uid=f"content-version-{model._meta.label}-{signal!r}",
        )
    CONTENT_MODELS.append(model)
    return model


class ProcessLRU:
    """The most recently used entries of this process, by key; at most ``size`` of them.

    Only for keys that hold the content version (or anything else that makes a key name one value
    for ever): an entry is never stale, only evicted.
    """

    def __init__(self, size):
        self.size, self.entries, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def set(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


# ``cached`` values this process has read or computed, pickled (see ``cached``).
LOCAL_VALUES = 1000
local_values = ProcessLRU(LOCAL_VALUES)


def cached(name, compute):
    """``compute()``, kept until the content changes. ``name`` must say everything it depends on.

    Kept in the shared cache and, pickled, in this process (``local_values``): a page reads a
    dozen such values, and each read from Redis is a round trip with a client Django builds for
    it. The process keeps the pickled bytes, not the value, so a caller that changes what it got
    (a list of choices, a dict) changes only its own copy, as with a value read from Redis.
    """
    key = f"{name}:{content_version()}"
    kept = local_values.get(key)
    if kept is not None:
        return pickle.loads(kept)  # noqa: S301 - bytes this process pickled itself
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    local_values.set(key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    return value


# name -> (content version, value): see ``kept_in_process``.
_IN_PROCESS = {}


def kept_in_process(name, compute, version=None):
    """``compute()``, kept in this process until the content changes, like ``cached``.

    For a value too large to fetch from the shared cache on every request (Redis would send and
    unpickle it each time): each process computes it once per content version. Only the latest
    version is kept per ``name``. ``name`` must say everything it depends on. A caller that has
    just read ``content_version()`` passes it as ``version`` and saves a second read.
    """
    version = version or content_version()
    entry = _IN_PROCESS.get(name)
    if entry is None or entry[0] != version:
        entry = (version, compute())
        _IN_PROCESS[name] = entry
    return entry[1]
