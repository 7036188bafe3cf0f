"""Public URLs of meeting registration, in Dutch and under ``/en/`` (inside ``i18n_patterns``)."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "registrations"

urlpatterns = [
    path(
        pgettext_lazy("URL path of meeting registration", "bijeenkomst/<int:meeting_id>/"),
        views.register,
        name="register",
    ),
    # Where a sent form lands ("check your mail"): a page of its own, so a reload sends nothing.
    path(
        pgettext_lazy("URL path of meeting registration", "bijeenkomst/<int:meeting_id>/verstuurd/"),
        views.registered,
        name="registered",
    ),
    path(
        pgettext_lazy("URL path of meeting registration", "bevestigen/<str:token>/"),
        views.confirm,
        name="confirm",
    ),
    path(
        pgettext_lazy("URL path of meeting registration", "afmelden/<str:token>/"),
        views.cancel,
        name="cancel",
    ),
    # The registrant's own page, behind the link in every mail after the confirmation.
    path(
        pgettext_lazy("URL path of meeting registration", "mijn-aanmelding/<str:token>/"),
        views.manage,
        name="manage",
    ),
    path(
        pgettext_lazy("URL path of meeting registration", "agenda/<int:meeting_id>.ics"),
        views.meeting_calendar,
        name="calendar",
    ),
]
