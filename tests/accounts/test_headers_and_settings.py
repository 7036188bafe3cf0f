"""Headers every answer carries, and production settings that refuse to run unsafely."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import RequestFactory, TestCase
from django.urls import reverse

from core.headers import SiteCSPMiddleware
from home.views import server_error
from tests.factories.home import site_settings

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k8Zq-3vT_pL0w9xR2mN7bY4cH6jD1sF5gA8eU0iO3tW9yQ2zX7vB4nM6"


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


class HeaderTests(TestCase):
    def test_public_pages_run_only_the_sites_own_scripts(self):
        site_settings()
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        policy = directives(response["Content-Security-Policy"])
        self.assertEqual(policy["script-src"], ["'self'"])
        self.assertEqual(policy["style-src"], ["'self'"])
        self.assertEqual(policy["default-src"], ["'self'"])
        self.assertEqual(policy["object-src"], ["'none'"])
        self.assertEqual(policy["frame-ancestors"], ["'none'"])
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertIn("camera=()", response["Permissions-Policy"])
        self.assertIn("geolocation=()", response["Permissions-Policy"])

    def test_the_admin_allows_inline_script_for_wagtail_and_nothing_from_elsewhere(self):
        response = self.client.get(reverse("wagtailadmin_login"))
        policy = directives(response["Content-Security-Policy"])
        self.assertEqual(sorted(policy["script-src"]), ["'self'", "'unsafe-inline'"])
        self.assertEqual(policy["frame-ancestors"], ["'self'"], "the live preview frames the site")
        self.assertNotIn("*", " ".join(sum(policy.values(), [])))
        self.assertNotIn("https:", " ".join(sum(policy.values(), [])))

    def test_the_error_page_keeps_its_own_styles_and_still_runs_no_inline_script(self):
        request = RequestFactory().get("/kapot/")
        response = SiteCSPMiddleware(server_error)(request)
        self.assertEqual(response.status_code, 500)
        policy = directives(response["Content-Security-Policy"])
        self.assertIn("'unsafe-inline'", policy["style-src"])
        self.assertEqual(policy["script-src"], ["'self'"])


def run_production(code, **env):
    # Only what a production process would have: nothing the test run itself set.
    environment = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


SETUP = "import django; django.setup(); print('started')"


def test_production_starts_with_a_good_key_and_host():
    result = run_production(SETUP, SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="leefbaarheid.gelderland.nl")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_production_refuses_weak_keys():
    for key in (
        "",
        "   ",
        "x",
        "dev-only-not-secret",
        "x" * 60,
        "django-insecure-" + "a1b2c3d4e5" * 5,
        f" {GOOD_KEY}",
    ):
        result = run_production(SETUP, SECRET_KEY=key, ALLOWED_HOSTS="leefbaarheid.gelderland.nl")
        assert result.returncode != 0, repr(key)
        assert "SECRET_KEY" in result.stderr, result.stderr


def test_production_refuses_any_host():
    result = run_production(SETUP, SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="*")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS=*" in result.stderr


def test_check_deploy_reports_nothing():
    result = run_production(
        "import django, sys; from django.core.management import call_command; django.setup();"
        " call_command('check', '--deploy', '--fail-level', 'WARNING')",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="leefbaarheid.gelderland.nl",
    )
    assert result.returncode == 0, result.stdout + result.stderr


PRINT_CONNECTION = (
    "import django, json; django.setup(); from django.conf import settings;"
    " db = settings.DATABASES['default']; print(json.dumps([db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS']]))"
)


def test_production_keeps_its_database_connection_and_checks_it():
    # A connect per request cost a knowledge item a tenth of its render (docs/deployment.md).
    result = run_production(PRINT_CONNECTION, SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="leefbaarheid.gelderland.nl")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[60,", "true]"]
    result = run_production(
        PRINT_CONNECTION, SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="leefbaarheid.gelderland.nl", CONN_MAX_AGE="0"
    )
    assert result.stdout.split() == ["[0,", "true]"]
