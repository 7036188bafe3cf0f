"""The registration form of a meeting: who you are, where you work, what you bring; and the
admin's form for a registration an editor adds or corrects by hand.

A bot that fills the honeypot (``core.forms.HoneypotMixin``) is answered as if all went well,
and nothing is stored or sent.
"""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.forms import TOO_LONG, AccessibleErrorsMixin, HoneypotMixin, email_field, name_field
from knowledge.fields import MunicipalityField
from knowledge.models import MeetingPage, Municipality

from .models import Registration


class RegistrationForm(AccessibleErrorsMixin, HoneypotMixin, forms.Form):
    name = name_field()
    email = email_field(_("Uw e-mailadres op het werk"))
    municipality = MunicipalityField(
        label=_("Voor welke gemeente werkt u?"),
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


class EditorRegistrationForm(forms.ModelForm):
    """An editor adds someone by hand (who phoned or mailed): no status to choose.

    Where the person lands (a place, the waitlist, or nowhere when the meeting is full without
    one) is decided as for the public form, by ``places.add_by_editor`` under the meeting's lock;
    this form only checks what it can beforehand, so the editor reads why at the field. Only
    meetings that are still to come and not cancelled can be chosen, in the main language (a
    translation shares its places).
    """

    language = forms.ChoiceField(
        label=_("Taal van de e-mails"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )

    class Meta:
        model = Registration
        fields = [
            "meeting",
            "name",
            "email",
            "municipality",
            "organisation",
            "role",
            "language",
            "accessibility_needs",
            "case",
        ]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "meeting" in self.fields:
            self.fields["meeting"].queryset = MeetingPage.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE, cancelled=False, end__gte=timezone.now()
            ).order_by("start")
            self.fields["meeting"].label_from_instance = meeting_label
            self.fields["meeting"].help_text = _(
                "Is de bijeenkomst vol, dan komt de persoon op de wachtlijst. Hij of zij krijgt "
                "dezelfde e-mail als na aanmelden via de website."
            )
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")

    def clean(self):
        cleaned = super().clean()
        named = cleaned.get("municipality") or cleaned.get("organisation", "").strip()
        if not named and "municipality" not in self.errors:
            self.add_error("organisation", _("Kies een gemeente, of vul de naam van de organisatie in."))
        meeting = cleaned.get("meeting") or getattr(self.instance, "meeting", None)
        email = cleaned.get("email")
        if meeting is not None and email:
            others = Registration.objects.filter(meeting=meeting, email=email.strip().lower())
            if self.instance.pk is None and (earlier := others.exclude(status__in=HAS_A_TURN).first()):
                # Adding an address whose registration was cancelled (or never confirmed):
                # ``places.add_by_editor`` takes that row up again. The form checks against it
                # rather than a new row, so the one-row-per-address constraint holds.
                self.instance = earlier
            elif others.exclude(pk=self.instance.pk).exists():
                self.add_error("email", ALREADY_MESSAGE)
        return cleaned


class EditorRegistrationUpdateForm(EditorRegistrationForm):
    """Correcting a registration: its details and attendance, not its meeting or status (cancel
    and "give a place" do that, with their mails). A new address gets the mail of where it stands
    (``places.address_changed``)."""

    class Meta(EditorRegistrationForm.Meta):
        fields = [
            "name",
            "email",
            "municipality",
            "organisation",
            "role",
            "language",
            "accessibility_needs",
            "case",
            "attended",
        ]


ALREADY_MESSAGE = _("Voor deze bijeenkomst is er al een aanmelding met dit e-mailadres.")
HAS_A_TURN = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)


def meeting_label(meeting):
    """A meeting in the editor's list: its title and when, so two with one title can be told apart."""
    return f"{meeting.title} ({date_format(timezone.localtime(meeting.start), 'j F Y, H:i')})"
