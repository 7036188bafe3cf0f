"""Public URLs of the kwartaalupdate: subscribe, confirm, preferences, unsubscribe.

Inside ``i18n_patterns``, so each exists in Dutch and under ``/en/``. The one-click unsubscribe
(RFC 8058) is outside the language prefix, in ``config/urls.py``: mail clients POST to it without
cookies or a CSRF token. Its path is the Dutch unsubscribe page's path and both go to the same
view, so a person who opens it in a browser sees the page with the button.
"""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "newsletter"

urlpatterns = [
    path(pgettext_lazy("URL path", "aanmelden/"), views.subscribe, name="subscribe"),
    path(pgettext_lazy("URL path", "aanmelden/verstuurd/"), views.subscribe_sent, name="subscribe_sent"),
    path(pgettext_lazy("URL path", "nieuwe-link/"), views.fresh_link, name="fresh_link"),
    path(pgettext_lazy("URL path", "nieuwe-link/verstuurd/"), views.fresh_link_sent, name="fresh_link_sent"),
    path(pgettext_lazy("URL path", "bevestigen/<str:token>/"), views.confirm, name="confirm"),
    path(pgettext_lazy("URL path", "voorkeuren/<str:token>/"), views.preferences, name="preferences"),
    path(pgettext_lazy("URL path", "afmelden/<str:token>/"), views.unsubscribe, name="unsubscribe"),
]
