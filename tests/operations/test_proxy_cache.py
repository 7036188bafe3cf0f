"""The site behind nginx's page cache, purged by Wagtail when an editor publishes.

nginx runs as a subprocess on loopback ports, with ``config/nginx/test-template.conf`` filled in:
the same snippets (page cache, purge server, cookie map, proxy headers) that production's
``config/nginx/leefbaarheid.conf`` includes, in front of pytest-django's live server. Pages may be
kept for 300 s (``SHARED_CACHE_SECONDS``), so only a purge can make nginx show a change at once.
Publishing goes through Wagtail's own API (``revision.publish()``); ``core.purging`` sends the
``PURGE`` requests through Wagtail's ``HTTPBackend``, in a task that runs at once here.
"""

import getpass
import http.client
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Site

from tests.factories.knowledge import KnowledgeItemPageFactory, NewsPageFactory, build_site

NGINX_DIR = Path(django_settings.BASE_DIR) / "config" / "nginx"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped with exit code {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nginx did not listen on port {port} within {timeout} s")


def check_nginx_installed():
    if shutil.which("nginx") is None or not PURGE_MODULE.exists():
        pytest.fail(
            "The proxy cache tests need nginx and its cache purge module: "
            "apt-get install nginx-light libnginx-mod-http-cache-purge",
            pytrace=False,
        )


class Nginx:
    """nginx in front of ``upstream`` (host:port), from the test template, in ``directory``."""

    def __init__(self, directory, upstream):
        check_nginx_installed()
        self.directory = directory
        self.port = free_port()
        self.purge_port = free_port()
        config = (NGINX_DIR / "test-template.conf").read_text()
        for name, value in {
            "@TMPDIR@": str(directory),
            "@CONFDIR@": str(NGINX_DIR),
            "@UPSTREAM@": upstream,
            "@PORT@": str(self.port),
            "@PURGE_PORT@": str(self.purge_port),
            "@USER@": getpass.getuser(),
        }.items():
            config = config.replace(name, value)
        self.config = directory / "nginx.conf"
        self.config.write_text(config)
        self.error_log = directory / "error.log"
        self.process = subprocess.Popen(
            [
                "nginx",
                "-p",
                str(directory),
                "-c",
                str(self.config),
                "-g",
                f"daemon off; pid {directory / 'nginx.pid'}; error_log {self.error_log};",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        wait_for_port(self.port, self.process)
        wait_for_port(self.purge_port, self.process)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def get(self, path, cookie=None, method="GET"):
        """``(status, headers, body)`` of a request through nginx; redirects are not followed."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if cookie:
            headers["Cookie"] = cookie
        try:
            connection.request(method, path, headers=headers)
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            connection.close()

    def cache_status(self, path, **kwargs):
        return self.get(path, **kwargs)[1].get("X-Cache-Status")


@pytest.fixture
def nginx(live_server, tmp_path, settings):
    """nginx on a free loopback port in front of the live server, and a site whose pages say so."""
    upstream = live_server.url.removeprefix("http://").replace("localhost", "127.0.0.1")
    proxy = Nginx(tmp_path, upstream)
    settings.SHARED_CACHE_SECONDS = 300
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{proxy.purge_port}",
        }
    }
    yield proxy
    proxy.stop()


def site_behind(nginx):
    """The Dutch site tree, at nginx's address: the URLs Wagtail purges are the ones nginx keeps.

    Called in the test, not a fixture: ``tests/conftest.py`` keeps the database as the first
    transactional test's fixtures leave it, to put it back after each such test.
    """
    default_site = Site.objects.get(is_default_site=True)
    default_site.hostname = "127.0.0.1"
    default_site.port = nginx.port
    default_site.save()
    return build_site(theme_slugs=("eenzaamheid",))


def path(page):
    page.refresh_from_db()
    return page.url


def test_a_page_is_kept_until_a_publish_purges_it_and_everything_that_lists_it(nginx):
    site = site_behind(nginx)
    theme = site.themes["eenzaamheid"]
    item = KnowledgeItemPageFactory(parent=site.knowledge_index, title="Buurtkamer", themes=[theme])
    news = NewsPageFactory(parent=site.news_index, title="Dorpshuis open", themes=[theme])
    item_pages = [path(item), path(site.knowledge_index), path(theme)]
    news_pages = [path(news), path(site.news_index), path(site.news_index) + "rss/", path(site.home)]

    for url in item_pages + news_pages:
        status, headers, _body = nginx.get(url)
        assert status == 200, url
        assert "s-maxage=300" in headers["Cache-Control"], url
        assert nginx.cache_status(url) == "HIT", url
    assert "Buurtkamer" in nginx.get(path(theme))[2]
    assert "Dorpshuis open" in nginx.get(path(site.home))[2]

    item.title = "Buurtkamer in de bibliotheek"
    item.save_revision().publish()

    for url in item_pages:
        status, headers, body = nginx.get(url)
        assert headers["X-Cache-Status"] == "MISS", f"{url} was not purged"
        assert "Buurtkamer in de bibliotheek" in body, url
    # Not shown there, so not purged: the news pages stay in the cache.
    assert nginx.cache_status(path(news)) == "HIT"

    news.title = "Dorpshuis weer open"
    news.save_revision().publish()

    for url in news_pages + [path(theme)]:
        status, headers, body = nginx.get(url)
        assert headers["X-Cache-Status"] == "MISS", f"{url} was not purged"
        assert "Dorpshuis weer open" in body, url

    item_url = path(item)
    item.unpublish()

    status, headers, _body = nginx.get(item_url)
    assert status == 404
    assert "Buurtkamer" not in nginx.get(path(site.knowledge_index))[2]


def test_a_request_with_a_session_neither_reads_nor_fills_the_cache(nginx):
    site = site_behind(nginx)
    editor = get_user_model().objects.create_superuser("redacteur", "redacteur@example.org", "geheim-1234")
    client = Client()
    client.force_login(editor)
    cookie_name = django_settings.SESSION_COOKIE_NAME
    session = f"{cookie_name}={client.cookies[cookie_name].value}"
    item = KnowledgeItemPageFactory(parent=site.knowledge_index)
    url = path(item)

    nginx.get(url)
    assert nginx.cache_status(url) == "HIT"

    status, headers, _body = nginx.get(url, cookie=f"csrftoken=abc; {session}")
    assert status == 200
    assert headers["X-Cache-Status"] == "BYPASS"
    assert "private" in headers["Cache-Control"]  # Django answered the editor itself
    # The editor's answer was not stored: visitors still get the shared copy.
    assert nginx.cache_status(url) == "HIT"
    # Another cookie is no reason to bypass, nor to keep a copy per cookie header (Vary is ignored).
    assert nginx.cache_status(url, cookie="csrftoken=abc") == "HIT"


def test_the_admin_the_health_check_and_posts_are_never_kept(nginx):
    site_behind(nginx)
    for url in ("/admin/login/", "/healthz"):
        nginx.get(url)
        status, headers, _body = nginx.get(url)
        assert status in (200, 503), url  # the health check says 503 when something is down
        assert headers.get("X-Cache-Status") is None, url  # proxied without the cache at all
    search = "/zoeken/?q=buurt"
    nginx.get(search, method="POST")
    assert nginx.cache_status(search, method="POST") != "HIT"


def test_an_expired_copy_is_revalidated_with_its_etag(nginx, settings):
    site = site_behind(nginx)
    settings.SHARED_CACHE_SECONDS = 1
    item = KnowledgeItemPageFactory(parent=site.knowledge_index)
    url = path(item)
    assert nginx.cache_status(url) == "MISS"

    # Once the 1 s copy has expired nginx asks Django with If-None-Match, and Django says 304. On a
    # busy machine the copy may still be fresh after a second: ask again until it is not (without
    # a bound on speed), then it must have been revalidated, not fetched whole.
    deadline = time.monotonic() + 60
    while True:
        time.sleep(1.1)
        status, headers, body = nginx.get(url)
        if headers["X-Cache-Status"] != "HIT" or time.monotonic() > deadline:
            break
    assert status == 200
    assert headers["X-Cache-Status"] == "REVALIDATED"
    assert item.title in body


def test_only_purge_requests_from_loopback_purge(nginx):
    site = site_behind(nginx)
    item = KnowledgeItemPageFactory(parent=site.knowledge_index)
    url = path(item)
    nginx.get(url)

    connection = http.client.HTTPConnection("127.0.0.1", nginx.purge_port, timeout=10)
    connection.request("GET", url, headers={"Host": f"127.0.0.1:{nginx.port}"})
    assert connection.getresponse().status == 405  # the purge server purges with PURGE only
    connection.close()
    assert nginx.cache_status(url) == "HIT"

    connection = http.client.HTTPConnection("127.0.0.1", nginx.purge_port, timeout=10)
    connection.request("PURGE", url, headers={"Host": f"127.0.0.1:{nginx.port}"})
    assert connection.getresponse().status == 200
    connection.close()
    assert nginx.cache_status(url) == "MISS"


def test_the_production_configuration_passes_nginx_t(tmp_path):
    """``config/nginx/leefbaarheid.conf`` as deployed, with its paths moved below a temp dir."""
    check_nginx_installed()
    snippets = tmp_path / "leefbaarheid"
    shutil.copytree(NGINX_DIR, snippets)
    site_config = (NGINX_DIR / "leefbaarheid.conf").read_text()
    for deployed, here in {
        "/etc/nginx/leefbaarheid": str(snippets),
        "/var/lib/nginx": str(tmp_path),
        "/var/log/nginx": str(tmp_path),
        "listen 80;": f"listen 127.0.0.1:{free_port()};",
        "listen [::]:80;": "",
        "listen 127.0.0.1:8081;": f"listen 127.0.0.1:{free_port()};",
    }.items():
        site_config = site_config.replace(deployed, here)
    (snippets / "leefbaarheid.conf").write_text(site_config)
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"load_module {PURGE_MODULE};\n"
        "events {}\n"
        f"http {{ access_log off; proxy_temp_path {tmp_path}/proxy; "
        f"include {snippets}/leefbaarheid.conf; }}\n"
    )
    result = subprocess.run(
        [
            "nginx",
            "-t",
            "-p",
            str(tmp_path),
            "-c",
            str(main),
            "-g",
            f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
