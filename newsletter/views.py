"""The subscriber's pages: subscribe, confirm, preferences, unsubscribe (and RFC 8058 one-click).

Every link in a mail opens a page with a button; only the POST changes anything, because mail
scanners and link previews follow links (GET) on their own. A forged, expired or stale token gets
a page that says so (400 for a link that no longer fits its subscriber, 404 when the link is not
ours or the subscriber is gone), never an error. Every public form counts against the site-wide
rate limit (``core.ratelimit``), except unsubscribing: that must always work.
"""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.ratelimit import RATE_LIMIT_MESSAGE, RATE_LIMIT_STATUS, form_rate_limited
from core.visibility import privacy_url

from . import subscriptions, tokens
from .forms import PreferencesForm, SubscribeForm
from .links import personal_urls
from .models import Subscriber

TEMPLATES = "newsletter/subscription/"


def _render(request, template, context=None, status=200):
    response = render(request, TEMPLATES + template, context or {}, status=status)
    # Personal (a token in the URL) or the answer to a form: never kept by a cache.
    add_never_cache_headers(response)
    return response


def _on_site(subscriber):
    """The subscriber's links as paths, for pages: they work on whatever host served the page."""
    return personal_urls(subscriber, "")


def _bad_link(request, status=404):
    return _render(request, "bad_link.html", {"status": status}, status=status)


def _subscriber_for(token, purpose):
    """``(subscriber, None)`` or ``(None, status)`` for a token from a URL."""
    subscriber = tokens.read_token(token, purpose)
    if subscriber is None:
        return None, 404
    return subscriber, None


def _form_page(request, form, *, message=None, status=200):
    return _render(
        request,
        "subscribe.html",
        {"form": form, "privacy_url": privacy_url(), "form_message": message},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        return _form_page(request, SubscribeForm())
    form = SubscribeForm(request.POST)
    if form_rate_limited(request):
        # Bound but not validated: the fields show what was typed, the only error is the limit.
        return _form_page(request, form, message=RATE_LIMIT_MESSAGE, status=RATE_LIMIT_STATUS)
    if form.is_bot():
        return redirect("newsletter:subscribe_sent")
    if not form.is_valid():
        return _form_page(request, form, status=400)
    data = form.cleaned_data
    try:
        subscriptions.subscribe(
            email=data["email"],
            language=data["language"],
            name=data["name"],
            municipality=data["municipality"],
            organisation=data["organisation"],
            themes=data["themes"],
        )
    except subscriptions.MailNotSent:
        message = _("We konden de e-mail nu niet versturen. Probeer het later nog eens.")
        return _form_page(request, form, message=message, status=503)
    # The same answer for every address: the visitor can't tell what the site knew about it.
    return redirect("newsletter:subscribe_sent")


@require_http_methods(["GET"])
def subscribe_sent(request):
    return _render(request, "subscribe_sent.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber, status = _subscriber_for(token, tokens.CONFIRM)
    if subscriber is None:
        return _bad_link(request, status)
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return _render(request, "confirmed.html", {"urls": _on_site(subscriber), "already": True})
    if subscriber.status != Subscriber.Status.PENDING:
        # An old link from before the subscriber unsubscribed: it may not bring them back.
        return _bad_link(request, 400)
    if request.method == "POST":
        if form_rate_limited(request):
            return _render(
                request, "confirm.html", {"form_message": RATE_LIMIT_MESSAGE}, status=RATE_LIMIT_STATUS
            )
        subscriptions.confirm(subscriber)
        return _render(request, "confirmed.html", {"urls": _on_site(subscriber), "already": False})
    return _render(request, "confirm.html")


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber, status = _subscriber_for(token, tokens.MANAGE)
    if subscriber is None:
        return _bad_link(request, status)
    context = {"subscriber": subscriber, "urls": _on_site(subscriber), "saved": False}
    if subscriber.status in subscriptions.ENDED:
        return _render(request, "preferences.html", context)
    if request.method == "GET":
        return _render(request, "preferences.html", {**context, "form": PreferencesForm(instance=subscriber)})
    form = PreferencesForm(request.POST, instance=subscriber)
    if form_rate_limited(request):
        context.update(form=form, form_message=RATE_LIMIT_MESSAGE)
        return _render(request, "preferences.html", context, status=RATE_LIMIT_STATUS)
    if not form.is_valid():
        return _render(request, "preferences.html", {**context, "form": form}, status=400)
    data = form.cleaned_data
    subscriptions.apply_preferences(
        subscriber,
        language=data["language"],
        name=data["name"],
        municipality=data["municipality"],
        organisation=data["organisation"],
        themes=data["themes"],
    )
    form = PreferencesForm(instance=subscriber)
    return _render(request, "preferences.html", {**context, "form": form, "saved": True})


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
        own_page = _on_site(subscriber)["unsubscribe"]
        if request.method == "GET" and own_page != request.path:
            return redirect(own_page)
    with translation.override(language):
        if request.method == "POST":
            subscriptions.unsubscribe(subscriber)
            return _render(request, "unsubscribed.html")
        already = subscriber.status == Subscriber.Status.UNSUBSCRIBED
        return _render(request, "unsubscribe.html", {"already": already})
