"""Production: everything from the environment; refuses to start on settings that are unsafe.

A missing, short or well-known ``SECRET_KEY`` (every signed link and session depends on it) and
``ALLOWED_HOSTS=*`` (which lets a forged ``Host`` header into password-reset mails and links) stop
the process at start-up with a message that says what to set, rather than running unsafely.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, REDIS_URL, SECRET_KEY, VAR_DIR, env_bool, logging_config

# Keys that have been in this repository, its documentation or a tutorial: never good enough.
KNOWN_KEYS = {"dev-only-not-secret", "test-only-not-secret", "changeme", "secret", "django-insecure"}
MIN_KEY_LENGTH = 50
MIN_KEY_CHARACTERS = 5


def check_secret_key(key):
    """The reason ``key`` is unfit for production, or ``""`` (the same rule as ``check --deploy``)."""
    if not key or not key.strip():
        return "SECRET_KEY must be set in the environment for production."
    if key.strip() != key or key.lower() in KNOWN_KEYS or key.startswith("django-insecure"):
        return "SECRET_KEY is a known or padded value; generate a new one."
    if len(key) < MIN_KEY_LENGTH or len(set(key)) < MIN_KEY_CHARACTERS:
        return (
            f"SECRET_KEY must be at least {MIN_KEY_LENGTH} characters with at least "
            f"{MIN_KEY_CHARACTERS} different ones."
        )
    return ""


def check_allowed_hosts(hosts):
    if not hosts:
        return "ALLOWED_HOSTS must name the site's host names for production."
    if any(host.strip() == "*" for host in hosts):
        return "ALLOWED_HOSTS=* accepts any Host header; name the site's host names instead."
    return ""


GENERATE = ' Generate a key with: python3 -c "import secrets; print(secrets.token_urlsafe(50))"'
if problem := check_secret_key(SECRET_KEY):
    raise ImproperlyConfigured(problem + GENERATE)
if problem := check_allowed_hosts(ALLOWED_HOSTS):
    raise ImproperlyConfigured(problem)

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
# The province's subdomains are HTTPS too; an operator whose domain is not ready for that (or for
# the browsers' preload list) sets these to false.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Every admin account logs in with a second factor; no setting turns that off in production.
TWO_FACTOR_REQUIRED = True
# EMAIL_BACKEND in the environment (read by base.py) wins over this default.
EMAIL_BACKEND = EMAIL_BACKEND or "django.core.mail.backends.smtp.EmailBackend"  # noqa: F405
SEED_DEMO_EDITOR = False
# One JSON object per log line, with an access line per request (docs/operations.md).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING = logging_config(LOG_FORMAT)
LOG_REQUESTS = env_bool("LOG_REQUESTS", True)
# A load balancer probes the instance itself, over plain HTTP: /healthz answers it instead of
# redirecting to https (it sets no cookie and shows the public only ok/failing per check).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# A worker keeps its database connection for a minute: opening one per request (Django's default)
# costs a connect, and with SQLite the WAL set-up, on every page. Checked before reuse, so a
# restarted database costs one failed request nothing (CONN_HEALTH_CHECKS).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

if not REDIS_URL:
    # Every gunicorn worker must see the same content version (core/caching.py), or a publish would
    # refresh the menu and cached fragments in one worker only. Without Redis, share files on disk.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache-renditions",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache-pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
