"""Settings shared by every environment.

Everything that differs between a laptop, CI and production comes from the environment
(see the configuration table in README.md); the modules beside this one only choose defaults.
"""

import hashlib
import os
import re
import time
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL

INSTALLED_APPS = [
    "core",
    "knowledge",
    "home",
    "accounts",
    "registrations",
    "partners",
    "newsletter",
    "search",
    "pilot_interest",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.sites",
    # Wagtail's users app with the project's user forms: roles stay in their lane (accounts/users.py).
    "accounts.apps.UsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    # Only for its command: manage.py health_check healthz --no-http (docs/operations.md).
    "health_check",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: every answer gets an X-Request-ID, every log line of the request carries it, and the
    # access and slow-request lines time the whole stack (core/request_log.py).
    "core.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every answer, static files included.
    "core.headers.SiteCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Right after the static files: an anonymous visitor's page from the cache, before sessions,
    # the database or URL resolution (core/page_cache.py).
    "core.page_cache.PageCacheMiddleware",
    # Wagtail's site for the request from the cache, not a query per request (core/sites.py).
    "core.sites.SiteMiddleware",
    # Before anything that queries: each statement of a web request gets DATABASE_STATEMENT_TIMEOUT,
    # and one stopped for time answers "Dit duurde te lang" (503) instead of holding the worker.
    "core.db_timeout.StatementTimeoutMiddleware",
    # A locked-out address is answered on the login pages before anything else runs.
    "accounts.throttling.LockedClientMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session middleware, before anything that reads request.LANGUAGE_CODE.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed the second factor (accounts/two_factor.py)?
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.SecondFactorMiddleware",
    "accounts.sessions.SlidingSessionMiddleware",
    # Page passwords and password-reset mails throttled like logins (accounts/throttling.py).
    "accounts.throttling.ThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Wagtail's redirects with the query string kept, then an untranslated page's /en/ URL leads
    # to the Dutch page with a notice instead of a 404 (home/localisation.py).
    "home.localisation.LocalisedRedirectMiddleware",
    # The admin says why a page type cannot be added below a page, instead of "no access".
    "core.placement.PageTypePlacementMiddleware",
    # Partners get no reports, and no admin screen, API answer or bulk action that names pages or
    # files they may not see (partners/access.py).
    "partners.access.PartnerAdminMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the "try again at …" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # One template tree for the whole site (bakerydemo style); apps keep none of their own.
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets pages be read while ``db_worker`` writes (a send commits after every message), and
    # synchronous=NORMAL makes a commit a write rather than an fsync: a killed process loses
    # nothing, only a power cut can lose the last commits (a message then goes out twice, never
    # zero times). IMMEDIATE takes the write lock at BEGIN, so two writers queue for ``timeout``
    # seconds instead of failing halfway with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if DATABASE_IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")
# Seconds one database statement of a web request may run before it is stopped and the visitor
# gets the "Dit duurde te lang" page (503, core/db_timeout.py); 0 turns the limit off. Management
# commands and the task worker (db_worker) are never limited. Dev and tests default to 30.
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "10"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: a locked-out client is refused before a password is hashed at all.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Dutch first and without a URL prefix, English under /en/.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# site/locale is the project's catalogue (`make messages` writes it: makemessages puts every string
# outside an app's own locale/ into the FIRST entry, so it stays first). site/locale_overrides holds
# hand-made Dutch for Wagtail's and wagtail-localize's own admin strings; both outrank the libraries.
LOCALE_PATHS = [SITE_DIR / "locale", SITE_DIR / "locale_overrides"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# New translations stay drafts until a translator publishes them.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

REDIS_URL = os.environ.get("REDIS_URL", "")
# Two sites on one Redis (staging beside production) must never read each other's page ids and
# content versions: the prefix names the database the cache belongs to.
_DATABASE_ID = "|".join(str(DATABASES["default"].get(key) or "") for key in ("HOST", "PORT", "NAME"))
CACHE_KEY_PREFIX = "leefbaarheid-" + hashlib.sha256(_DATABASE_ID.encode()).hexdigest()[:8]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX + "-renditions",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX + "-pages",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
        },
        # Pages of their own, so that a thousand cached pages never push the content version out.
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
# Empty: each settings module chooses its default (files in dev, memory in tests, SMTP in
# production); set it to override that, e.g. to send through a real SMTP server from dev or tests.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Team Leefbaarheid <leefbaarheid@gelderland.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# /healthz (core/health.py) fails when a due task has waited longer than this for db_worker, or a
# recurring task has not succeeded within its interval × HEALTH_RECURRING_SLACK plus this.
HEALTH_QUEUE_MAX_AGE_SECONDS = int(os.environ.get("HEALTH_QUEUE_MAX_AGE_SECONDS", "600"))
HEALTH_RECURRING_SLACK = float(os.environ.get("HEALTH_RECURRING_SLACK", "3"))

# The search log behind the search report is kept this many days (manage.py purge_search_log).
SEARCH_LOG_RETENTION_DAYS = int(os.environ.get("SEARCH_LOG_RETENTION_DAYS", "365"))
# The no-results page offers a query as "Vaak gezocht" only when this many different visitors
# found something with it (search/log.py): one client repeating a query can't put text there.
SEARCH_POPULAR_MIN_VISITORS = int(os.environ.get("SEARCH_POPULAR_MIN_VISITORS", "3"))
# Sending the kwartaalupdate (newsletter/delivery.py).
# Messages per second per worker; 0: as fast as the SMTP server takes them.
# Registrations are anonymised this many months after their meeting (manage.py purge_registrations).
REGISTRATION_RETENTION_MONTHS = int(os.environ.get("REGISTRATION_RETENTION_MONTHS", "12"))
# A registration holds no place until its address is confirmed by the link in the mail; an
# unconfirmed one expires (and is deleted) after this many hours.
REGISTRATION_CONFIRM_HOURS = int(os.environ.get("REGISTRATION_CONFIRM_HOURS", "48"))
# Per meeting: at most this many registrations from one client address (a bot can't fill a
# meeting), and at most this many unconfirmed ones for one mail domain (no flood of mail to it).
REGISTRATION_LIMIT_PER_CLIENT = int(os.environ.get("REGISTRATION_LIMIT_PER_CLIENT", "8"))
REGISTRATION_PENDING_PER_DOMAIN = int(os.environ.get("REGISTRATION_PENDING_PER_DOMAIN", "5"))
# The reminder goes this many hours before a meeting starts (manage.py send_meeting_reminders).
REGISTRATION_REMINDER_HOURS = int(os.environ.get("REGISTRATION_REMINDER_HOURS", "48"))
# Pilot-interest submissions lose the contact's name, address and phone this many months after
# they came in (manage.py purge_pilot_interest).
PILOT_INTEREST_RETENTION_MONTHS = int(os.environ.get("PILOT_INTEREST_RETENTION_MONTHS", "24"))
NEWSLETTER_SEND_RATE = float(os.environ.get("NEWSLETTER_SEND_RATE", "0"))
# Rows a worker claims (and sends over one SMTP connection) at a time.
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", "200"))
# Tries per recipient on temporary failures (4xx) before the delivery is given up as failed.
NEWSLETTER_MAX_ATTEMPTS = int(os.environ.get("NEWSLETTER_MAX_ATTEMPTS", "6"))
# First wait after a temporary failure, in seconds; it doubles with every further attempt.
NEWSLETTER_RETRY_DELAY = float(os.environ.get("NEWSLETTER_RETRY_DELAY", "300"))
# Permanent refusals (5xx) after which a subscriber is marked bounced and gets no more issues.
NEWSLETTER_BOUNCE_LIMIT = int(os.environ.get("NEWSLETTER_BOUNCE_LIMIT", "3"))
# Seconds after which rows claimed by a worker that died are taken over by another one.
NEWSLETTER_CLAIM_TIMEOUT = float(os.environ.get("NEWSLETTER_CLAIM_TIMEOUT", "600"))

# One rate limit for every public form (core/ratelimit.py): POSTs per client, "10/m" is ten a
# minute (also "/s", "/h", "/d", "30/5m"); "0" turns it off.
FORM_RATE_LIMIT = os.environ.get("FORM_RATE_LIMIT", "10/m").strip()
# Empty: the client is REMOTE_ADDR. Behind a proxy, the META key of the header it writes, e.g.
# HTTP_X_FORWARDED_FOR; its last entry is used. Never set it without a proxy that writes the header.
FORM_RATE_LIMIT_CLIENT_IP_HEADER = os.environ.get("FORM_RATE_LIMIT_CLIENT_IP_HEADER", "").strip()
if FORM_RATE_LIMIT not in ("", "0") and not re.fullmatch(r"\d+/\d*[smhd]", FORM_RATE_LIMIT):
    raise ImproperlyConfigured(f'FORM_RATE_LIMIT must look like "10/m" or be "0", not {FORM_RATE_LIMIT!r}')

# Fetching partner feeds (partners/fetching.py). Loopback, private and link-local addresses are
# refused unless FEEDS_ALLOW_PRIVATE_HOSTS=1 (dev and tests serve feeds on loopback). Timeouts in
# seconds; the deadline covers the whole fetch, redirects included.
FEEDS_ALLOW_PRIVATE_HOSTS = env_bool("FEEDS_ALLOW_PRIVATE_HOSTS", False)
FEEDS_CONNECT_TIMEOUT = float(os.environ.get("FEEDS_CONNECT_TIMEOUT", "5"))
FEEDS_READ_TIMEOUT = float(os.environ.get("FEEDS_READ_TIMEOUT", "10"))
FEEDS_DEADLINE = float(os.environ.get("FEEDS_DEADLINE", "30"))
FEEDS_MAX_BYTES = int(os.environ.get("FEEDS_MAX_BYTES", str(5 * 1024 * 1024)))
FEEDS_USER_AGENT = os.environ.get("FEEDS_USER_AGENT", f"LeefbaarheidGelderland-feeds/1.0 (+{BASE_URL})")
# Minutes between two imports of every partner feed (manage.py import_partner_feeds --schedule).
FEEDS_IMPORT_INTERVAL_MINUTES = int(os.environ.get("FEEDS_IMPORT_INTERVAL_MINUTES", "60"))
# ``import_knowledge`` publishes what it imports only when this is on (or with ``--publish``);
# otherwise the items go through review: the Kennisbank's workflow, or drafts without one.
KNOWLEDGE_IMPORT_PUBLISH = env_bool("KNOWLEDGE_IMPORT_PUBLISH", False)

WAGTAIL_SITE_NAME = "Leefbaarheid Gelderland"
# No avatars from Gravatar in the admin (a third-party request per editor): Wagtail's own picture.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's database backend, with each page stemmed in its own language on PostgreSQL (dutch,
# english; SEARCH_CONFIG for objects without a language) and FTS5 on SQLite: search/backends/.
# SEARCH_BACKEND moves the index to OpenSearch or Elasticsearch with no code change (README, Search).
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "search.backends")
if SEARCH_BACKEND == "search.backends":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": SEARCH_BACKEND, "SEARCH_CONFIG": "dutch"}}
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": SEARCH_BACKEND,
            "URLS": env_list("SEARCH_URLS", "http://localhost:9200"),
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "leefbaarheid_"),
            "TIMEOUT": 5,
            # One analyzer per index: the site's main language.
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {"analyzer": {"default": {"type": "dutch"}}},
                }
            },
        }
    }
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# A news photo fits easily (a 40 Mpx camera, 10 MB); a "pixel bomb" (a few KB of PNG that decodes
# to gigabytes) does not. Renditions are limited to the sizes the site uses (core/images.py).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Uploads are stored web-sized (at most 3000 px on the long side): core/images.py.
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.images.ImageForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": [
                "h2",
                "h3",
                "bold",
                "italic",
                "ol",
                "ul",
                "link",
                "document-link",
            ]
        },
    }
}


def logging_config(log_format):
    """Logs go to standard error, one line per record: ``json`` (production's default: one JSON
    object per line) or ``text`` (for people), each with the request id (core/request_log.py,
    docs/operations.md). The site's own access and slow-request lines are INFO and WARNING on
    ``leefbaarheid.*``; everything else from LOG_LEVEL up."""
    if log_format not in {"json", "text"}:
        raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {log_format!r}.")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "core.request_log.RequestIdFilter"}},
        "formatters": {
            "json": {"()": "core.request_log.JsonFormatter"},
            "text": {"()": "core.request_log.TextFormatter"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": log_format}
        },
        "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
        "loggers": {"leefbaarheid": {"level": "INFO"}},
    }


LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = logging_config(LOG_FORMAT)
# One INFO line per request on leefbaarheid.request (on in production); a WARNING line on
# leefbaarheid.slow for every request slower than SLOW_REQUEST_MS, always.
LOG_REQUESTS = env_bool("LOG_REQUESTS", False)
SLOW_REQUEST_MS = int(os.environ.get("SLOW_REQUEST_MS", "500"))

# --- Security (README, "Security") ---------------------------------------------------------------

# Logins: django-axes counts failed attempts per client address and per account name, on the admin
# login, the login for private pages and the page-password form (accounts/throttling.py); over the
# limit the client waits AXES_COOLOFF_MINUTES and gets a page that says until when.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = int(os.environ.get("AXES_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
# A refused try during a lockout writes nothing (axes would otherwise append every refused post to
# the attempt's row, which grows for as long as an attack lasts) and does not restart the wait.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.locked_out"
# Kept out of the failure log: what was typed (passwords always are), and the form token.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "csrfmiddlewaretoken"]
AXES_VERBOSE = False
# Password-reset mails: this many per address and per client per hour.
PASSWORD_RESET_RATE = os.environ.get("PASSWORD_RESET_RATE", "3/h")
# Second factor (TOTP with recovery codes) for every admin account; production always requires it.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = "Leefbaarheid Gelderland"
# Admin sessions end after a working day without activity (accounts/sessions.py renews them).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(9 * 60 * 60)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp 4): nothing from other sites, no inline script on public
# pages. The admin (Wagtail's own pages) needs inline styles and, in a few places, inline script;
# accounts/headers.py widens the policy for /admin/ only, as little as Wagtail allows.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The page cache (core/page_cache.py): how long an anonymous visitor's page is kept at most. A
# publish or a clock moment makes every kept page unreachable at once, so this bounds memory, not
# staleness. 0 switches the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_ALIAS = "pages"

# Public pages may be cached by browsers and proxies for this many seconds.
# Browsers revalidate every page (max-age=0, with an ETag); only a shared cache that the site
# purges on publish may keep a copy for this long (s-maxage). 0: no shared cache may keep one.
SHARED_CACHE_SECONDS = int(os.environ.get("SHARED_CACHE_SECONDS", "0"))
# Part of every page's ETag, so a deploy that changes templates is seen without a content change.
# Set it to the release (a git commit, a version) so that all workers agree; the default, the time
# this process started, is safe but costs a render instead of a 304 after a worker restart.
RELEASE = os.environ.get("RELEASE") or str(time.time())

# A shared cache in front of the site, purged when editors publish (core/purging.py,
# docs/proxy-cache.md): nginx or Varnish at FRONTEND_CACHE_PURGE_URL (PURGE requests), or a CDN.
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_PURGE_URL := os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_PURGE_URL,
    }
if os.environ.get("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
# core.purging names every URL in every language itself: Wagtail must not add /nl/ variants.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Uploaded media in an S3-compatible bucket, for several app servers (docs/deployment.md). Only
# when MEDIA_S3_BUCKET is set, and only then does the site need django-storages and boto3
# (pip install "django-storages[s3]"); the keys come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY in the environment, which boto3 reads itself.
if MEDIA_S3_BUCKET := os.environ.get("MEDIA_S3_BUCKET", ""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            # The CDN or bucket host that serves the files; images are public, so their URLs are
            # plain (no signature that expires and defeats caching).
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    # Documents go through the site's own view, which checks a collection's privacy, rather than
    # a redirect to the bucket.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
