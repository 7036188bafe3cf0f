"""Settings for the render benchmark: the test settings made production-like where it matters.

Template caching follows DEBUG (off here, so the cached loader is used, as in production), the
cache is always in-process locmem, even when REDIS_URL is set, so the figures measure the page and
not the network, and nothing the demo content writes lands in ``var/``: render_pages.py points
VAR_DIR at a temporary directory before these settings load.
"""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES, VAR_DIR

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
MEDIA_ROOT = VAR_DIR / "media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
    },
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# The render benchmark measures rendering: the page cache (core/page_cache.py) would answer every
# timed request after the first. make benchmark-serve measures the cached pages.
PAGE_CACHE_SECONDS = 0

# The benchmark builds a database of its own next to whatever DATABASE_URL names, never inside it:
# a SQLite file in the temporary directory, or a PostgreSQL database named after this process.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "benchmark.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"benchmark_{os.getpid()}"}
