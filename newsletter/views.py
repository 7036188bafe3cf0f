"""The subscriber's pages: subscribe, confirm, preferences, unsubscribe (and RFC 8058 one-click).

The two forms, subscribe and preferences, are ``core.public_forms.PublicFormView``s: the site-wide
rate limit, the honeypot, the error summary and a redirect to a page that says it worked (a
reload of it sends nothing again). Every link in a mail opens a page with a button; only the POST
changes anything, because mail scanners and link previews follow links (GET) on their own. A
forged, expired or stale token gets a page that says so (400 for a link that no longer fits its
subscriber, 404 when the link is not ours or the subscriber is gone), never an error. Every
public form counts against the site-wide rate limit, except unsubscribing: that must always work.
"""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.public_forms import PublicFormView, form_context, rate_limited_page, render_page

from . import subscriptions, tokens
from .forms import FreshLinkForm, PreferencesForm, SubscribeForm
from .links import personal_urls
from .models import Subscriber

TEMPLATES = "newsletter/subscription/"
# In the query string of the preferences page after saving: the page then says so.
SAVED = "opgeslagen"
SUBSCRIBER_FIELDS = ("language", "name", "municipality", "organisation", "themes")


def _on_site(subscriber):
    """The subscriber's links as paths, for pages: they work on whatever host served the page."""
    return personal_urls(subscriber, "")


def _subscriber_details(form):
    """What both forms ask about the subscriber (``forms._SubscriberFieldsMixin``), as typed."""
    return {name: form.cleaned_data[name] for name in SUBSCRIBER_FIELDS}


def _bad_link(request, status=404):
    """A link that no longer works offers the form that mails one that does."""
    context = {"status": status, **form_context(FreshLinkForm())}
    return render_page(request, TEMPLATES + "bad_link.html", context, status=status)


class SubscribeView(PublicFormView):
    form_class = SubscribeForm
    template_name = TEMPLATES + "subscribe.html"

    def get_success_url(self):
        # The same page for every address: the visitor can't tell what the site knew about it.
        return reverse("newsletter:subscribe_sent")

    def act(self, form):
        subscriptions.subscribe(email=form.cleaned_data["email"], **_subscriber_details(form))


subscribe = SubscribeView.as_view()


@require_http_methods(["GET", "HEAD"])
def subscribe_sent(request):
    return render_page(request, TEMPLATES + "subscribe_sent.html")


class FreshLinkView(PublicFormView):
    """Ask for a link that works (``subscriptions.send_fresh_link``); one answer for every address."""

    form_class = FreshLinkForm
    template_name = TEMPLATES + "fresh_link.html"

    def get_success_url(self):
        return reverse("newsletter:fresh_link_sent")

    def act(self, form):
        subscriptions.send_fresh_link(form.cleaned_data["email"])


fresh_link = FreshLinkView.as_view()


@require_http_methods(["GET", "HEAD"])
def fresh_link_sent(request):
    return render_page(request, TEMPLATES + "fresh_link_sent.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = tokens.read_token(token, tokens.CONFIRM)
    if subscriber is None:
        return _bad_link(request, 404)
    confirmed = TEMPLATES + "confirmed.html"
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return render_page(request, confirmed, {"urls": _on_site(subscriber), "already": True})
    if subscriber.status != Subscriber.Status.PENDING:
        # An old link from before the subscriber unsubscribed: it may not bring them back.
        return _bad_link(request, 400)
    if request.method == "GET":
        return render_page(request, TEMPLATES + "confirm.html")
    if (flooded := rate_limited_page(request, TEMPLATES + "confirm.html", {})) is not None:
        return flooded
    subscriptions.confirm(subscriber)
    return render_page(request, confirmed, {"urls": _on_site(subscriber), "already": False})


class PreferencesView(PublicFormView):
    """The subscriber's own settings, behind the signed link in every mail.

    After saving it comes back to itself with ``?opgeslagen``, which shows "saved": the link
    already holds the token, so the thank-you page adds nothing personal to it.
    """

    form_class = PreferencesForm
    template_name = TEMPLATES + "preferences.html"

    def dispatch(self, request, token):
        self.subscriber = tokens.read_token(token, tokens.MANAGE)
        if self.subscriber is None:
            return _bad_link(request, 404)
        if self.subscriber.status in subscriptions.ENDED:
            # Nothing to change any more: the page says so and has no form, whatever was sent.
            return render_page(request, self.template_name, self.page_context())
        return super().dispatch(request, token)

    def page_context(self):
        return {"subscriber": self.subscriber, "urls": _on_site(self.subscriber)}

    def get_form(self, data=None):
        return PreferencesForm(data, instance=self.subscriber)

    def get_context_data(self, form, message=None):
        saved = SAVED in self.request.GET
        return {**super().get_context_data(form, message), **self.page_context(), "saved": saved}

    def get_success_url(self):
        return f"{self.request.path}?{SAVED}"

    def act(self, form):
        subscriptions.apply_preferences(self.subscriber, **_subscriber_details(form))


preferences = PreferencesView.as_view()


ONE_CLICK_FIELD = "List-Unsubscribe"
ONE_CLICK_VALUE = "One-Click"


def _plain(text, status=200):
    response = HttpResponse(text + "\n", content_type="text/plain; charset=utf-8", status=status)
    add_never_cache_headers(response)
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The unsubscribe page and the RFC 8058 one-click endpoint: the same URL in Dutch.

    CSRF-exempt because a mail client POSTs ``List-Unsubscribe=One-Click`` without cookies or a
    form token; the signed token in the URL is what proves the request may end this subscription.
    A one-click POST gets a short text and 200, never a redirect (RFC 8058 forbids following one);
    the button on the page gets the HTML page that says it worked.
    """
    one_click = request.method == "POST" and request.POST.get(ONE_CLICK_FIELD) == ONE_CLICK_VALUE
    subscriber = tokens.read_token(token, tokens.MANAGE)
    if subscriber is None:
        if one_click:
            return _plain(_("Deze afmeldlink werkt niet (meer). U krijgt van ons geen kwartaalupdate."), 404)
        return _bad_link(request, 404)
    if one_click:
        subscriptions.unsubscribe(subscriber)
        with translation.override(subscriber.language):
            return _plain(_("U bent afgemeld voor de kwartaalupdate."))
    language = translation.get_language()
    if request.resolver_match and request.resolver_match.url_name == "newsletter_one_click":
        # The one-click URL has no language prefix and is the Dutch page's. Someone else who opens
        # it goes to the page in their own language, whose language menu then works as anywhere.
        language = subscriber.language
        # The same token, not a fresh one: a token holds the second it was made, so a new one
        # would differ from the request's path whenever a second passed, and redirect each time.
        with translation.override(language):
            own_page = reverse("newsletter:unsubscribe", kwargs={"token": token})
        if request.method == "GET" and own_page != request.path:
            return redirect(own_page)
    with translation.override(language):
        if request.method == "POST":
            subscriptions.unsubscribe(subscriber)
            return render_page(request, TEMPLATES + "unsubscribed.html")
        already = subscriber.status == Subscriber.Status.UNSUBSCRIBED
        return render_page(request, TEMPLATES + "unsubscribe.html", {"already": already})
