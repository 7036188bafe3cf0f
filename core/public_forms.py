"""One way to take a public form: the view behind every form a visitor sends without logging in.

GET shows the form. A POST takes the same steps on every form, in this order:

1. **Rate limit** (``core.ratelimit``, one budget for the whole site). Over it, the form comes
   back with what was typed, ``RATE_LIMIT_MESSAGE`` and status 429. It comes first, so that a
   flood costs no validation and no database work.
2. **Honeypot** (``core.forms.HoneypotMixin``). A bot gets the thank-you page as if all went
   well, and nothing happens: it learns nothing from the answer.
3. **Validation**. The form comes back with everything typed, the error summary at the top
   (``AccessibleErrorsMixin.error_links``, ``includes/form/error_summary.html``) and status 400.
4. **The action**, ``act(form)``: what the form is for (store, mail). It may refuse by raising
   ``Refused`` (a full meeting, 409; too many registrations from one connection, 429): the form
   comes back with that message and status, and what was typed.
5. **POST/redirect/GET**: 303 See Other to the thank-you page, a GET page of its own. Reloading
   it sends nothing again and mails nobody; the back button goes back to the form rather than
   asking to send it again. 303 rather than 302: it says "now GET that page" in so many words.

Every answer is never cached (``add_never_cache_headers``): a form carries a CSRF token, and an
answer to a POST belongs to the one visitor who sent it.

A subclass says which form (``form_class``), which page shows it (``template_name``), where the
thank-you page is (``get_success_url``) and what the form does (``act``); ``get_context_data``
adds what its templates need besides the form. Nothing else is written per form.

The thank-you page needs nothing personal: nothing travels to it, no address in its URL and no
session for an anonymous visitor. It says in general what happens next ("check your mail").

Pages behind a link in a mail whose only control is a button (confirm a subscription, confirm a
registration) act on the POST and answer in place: they take their rate limit from
``rate_limited_page``, and every page of a public form is rendered by ``render_page``.
"""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views import View

from .ratelimit import RATE_LIMIT_MESSAGE, RATE_LIMIT_STATUS, form_rate_limited
from .visibility import privacy_url


def render_page(request, template, context=None, status=200):
    """A page of a public form or behind a personal link: rendered, and never kept by a cache."""
    response = render(request, template, context or {}, status=status)
    add_never_cache_headers(response)
    return response


def see_other(url):
    """303 See Other: the browser GETs ``url``; a reload there does not send the form again."""
    response = HttpResponseRedirect(url, status=303)
    add_never_cache_headers(response)
    return response


def form_context(form, message=None):
    """What every form's templates read: the form, a problem of the whole form (shown in the
    error summary), and the privacy statement that the consent box links to."""
    return {"form": form, "form_message": message, "privacy_url": privacy_url()}


def rate_limited_page(request, template, context):
    """For a page whose only control is a button: the same page with ``RATE_LIMIT_MESSAGE`` and
    status 429 when this POST is over the site-wide limit, else None (go on)."""
    if not form_rate_limited(request):
        return None
    context = {**context, "form_message": RATE_LIMIT_MESSAGE}
    return render_page(request, template, context, status=RATE_LIMIT_STATUS)


class Refused(Exception):
    """Raised by ``PublicFormView.act`` when it cannot do what the form asks.

    The form comes back with what was typed, ``message`` at the top and ``status``.
    """

    def __init__(self, message, status):
        super().__init__(message)
        self.message = message
        self.status = status


class PublicFormView(View):
    """The view of a public form; see the module docstring for the steps of a POST.

    ``form_class`` must include ``core.forms.HoneypotMixin`` (every public form has the field
    only bots fill in) and should include ``AccessibleErrorsMixin`` (the error summary's links).
    """

    form_class = None
    template_name = None
    http_method_names = ["get", "head", "post"]

    def get_form(self, data=None):
        return self.form_class(data)

    def get_context_data(self, form, message=None):
        """The context of ``template_name``; a subclass adds to it (or nests it, for an include)."""
        return form_context(form, message)

    def form_page(self, form, message=None, status=200):
        return render_page(self.request, self.template_name, self.get_context_data(form, message), status)

    def get_success_url(self):
        """The thank-you page: a GET page with nothing personal in its URL."""
        raise NotImplementedError

    def act(self, form):
        """Do what the valid form asks; raise ``Refused`` to show the form again instead."""
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return self.form_page(self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form_rate_limited(request):
            # Bound but not validated: the fields show what was typed, the one problem is the limit.
            return self.form_page(form, RATE_LIMIT_MESSAGE, status=RATE_LIMIT_STATUS)
        if form.is_bot():
            return see_other(self.get_success_url())
        if not form.is_valid():
            return self.form_page(form, status=400)
        try:
            self.act(form)
        except Refused as refusal:
            return self.form_page(form, refusal.message, status=refusal.status)
        return see_other(self.get_success_url())
