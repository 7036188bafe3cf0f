"""Registering for a meeting, and cancelling through the link in the e-mail.

The form is on the meeting page itself (see ``wagtail_hooks.registration_context``) and posts to
``register``, which also shows the form on its own when something needs correcting. Cancelling
follows the site's rule for links in e-mails: the GET shows a page with a button, only the POST
changes anything. A forged or stale link gets a page that says so, never an error.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from core.http import add_cache_headers
from core.ratelimit import RATE_LIMIT_MESSAGE, RATE_LIMIT_STATUS, form_rate_limited
from core.visibility import privacy_url, visible
from knowledge.models import MeetingPage

from . import places, tokens
from .forms import RegistrationForm
from .ics import public_ics

TEMPLATES = "registrations/"
ICS = "text/calendar; charset=utf-8"


def _render(request, template, context, status=200):
    response = render(request, TEMPLATES + template, context, status=status)
    add_never_cache_headers(response)  # a form's answer, or a personal link: never cached
    return response


def form_context(meeting, form=None, message=None):
    """What the form template needs, on the meeting page and on its own page."""
    return {
        "meeting": meeting,
        "form": form or RegistrationForm(),
        "form_message": message,
        "privacy_url": privacy_url(),
        "places_left": places.places_left(meeting),
    }


def _form_page(request, meeting, form=None, message=None, status=200):
    context = {"meeting": meeting, "registration": form_context(meeting, form, message)}
    return _render(request, "register.html", context, status=status)


@require_http_methods(["GET", "POST"])
def register(request, meeting_id):
    meeting = get_object_or_404(visible(MeetingPage.objects.all()), pk=meeting_id)
    if request.method == "GET":
        return _form_page(request, meeting)
    form = RegistrationForm(request.POST)
    if form_rate_limited(request):
        return _form_page(request, meeting, form, RATE_LIMIT_MESSAGE, status=RATE_LIMIT_STATUS)
    if form.is_bot():
        return _render(request, "registered.html", {"meeting": meeting, "outcome": "confirmed"})
    if not form.is_valid():
        return _form_page(request, meeting, form, status=400)
    details = {key: form.cleaned_data[key] for key in form.fields if key not in ("consent", "website")}
    outcome, registration = places.register(meeting, language=request.LANGUAGE_CODE, **details)
    if outcome in (places.Outcome.CLOSED, places.Outcome.FULL):
        return _render(request, "refused.html", {"meeting": meeting, "outcome": outcome}, status=409)
    context = {"meeting": meeting, "outcome": outcome, "registration": registration}
    return _render(request, "registered.html", context)


@require_http_methods(["GET", "HEAD"])
def meeting_calendar(request, meeting_id):
    """The meeting for anyone's calendar: without the online link, which only registrants get."""
    meeting = get_object_or_404(visible(MeetingPage.objects.all()), pk=meeting_id)
    response = HttpResponse(public_ics(meeting, request.build_absolute_uri(meeting.url)), content_type=ICS)
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}.ics"'
    return add_cache_headers(request, response)


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    registration = tokens.read_token(token)
    if registration is None:
        return _render(request, "bad_link.html", {}, status=404)
    context = {"registration": registration, "meeting": registration.meeting}
    if registration.status == registration.Status.CANCELLED:
        return _render(request, "cancelled.html", {**context, "already": True})
    if request.method == "POST":
        places.cancel(registration)
        return _render(request, "cancelled.html", {**context, "already": False})
    if registration.meeting.is_past:
        raise Http404
    return _render(request, "cancel.html", context)
