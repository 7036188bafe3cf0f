"""Local development: debug on, mail written to files a newcomer can open."""

import os

from .base import *  # noqa: F403
from .base import STATIC_ROOT, VAR_DIR, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"  # noqa: F405
# EMAIL_BACKEND in the environment (read by base.py) wins over this default.
EMAIL_BACKEND = EMAIL_BACKEND or "django.core.mail.backends.filebased.EmailBackend"  # noqa: F405
EMAIL_FILE_PATH = VAR_DIR / "mail"
# Background work runs inside the request locally, so nobody has to start a worker to try things.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A laptop, with DEBUG on and background tasks run inside the request, needs more time per statement.
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "30"))
# Only dev settings create the demo editor account (see demo/management/commands/seed_demo.py).
SEED_DEMO_EDITOR = True
# Partner feeds may come from this machine or the local network (a feed served on loopback).
FEEDS_ALLOW_PRIVATE_HOSTS = env_bool("FEEDS_ALLOW_PRIVATE_HOSTS", True)
# The demo content and its seed_demo command: development and tests only, never production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

# A fresh checkout has no var/ yet; SQLite, the mail file backend and whitenoise need it.
for directory in (VAR_DIR / "mail", STATIC_ROOT):
    directory.mkdir(parents=True, exist_ok=True)
