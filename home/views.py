"""Site-wide views that are not pages: sitemap, robots.txt, error pages, and the accessibility
statement (``/healthz`` is ``config/health.py``)."""

import datetime

from csp.decorators import csp_update
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from core.http import add_cache_headers

from . import accessibility
from .shell import site_shell
from .sitemaps import AllLanguagesSitemap


@require_GET
def sitemap(request):
    # Revalidated like the pages it lists, so an unpublished page leaves it at once.
    return add_cache_headers(request, wagtail_sitemap(request, sitemaps={"pages": AllLanguagesSitemap}))


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /zoeken/",
        "Disallow: /en/search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def accessibility_statement(request):
    """The toegankelijkheidsverklaring: the figures of the last measured test run (``home.accessibility``),
    the contact details of the footer the settings choose, in the reader's language.

    A view rather than a page: its figures come from the code's own test run, not from an editor,
    so they change with a deploy, not with a publish."""
    results = accessibility.load()
    measured = results and results.get("measured")
    context = {
        "results": results,
        "measured": datetime.date.fromisoformat(measured) if measured else None,
        "rows": accessibility.rows(results),
        "problems": accessibility.problems(results),
        "fully_compliant": accessibility.fully_compliant(results),
        "contact": site_shell(request)["contact"],
        "host": request.get_host(),
    }
    return add_cache_headers(request, render(request, "home/accessibility_statement.html", context))


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# The error page carries its styles inline: the static files may be what broke.
@csp_update({"style-src": ["'unsafe-inline'"]})
def server_error(request):
    # No context processors or database: whatever broke may be one of them.
    template = loader.get_template("500.html")
    return HttpResponse(
        template.render(
            {
                "LANGUAGE_CODE": request.LANGUAGE_CODE
                if hasattr(request, "LANGUAGE_CODE")
                else settings.LANGUAGE_CODE
            }
        ),
        status=500,
    )
