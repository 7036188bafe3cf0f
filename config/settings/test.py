"""Settings for the test suite: fast hashing, in-process tasks, mail kept in memory."""

import os

from .base import *  # noqa: F403
from .base import STATIC_ROOT

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# EMAIL_BACKEND in the environment (read by base.py) wins over this default.
EMAIL_BACKEND = EMAIL_BACKEND or "django.core.mail.backends.locmem.EmailBackend"  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Background tasks run inside the request here, on a machine that may be running other suites.
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "30"))
SEED_DEMO_EDITOR = False
# The tests serve feeds on loopback; the SSRF tests switch this off again (tests/partners/test_fetching.py).
FEEDS_ALLOW_PRIVATE_HOSTS = True
# The demo content and its seed_demo command: development and tests only, never production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

# Whitenoise warns on every request when the collected-static folder is missing.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Logins without a request (the test client's login()) pass uncounted; views still go through axes.
AUTHENTICATION_BACKENDS = [
    "tests.backends.AxesBackendForTests",
    "django.contrib.auth.backends.ModelBackend",
]
