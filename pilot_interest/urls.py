"""The pilot-interest form's own URL and its thank-you page; ``config/urls.py`` puts them at
``/pilots/belangstelling/`` (``/en/pilots/interest/``) inside ``i18n_patterns``."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "pilot_interest"

urlpatterns = [
    path("", views.pilot_interest, name="form"),
    path(pgettext_lazy("URL path of pilot interest", "verstuurd/"), views.thanks, name="thanks"),
]
