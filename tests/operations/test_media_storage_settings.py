"""Media in an S3-compatible bucket is switched on by the environment alone (docs/deployment.md).

The production settings are read in a fresh process, as gunicorn reads them: with
``MEDIA_S3_BUCKET`` the default storage is django-storages' S3 backend with the bucket's options;
without it, files on disk. Reading the settings must not import django-storages (it is not a
requirement of the site: only a deployment with a bucket installs it).
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ_SETTINGS = """
import json, sys
from django.conf import settings
print(json.dumps({
    "default": settings.STORAGES["default"],
    "docs_serve_method": getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None),
    "storages_imported": "storages" in sys.modules,
}))
"""


def production_settings(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("MEDIA_S3_") and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="www.example.nl",
        **environment,
    )
    result = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_bucket_in_the_environment_moves_media_to_s3():
    read = production_settings(
        MEDIA_S3_BUCKET="leefbaarheid-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.nl",
        MEDIA_S3_REGION="nl-ams",
        MEDIA_S3_CUSTOM_DOMAIN="media.example.nl",
    )

    assert read["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = read["default"]["OPTIONS"]
    assert options["bucket_name"] == "leefbaarheid-media"
    assert options["endpoint_url"] == "https://s3.example.nl"
    assert options["region_name"] == "nl-ams"
    assert options["custom_domain"] == "media.example.nl"
    assert options["querystring_auth"] is False and options["file_overwrite"] is False
    assert read["docs_serve_method"] == "serve_view"
    assert read["storages_imported"] is False


def test_without_a_bucket_media_stay_on_disk():
    read = production_settings()

    assert read["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert read["docs_serve_method"] is None
