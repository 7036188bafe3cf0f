"""The site's URLs plus uploaded media, which the live server does not serve by itself.

``config.urls`` serves media only with ``DEBUG`` on, as the development server does; the browser
tests run with it off, and the demo's generated images must still show.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from config.urls import handler404, handler500
from config.urls import urlpatterns as site_urlpatterns

media_prefix = settings.MEDIA_URL.lstrip("/")
urlpatterns = [
    re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]

__all__ = ["handler404", "handler500", "urlpatterns"]
