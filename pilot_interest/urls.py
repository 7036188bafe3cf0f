"""The pilot-interest form's own URL; ``config/urls.py`` puts it at ``/pilots/belangstelling/``
(``/en/pilots/interest/``) inside ``i18n_patterns``."""

from django.urls import path

from . import views

app_name = "pilot_interest"

urlpatterns = [path("", views.pilot_interest, name="form")]
