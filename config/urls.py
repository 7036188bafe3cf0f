from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import pgettext_lazy
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config import health
from core import images as core_images
from home import views as home_views
from newsletter import views as newsletter_views
from search import views as search_views

# Outside the language prefix: machine-read URLs that must not move with the reader's language.
urlpatterns = [
    # Before the admin's own: its image preview renders any size on every request (core/images.py).
    path("admin/images/<int:image_id>/preview/<str:filter_spec>/", core_images.preview),
    path("admin/images/<int:image_id>/generate_url/", core_images.url_generator),
    path("admin/images/<int:image_id>/generate_url/output/", core_images.url_generator),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    # For load balancers and monitoring: 200 or 503, never cached, details for superusers only.
    path("healthz", health.view, name="healthz"),
    # RFC 8058 one-click unsubscribe: mail clients POST here without cookies (List-Unsubscribe-Post).
    path("kwartaalupdate/afmelden/<str:token>/", newsletter_views.unsubscribe, name="newsletter_one_click"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Dutch without a prefix, English under /en/.
urlpatterns += i18n_patterns(
    path(
        pgettext_lazy("URL path", "zoeken/"),
        include(
            [
                path("", search_views.search, name="search"),
                # Read by the search boxes' script only: the autocomplete's JSON.
                path(
                    pgettext_lazy("URL path", "suggesties/"),
                    search_views.suggestions,
                    name="search_suggestions",
                ),
            ]
        ),
    ),
    # The same prefix as the archive page (its slug is synchronised across languages).
    path("kwartaalupdate/", include("newsletter.urls")),
    # Its own context: the kwartaalupdate has an "aanmelden/" of its own, translated differently.
    path(pgettext_lazy("URL path of meeting registration", "aanmelden/"), include("registrations.urls")),
    # Below the pilots index's own path (its slug is synchronised across languages).
    path(
        pgettext_lazy("URL path of pilot interest", "pilots/belangstelling/"), include("pilot_interest.urls")
    ),
    path(
        pgettext_lazy("URL path", "toegankelijkheidsverklaring/"),
        home_views.accessibility_statement,
        name="accessibility_statement",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
