"""The pilot-interest form: which municipality, who to contact, where, and what the challenge is.

A bot that fills the honeypot (``core.forms.HoneypotMixin``) is answered as if all went well, and
nothing is stored or sent. Names and places are kept on one line (they go into mail headers and
subjects); the phone number is checked loosely, the way people write Dutch and international
numbers.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import TOO_LONG, AccessibleErrorsMixin, HoneypotMixin, email_field, name_field
from knowledge.fields import MunicipalityField

CHALLENGE_MIN = 40
CHALLENGE_MAX = 2000

PHONE_CHARACTERS = re.compile(r"\+?[0-9(][0-9 ()./-]*")


class TelInput(forms.TextInput):
    input_type = "tel"


def one_line(value):
    """Whitespace (line breaks included) collapsed to single spaces."""
    return " ".join(value.split())


def is_phone_number(value):
    """True for what people write as a phone number: ``026 123 45 67``, ``+31 6 1234 5678``,
    ``(0314) 12 34 56``, ``0800-1234``, a municipality's ``14 026``.

    Loose on purpose: only digits, spaces, ``( ) . / -`` and one leading ``+``, with 8 to 15
    digits (E.164 allows 15), or a 14-number (14 and an area code without its 0).
    """
    if not PHONE_CHARACTERS.fullmatch(value):
        return False
    digits = re.sub(r"\D", "", value)
    return 8 <= len(digits) <= 15 or bool(re.fullmatch(r"14\d{3,4}", digits))


class PilotInterestForm(AccessibleErrorsMixin, HoneypotMixin, forms.Form):
    municipality = MunicipalityField(
        label=_("Voor welke gemeente is de pilot?"),
        empty_label=_("Kies een gemeente"),
        error_messages={
            "required": _("Kies een gemeente uit de lijst."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    contact_name = name_field()
    email = email_field(_("Uw e-mailadres op het werk"))
    phone = forms.CharField(
        label=_("Uw telefoonnummer (mag leeg blijven)"),
        max_length=30,
        required=False,
        error_messages={"max_length": TOO_LONG},
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )
    place = forms.CharField(
        label=_("In welke wijk of welk dorp?"),
        max_length=120,
        error_messages={"required": _("Vul de wijk of het dorp in."), "max_length": TOO_LONG},
    )
    challenge = forms.CharField(
        label=_("Wat is de uitdaging? Beschrijf die in een paar zinnen."),
        min_length=CHALLENGE_MIN,
        max_length=CHALLENGE_MAX,
        error_messages={
            "required": _("Beschrijf de uitdaging in een paar zinnen."),
            "min_length": _(
                "Beschrijf de uitdaging in een paar zinnen: gebruik minstens %(limit_value)d tekens."
            ),
            "max_length": TOO_LONG,
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consent = forms.BooleanField(
        label=_("Ik ga akkoord met de privacyverklaring."),
        error_messages={"required": _("Zet een vinkje als u akkoord gaat met de privacyverklaring.")},
    )

    def __init__(self, *args, **kwargs):
        # Ids of their own: the form shares the pilots index with the listing's filter form.
        kwargs.setdefault("auto_id", "pilot-interest-%s")
        super().__init__(*args, **kwargs)

    def clean_contact_name(self):
        return one_line(self.cleaned_data["contact_name"])

    def clean_place(self):
        return one_line(self.cleaned_data["place"])

    def clean_phone(self):
        phone = one_line(self.cleaned_data["phone"])
        if phone and not is_phone_number(phone):
            raise forms.ValidationError(
                _(
                    "Vul een geldig telefoonnummer in, bijvoorbeeld 026 359 99 99 of +31 6 12345678. "
                    "U mag dit veld ook leeg laten."
                ),
                code="invalid",
            )
        return phone

    def clean_challenge(self):
        return self.cleaned_data["challenge"].strip()
