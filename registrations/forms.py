"""The registration form of a meeting: who you are, where you work, what you bring.

A bot that fills the honeypot (``core.forms.HoneypotMixin``) is answered as if all went well,
and nothing is stored or sent.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import TOO_LONG, AccessibleErrorsMixin, HoneypotMixin, email_field, name_field
from knowledge.models import Municipality

from .models import Registration


class RegistrationForm(AccessibleErrorsMixin, HoneypotMixin, forms.Form):
    name = name_field()
    email = email_field(_("Uw e-mailadres op het werk"))
    municipality = forms.ModelChoiceField(
        label=_("Voor welke gemeente werkt u?"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Ik werk voor een andere organisatie"),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    organisation = forms.CharField(
        label=_("Werkt u niet voor een gemeente? Voor welke organisatie dan?"),
        max_length=150,
        required=False,
        error_messages={"max_length": TOO_LONG},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.ChoiceField(
        label=_("Wat is uw functie?"),
        choices=[("", _("Kies uw functie")), *Registration.Role.choices],
        error_messages={"required": _("Kies uw functie."), "invalid_choice": _("Kies uw functie.")},
    )
    accessibility_needs = forms.CharField(
        label=_("Heeft u iets nodig om goed mee te kunnen doen? (mag leeg blijven)"),
        max_length=1000,
        required=False,
        error_messages={"max_length": TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    case = forms.CharField(
        label=_("Wilt u een casus inbrengen? Beschrijf hem kort. (mag leeg blijven)"),
        max_length=2000,
        required=False,
        error_messages={"max_length": TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=_("Ik ga akkoord met de privacyverklaring."),
        error_messages={"required": _("Zet een vinkje als u akkoord gaat met de privacyverklaring.")},
    )

    def clean(self):
        cleaned = super().clean()
        named = cleaned.get("municipality") or cleaned.get("organisation", "").strip()
        if not named and "municipality" not in self.errors:
            self.add_error("organisation", _("Kies uw gemeente, of vul de naam van uw organisatie in."))
        return cleaned


class RegistrationDetailsForm(RegistrationForm):
    """What a registrant may change on their own page: the same fields and checks as the form,
    without the e-mail address and the consent box.

    The address stays as it is: it is the one the registrant confirmed through the link in the
    mail (a new one would have to be confirmed again), the links in every mail they got are bound
    to it (``core.tokens``: a new address would make them stop working), and one address
    registers once per meeting. Someone who wants to come with another address cancels and
    registers again. The consent was given with the registration and is not asked twice.
    """

    email = None
    consent = None

    FIELDS = ("name", "municipality", "organisation", "role", "accessibility_needs", "case")

    @classmethod
    def initial_for(cls, registration):
        """The form filled in with what the registration holds now."""
        initial = {name: getattr(registration, name) for name in cls.FIELDS}
        initial["municipality"] = registration.municipality_id
        return initial
