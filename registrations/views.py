"""Registering for a meeting, confirming it through the link in the e-mail, and cancelling.

The form is on the meeting page itself (see ``wagtail_hooks.registration_context``) and posts to
``register``, which also shows the form on its own when something needs correcting. A sent form
stores a registration without a place and answers "check your mail" (the same answer whether or
not the address was known, and whether or not a mail went out: see ``places.register``). The
links in mails follow the site's rule: the GET shows a page with a button, only the POST changes
anything, because mail scanners and link previews open links by themselves. A forged or stale
link gets a page that says so, never an error.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from core.http import add_cache_headers
from core.ratelimit import RATE_LIMIT_MESSAGE, RATE_LIMIT_STATUS, client_address, form_rate_limited
from core.visibility import privacy_url, visible
from knowledge.models import MeetingPage

from . import places, tokens
from .forms import RegistrationForm
from .ics import public_ics
from .models import Registration, confirm_hours

TEMPLATES = "registrations/"
ICS = "text/calendar; charset=utf-8"
LIMIT_STATUS = 429
CLIENT_LIMIT_MESSAGE = _(
    "Vanaf uw internetverbinding zijn al veel aanmeldingen voor deze bijeenkomst verstuurd. "
    "Daarom kunt u zich hier nu niet aanmelden. Wilt u met meer collega's komen? "
    "Neem dan contact op met Team Leefbaarheid."
)
DOMAIN_LIMIT_MESSAGE = _(
    "Voor deze bijeenkomst wachten al veel aanmeldingen met een e-mailadres van %(domain)s op "
    "bevestiging. Bevestig eerst die aanmeldingen via de link in de e-mail, of probeer het later "
    "opnieuw."
)


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


def _check_your_mail(request, meeting):
    """The answer to every accepted form: new, known or pending address, mailed now or not."""
    context = {"meeting": meeting, "outcome": places.Outcome.PENDING, "confirm_hours": confirm_hours()}
    return _render(request, "registered.html", context)


def _limit_message(outcome, email):
    if outcome == places.Outcome.CLIENT_LIMIT:
        return CLIENT_LIMIT_MESSAGE
    return DOMAIN_LIMIT_MESSAGE % {"domain": email.rpartition("@")[2]}


@require_http_methods(["GET", "POST"])
def register(request, meeting_id):
    meeting = get_object_or_404(visible(MeetingPage.objects.all()), pk=meeting_id)
    if request.method == "GET":
        return _form_page(request, meeting)
    form = RegistrationForm(request.POST)
    if form_rate_limited(request):
        return _form_page(request, meeting, form, RATE_LIMIT_MESSAGE, status=RATE_LIMIT_STATUS)
    if form.is_bot():
        return _check_your_mail(request, meeting)
    if not form.is_valid():
        return _form_page(request, meeting, form, status=400)
    details = {key: form.cleaned_data[key] for key in form.fields if key not in ("consent", "website")}
    outcome, _registration = places.register(
        meeting, language=request.LANGUAGE_CODE, client=client_address(request), **details
    )
    if outcome in places.LIMITS:
        # Bound and valid: the fields keep what was typed; the limit is the one problem shown.
        message = _limit_message(outcome, details["email"])
        return _form_page(request, meeting, form, message, status=LIMIT_STATUS)
    if outcome in (places.Outcome.CLOSED, places.Outcome.FULL):
        return _render(request, "refused.html", {"meeting": meeting, "outcome": outcome}, status=409)
    return _check_your_mail(request, meeting)


def _bad_link(request, purpose):
    return _render(request, "bad_link.html", {"purpose": purpose}, status=404)


def _outcome_page(request, registration, outcome):
    """The page for what a confirmation link found or did (``places.Outcome``)."""
    # The meeting in the visitor's language; its places live on the one in the main language.
    context = {"meeting": registration.meeting.localized, "registration": registration, "outcome": outcome}
    if outcome in (places.Outcome.EXPIRED, places.Outcome.CANCELLED):
        context["confirm_hours"] = confirm_hours()
        return _render(request, "confirm_expired.html", context, status=410)
    if outcome in (places.Outcome.CLOSED, places.Outcome.FULL):
        return _render(request, "refused.html", context, status=409)
    return _render(request, "registered.html", context)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link in the first mail: a page with a button (GET), the confirmation itself (POST)."""
    registration = tokens.read_token(token, tokens.CONFIRM)
    if registration is None:
        return _bad_link(request, "confirm")
    # What stands in the way shows on the GET too, and only the POST (under the lock) decides.
    if (outcome := places.cannot_confirm(registration)) is not None:
        return _outcome_page(request, registration, outcome)
    context = {
        "registration": registration,
        "meeting": registration.meeting.localized,
        "places_left": places.places_left(registration.meeting),
    }
    if request.method == "GET":
        return _render(request, "confirm.html", context)
    if form_rate_limited(request):
        context["form_message"] = RATE_LIMIT_MESSAGE
        return _render(request, "confirm.html", context, status=RATE_LIMIT_STATUS)
    outcome, confirmed = places.confirm(registration)
    return _outcome_page(request, confirmed or registration, outcome)


@require_http_methods(["GET", "HEAD"])
def meeting_calendar(request, meeting_id):
    """The meeting for anyone's calendar: without the online link, which only registrants get."""
    meeting = get_object_or_404(visible(MeetingPage.objects.all()), pk=meeting_id)
    response = HttpResponse(public_ics(meeting, request.build_absolute_uri(meeting.url)), content_type=ICS)
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}.ics"'
    return add_cache_headers(request, response)


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    registration = tokens.read_token(token, tokens.CANCEL)
    if registration is None:
        return _bad_link(request, "cancel")
    context = {"registration": registration, "meeting": registration.meeting.localized}
    if registration.meeting.is_past:
        # Afterwards there is no place to give back, and attendance and the report count on it:
        # the GET and the POST both say so, and nothing changes or is mailed.
        return _render(request, "cancel_too_late.html", context, status=410)
    if registration.status == Registration.Status.CANCELLED:
        return _render(request, "cancelled.html", {**context, "already": True})
    if request.method == "POST":
        places.cancel(registration)
        return _render(request, "cancelled.html", {**context, "already": False})
    return _render(request, "cancel.html", context)
