"""Registering for a meeting, confirming it through the link in the e-mail, and cancelling.

The form is on the meeting page itself (see ``wagtail_hooks.registration_context``) and posts to
``register``, a ``core.public_forms.PublicFormView``, which also shows the form on its own page
when something needs correcting. A sent form stores a registration without a place and goes on
to ``registered``, the meeting's "check your mail" page (the same whether or not the address was
known, and whether or not a mail went out: see ``places.register``); a reload of it sends nothing
again. The links in mails follow the site's rule: the GET shows a page with a button, only the
POST changes anything, because mail scanners and link previews open links by themselves. A
forged or stale link gets a page that says so, never an error.

Once confirmed, a registrant's mails link to their own page (``manage``): the meeting, what they
entered, their status (a place, their turn on the waitlist, cancelled, or the meeting is over),
a form to change their details (a ``PublicFormView`` like the registration form) and the button
that cancels, which posts to ``cancel``: one way to cancel, whichever link someone has.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from core.forms import HONEYPOT_FIELD
from core.http import add_cache_headers
from core.public_forms import PublicFormView, Refused, rate_limited_page, render_page
from core.public_forms import form_context as public_form_context
from core.ratelimit import client_address
from core.visibility import visible
from knowledge.models import MeetingPage

from . import messages, places, tokens
from .forms import RegistrationDetailsForm, RegistrationForm
from .ics import public_ics
from .models import Registration, confirm_hours

TEMPLATES = "registrations/"
ICS = "text/calendar; charset=utf-8"
LIMIT_STATUS = 429
REFUSED_STATUS = 409
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
# The same words as refused.html, which answers a confirmation that comes too late.
FULL_MESSAGE = _("De bijeenkomst is vol en er is geen wachtlijst. U bent niet aangemeld.")
CLOSED_MESSAGE = _("Aanmelden voor deze bijeenkomst kan nu niet. U bent niet aangemeld.")
NOT_STORED = ("consent", HONEYPOT_FIELD)
# Registrations that hold or wait for a place: the ones their registrant can still change or cancel.
HAS_A_TURN = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)
GONE_STATUS = 410  # the meeting is over: nothing to change or give back


def _visible_meeting(meeting_id):
    return get_object_or_404(visible(MeetingPage.objects.all()), pk=meeting_id)


def form_context(meeting, form=None, message=None):
    """What ``registrations/includes/form.html`` needs, on the meeting page and on its own page."""
    return {
        **public_form_context(RegistrationForm() if form is None else form, message),
        "meeting": meeting,
        "places_left": places.places_left(meeting),
    }


def _refusal(outcome, email):
    """Why ``places.register`` stored nothing, as ``Refused`` (the form comes back with it)."""
    if outcome == places.Outcome.CLIENT_LIMIT:
        return Refused(CLIENT_LIMIT_MESSAGE, LIMIT_STATUS)
    if outcome == places.Outcome.DOMAIN_LIMIT:
        return Refused(DOMAIN_LIMIT_MESSAGE % {"domain": email.rpartition("@")[2]}, LIMIT_STATUS)
    if outcome == places.Outcome.FULL:
        return Refused(FULL_MESSAGE, REFUSED_STATUS)
    return Refused(CLOSED_MESSAGE, REFUSED_STATUS)


class RegisterView(PublicFormView):
    form_class = RegistrationForm
    template_name = TEMPLATES + "register.html"

    def dispatch(self, request, meeting_id):
        self.meeting = _visible_meeting(meeting_id)
        return super().dispatch(request, meeting_id)

    def get_context_data(self, form, message=None):
        return {"meeting": self.meeting, "registration": form_context(self.meeting, form, message)}

    def get_success_url(self):
        return reverse("registrations:registered", args=[self.meeting.pk])

    def act(self, form):
        # Everything the person typed, for the registration; not the consent box or the honeypot.
        details = {name: value for name, value in form.cleaned_data.items() if name not in NOT_STORED}
        outcome, _registration = places.register(
            self.meeting, language=self.request.LANGUAGE_CODE, client=client_address(self.request), **details
        )
        if outcome not in (places.Outcome.PENDING, places.Outcome.ALREADY):
            raise _refusal(outcome, details["email"])


register = RegisterView.as_view()


@require_http_methods(["GET", "HEAD"])
def registered(request, meeting_id):
    """The answer to every accepted form: new, known or pending address, mailed now or not."""
    context = {
        "meeting": _visible_meeting(meeting_id),
        "outcome": places.Outcome.PENDING,
        "confirm_hours": confirm_hours(),
    }
    return render_page(request, TEMPLATES + "registered.html", context)


def _bad_link(request, purpose):
    return render_page(request, TEMPLATES + "bad_link.html", {"purpose": purpose}, status=404)


def _manage_path(registration):
    """The registrant's own page, in the language of the page that links to it."""
    return reverse("registrations:manage", kwargs={"token": tokens.make_token(registration, tokens.MANAGE)})


def _outcome_page(request, registration, outcome):
    """The page for what a confirmation link found or did (``places.Outcome``)."""
    # The meeting in the visitor's language; its places live on the one in the main language.
    context = {"meeting": registration.meeting.localized, "registration": registration, "outcome": outcome}
    if registration.pk is not None and registration.status in HAS_A_TURN:
        context["manage_path"] = _manage_path(registration)
    if outcome in (places.Outcome.EXPIRED, places.Outcome.CANCELLED):
        context["confirm_hours"] = confirm_hours()
        return render_page(request, TEMPLATES + "confirm_expired.html", context, status=410)
    if outcome in (places.Outcome.CLOSED, places.Outcome.FULL):
        return render_page(request, TEMPLATES + "refused.html", context, status=REFUSED_STATUS)
    return render_page(request, TEMPLATES + "registered.html", context)


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
        return render_page(request, TEMPLATES + "confirm.html", context)
    if (flooded := rate_limited_page(request, TEMPLATES + "confirm.html", context)) is not None:
        return flooded
    outcome, confirmed = places.confirm(registration)
    return _outcome_page(request, confirmed or registration, outcome)


@require_http_methods(["GET", "HEAD"])
def meeting_calendar(request, meeting_id):
    """The meeting for anyone's calendar: without the online link, which only registrants get."""
    meeting = _visible_meeting(meeting_id)
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
        return render_page(request, TEMPLATES + "cancel_too_late.html", context, status=GONE_STATUS)
    if registration.status == Registration.Status.CANCELLED:
        return render_page(request, TEMPLATES + "cancelled.html", {**context, "already": True})
    if request.method == "POST":
        if (flooded := rate_limited_page(request, TEMPLATES + "cancel.html", context)) is not None:
            return flooded
        places.cancel(registration)
        return render_page(request, TEMPLATES + "cancelled.html", {**context, "already": False})
    return render_page(request, TEMPLATES + "cancel.html", context)


class ManageView(PublicFormView):
    """The registrant's own page, behind the link in their mails: see, change, cancel.

    Always in the registrant's language (the one they registered in), whatever the link's prefix
    or the browser says: the link in the mail is in that language already, and a link opened
    elsewhere still shows the meeting and the page as the registrant knows them.

    Details can be changed while the registration holds or waits for a place and the meeting
    is not over (``is_past``); otherwise the page is read-only and a POST changes
    nothing: 410 for a past meeting (as ``cancel`` answers), 409 for a cancelled or unconfirmed
    registration. After a change the browser is sent back here (303) with ``?saved=1``: the page
    says the change was saved, and a reload sends nothing again.
    """

    form_class = RegistrationDetailsForm
    template_name = TEMPLATES + "manage.html"
    SAVED = "saved"

    def dispatch(self, request, token):
        self.registration = tokens.read_token(token, tokens.MANAGE)
        if self.registration is None:
            return _bad_link(request, "manage")
        with translation.override(self.registration.language):
            return super().dispatch(request, token)

    @property
    def can_change(self):
        return self.registration.status in HAS_A_TURN and not self.registration.meeting.is_past

    def get_form(self, data=None):
        return self.form_class(data, initial=self.form_class.initial_for(self.registration))

    def get_context_data(self, form, message=None):
        registration = self.registration
        # Reversed inside ``dispatch``'s override: the cancel page opens in the registrant's language.
        cancel_path = reverse("registrations:cancel", kwargs={"token": tokens.make_token(registration)})
        return {
            **public_form_context(form, message),
            "registration": registration,
            "meeting": messages.meeting_in_language(registration),
            "is_past": registration.meeting.is_past,
            "can_change": self.can_change,
            "waitlist_position": registration.waitlist_position,
            "cancel_path": cancel_path,
            "saved": self.request.method == "GET" and self.request.GET.get(self.SAVED) == "1",
        }

    def post(self, request, *args, **kwargs):
        if not self.can_change:
            status = GONE_STATUS if self.registration.meeting.is_past else REFUSED_STATUS
            return self.form_page(self.get_form(), status=status)
        return super().post(request, *args, **kwargs)

    def act(self, form):
        changed = {name: form.cleaned_data[name] for name in self.form_class.FIELDS}
        # An UPDATE, not save(): new details change no place, so no page needs a new content version.
        Registration.objects.filter(pk=self.registration.pk).update(**changed)

    def get_success_url(self):
        return f"{self.request.path}?{self.SAVED}=1"


manage = ManageView.as_view()
