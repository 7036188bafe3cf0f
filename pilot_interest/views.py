"""The pilot-interest form: on the pilots index (``wagtail_hooks.pilot_interest_context``) and on
its own page, which is also where it answers.

A ``core.public_forms.PublicFormView``: a POST that needs correcting shows the form on its own
page with the error summary (400), a flood the form again (429, ``FORM_RATE_LIMIT``); a bot that
fills the honeypot, a double submit and a real submission all go on to the same thank-you page,
which names nobody (its URL carries nothing personal) and sends nothing again when reloaded.
"""

from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core.public_forms import PublicFormView, render_page
from core.public_forms import form_context as public_form_context
from core.visibility import active_locale_id, visible
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
        **public_form_context(PilotInterestForm() if form is None else form, message),
        "template": TEMPLATES + "includes/invitation.html",
    }


class PilotInterestView(PublicFormView):
    form_class = PilotInterestForm
    template_name = TEMPLATES + "form.html"

    def get_context_data(self, form, message=None):
        return {"pilot_index": pilot_index(), "pilot_interest": form_context(form, message)}

    def get_success_url(self):
        return reverse("pilot_interest:thanks")

    def act(self, form):
        # A second copy of the same submission finds the first (see ``submissions``): one row.
        submit(language=self.request.LANGUAGE_CODE, **{name: form.cleaned_data[name] for name in FIELDS})


pilot_interest = PilotInterestView.as_view()


@require_http_methods(["GET", "HEAD"])
def thanks(request):
    return render_page(request, TEMPLATES + "thanks.html", {"pilot_index": pilot_index()})
