"""The pilot-interest form: on the pilots index (``wagtail_hooks.pilot_interest_context``) and on
its own page, which is also where it answers.

A POST that needs correcting shows the form on its own page with the error summary (400), a
flood the form again (429, ``FORM_RATE_LIMIT``); a bot that fills the honeypot, a double submit
and a real submission all get the same thank-you page. Every answer here is personal (a form with
a CSRF token, or a thank-you): never cached.
"""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from core.ratelimit import RATE_LIMIT_MESSAGE, RATE_LIMIT_STATUS, form_rate_limited
from core.visibility import active_locale_id, privacy_url, visible
from knowledge.models import PilotIndexPage

from .forms import PilotInterestForm
from .submissions import submit

TEMPLATES = "pilot_interest/"
FIELDS = ("municipality", "contact_name", "email", "phone", "place", "challenge")


def pilot_index():
    """The pilots index in the reader's language (or None), for the links back to it."""
    return visible(PilotIndexPage.objects.filter(locale_id=active_locale_id())).first()


def form_context(form=None, message=None):
    """What ``pilot_interest/includes/form.html`` needs, on the index and on the form's own page.

    ``template`` is what the pilots index includes: the invitation, with the form in it.
    """
    return {
        "template": TEMPLATES + "includes/invitation.html",
        "form": form or PilotInterestForm(),
        "form_message": message,
        "privacy_url": privacy_url(),
    }


def _render(request, template, context, status=200):
    response = render(request, TEMPLATES + template, {"pilot_index": pilot_index(), **context}, status=status)
    add_never_cache_headers(response)
    return response


def _form_page(request, form=None, message=None, status=200):
    return _render(request, "form.html", {"pilot_interest": form_context(form, message)}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def pilot_interest(request):
    if request.method != "POST":
        return _form_page(request)
    form = PilotInterestForm(request.POST)
    if form_rate_limited(request):
        return _form_page(request, form, RATE_LIMIT_MESSAGE, status=RATE_LIMIT_STATUS)
    if form.is_bot():
        return _render(request, "thanks.html", {"email": form.data.get("email", "").strip()})
    if not form.is_valid():
        return _form_page(request, form, status=400)
    interest, _created = submit(
        language=request.LANGUAGE_CODE, **{name: form.cleaned_data[name] for name in FIELDS}
    )
    return _render(request, "thanks.html", {"email": interest.email})
