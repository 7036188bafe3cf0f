"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

The demo content (``manage.py seed_demo``) is loaded once for this whole package. pytest-django
gives every ``live_server`` test a *transactional* database that it empties after the test, which
would mean running ``seed_demo`` again before each of them. These tests only read, so this
conftest replaces ``transactional_db`` for this package: the content stays committed from the
first browser test to the last, and afterwards the database is put back as it was found
(serialised before seeding, restored after), so the tests that run next never see demo content.

Every browser context records the requests its pages make; a request to any host other than the
live server fails the test that made it: the site must load nothing from third parties.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; Django would refuse its ORM calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Debian's Chromium at {CHROMIUM}. "
            "Install it with: apt-get update && apt-get install -y chromium",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker, live_server):
    """The demo content, committed, on a Site whose address is the live server's."""
    # seed_demo takes the default Site's host and port from BASE_URL; uploaded images are served
    # the way the development server serves them (see urls.py beside this file).
    site_settings = override_settings(BASE_URL=live_server.url, ROOT_URLCONF="tests.browser.urls")
    with django_db_blocker.unblock():
        found = connection.creation.serialize_db_to_string()
    try:
        with django_db_blocker.unblock(), site_settings:
            call_command("seed_demo", verbosity=0)
        with site_settings:
            yield live_server
    finally:
        # Also after a failed seed: its finished sections are committed.
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(found)


@pytest.fixture
def transactional_db(demo_site, django_db_blocker):
    """Database access for the test and the live server, without emptying the database afterwards."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def requested_urls(live_server):
    """Every URL the test's pages requested; checked for other hosts when the test ends."""
    urls = []
    yield urls
    server = urlsplit(live_server.url).netloc
    elsewhere = [url for url in urls if urlsplit(url).scheme in ("http", "https", "ws", "wss")]
    elsewhere = [url for url in elsewhere if urlsplit(url).netloc != server]
    assert not elsewhere, f"The pages requested resources from hosts other than {server}: {elsewhere}"


@pytest.fixture
def new_page(browser, live_server, requested_urls):
    """Open a page in a fresh browser context, e.g. ``new_page(java_script_enabled=False)``."""
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(base_url=live_server.url, locale="nl-NL", **context_options)
        context.on("request", lambda request: requested_urls.append(request.url))
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
