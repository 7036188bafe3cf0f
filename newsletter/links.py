"""Absolute links for one subscriber: confirm, preferences, unsubscribe, one-click unsubscribe.

Links go into e-mails, so they are built from ``settings.BASE_URL``, never from the request's
``Host`` header (which the client chooses: a forged host would put someone else's site in the
mail). Each link is in the subscriber's own language, whatever language the page or command that
sends the mail runs in. The one-click link (RFC 8058, for the ``List-Unsubscribe`` header) is
outside the language prefix: mail clients POST to it without cookies.
"""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from . import tokens

_TOKEN = "TOKEN"  # reversed once, then replaced: a send makes thousands of links


def _base(request_or_base_url):
    if request_or_base_url is None or isinstance(request_or_base_url, HttpRequest):
        return settings.BASE_URL.rstrip("/")
    return str(request_or_base_url).rstrip("/")


def _in_language(language, name, token):
    with translation.override(language or settings.LANGUAGE_CODE):
        return reverse(name, kwargs={"token": token})


def confirm_url(subscriber, request_or_base_url=None):
    token = tokens.make_token(subscriber, tokens.CONFIRM)
    return _base(request_or_base_url) + _in_language(subscriber.language, "newsletter:confirm", token)


class PersonalLinks:
    """The preferences, unsubscribe and one-click links of subscribers of one language."""

    def __init__(self, language, request_or_base_url=None):
        base = _base(request_or_base_url)
        self.language = language
        patterns = {
            "preferences": base + _in_language(language, "newsletter:preferences", _TOKEN),
            "unsubscribe": base + _in_language(language, "newsletter:unsubscribe", _TOKEN),
            "one_click": base + reverse("newsletter_one_click", kwargs={"token": _TOKEN}),
        }
        # Split at the last occurrence: the base URL itself might hold the placeholder's letters.
        self.parts = {key: pattern.rpartition(_TOKEN)[::2] for key, pattern in patterns.items()}

    def urls(self, subscriber):
        token = tokens.make_token(subscriber, tokens.MANAGE)
        return {key: head + token + tail for key, (head, tail) in self.parts.items()}


def personal_urls(subscriber, request_or_base_url=None):
    """``{"preferences", "unsubscribe", "one_click"}``: absolute URLs for ``subscriber``.

    ``request_or_base_url`` may be a base URL (``"https://www.example.nl"``); a request or
    ``None`` means ``settings.BASE_URL`` (see the module docstring for why not the request's host).
    """
    return PersonalLinks(subscriber.language, request_or_base_url).urls(subscriber)
