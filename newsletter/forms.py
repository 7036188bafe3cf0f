"""The public forms of the kwartaalupdate: subscribe, and change one's preferences.

Themes are the live Dutch theme pages (what a subscriber row points at), shown with their title in
the reader's language when a live translation exists. A honeypot field (``website``) is hidden
from people and screen readers; a bot that fills it is answered as if all went well and nothing
is done, so it learns nothing.
"""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.visibility import visible
from knowledge.models import Municipality, ThemePage

from .models import Subscriber

HONEYPOT_FIELD = "website"


def theme_queryset():
    return visible(ThemePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)).order_by("path")


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of the Dutch theme pages, labelled in the active language."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=theme_queryset(), required=False, **kwargs)
        self._titles = None

    def _translated_titles(self):
        if self._titles is None:
            language = translation.get_language()
            self._titles = {}
            if language != settings.LANGUAGE_CODE:
                self._titles = dict(
                    visible(ThemePage.objects.filter(locale__language_code=language)).values_list(
                        "translation_key", "title"
                    )
                )
        return self._titles

    def label_from_instance(self, obj):
        return self._translated_titles().get(obj.translation_key, obj.title)


class _SubscriberFieldsMixin:
    """Labels and sizes shared by both forms, so the two ask the same way, and accessible errors."""

    def full_clean(self):
        super().full_clean()
        # Django marks a field with errors aria-invalid; also point it at its message.
        for name in self.errors:
            if name in self.fields and not isinstance(self.fields[name].widget, forms.RadioSelect):
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    def error_links(self):
        """``(anchor id, message)`` per error, for the summary at the top of the form.

        A group of radio buttons or checkboxes is linked by its first option, the field to act on.
        """
        links = []
        for name, errors in self.errors.items():
            if name not in self.fields:
                links.extend(("", error) for error in errors)
                continue
            bound = self[name]
            multiple = isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
            anchor = f"{bound.auto_id}_0" if multiple else bound.auto_id
            links.append((anchor, errors[0]))
        return links

    def _setup_shared_fields(self):
        self.fields["language"] = forms.ChoiceField(
            label=_("In welke taal wilt u de kwartaalupdate lezen?"),
            choices=settings.LANGUAGES,
            widget=forms.RadioSelect,
            initial=translation.get_language() or settings.LANGUAGE_CODE,
            error_messages={
                "required": _("Kies een taal."),
                "invalid_choice": _("Kies Nederlands of Engels."),
            },
        )
        self.fields["name"] = forms.CharField(
            label=_("Uw naam (mag leeg blijven)"), max_length=150, required=False
        )
        self.fields["municipality"] = forms.ModelChoiceField(
            label=_("Voor welke gemeente werkt u? (mag leeg blijven)"),
            queryset=Municipality.objects.order_by("name"),
            required=False,
            empty_label=_("Ik werk niet voor een gemeente in Gelderland"),
            error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
        )
        self.fields["organisation"] = forms.CharField(
            label=_("Voor welke organisatie werkt u? (mag leeg blijven)"), max_length=150, required=False
        )
        self.fields["themes"] = ThemeChoiceField(
            label=_("Over welke thema's wilt u vooral lezen? (mag leeg blijven)"),
            error_messages={
                "invalid_choice": _("Kies alleen thema's uit de lijst."),
                "invalid_pk_value": _("Kies alleen thema's uit de lijst."),
            },
        )
        for name in ("name", "organisation"):
            self.fields[name].error_messages["max_length"] = _("Gebruik hoogstens 150 tekens.")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"


class SubscribeForm(_SubscriberFieldsMixin, forms.Form):
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."),
            "max_length": _("Dit e-mailadres is te lang."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_("Ik wil de kwartaalupdate ontvangen en ga akkoord met de privacyverklaring."),
        error_messages={"required": _("Zet een vinkje als u de kwartaalupdate wilt ontvangen.")},
    )
    website = forms.CharField(required=False, label=_("Laat dit veld leeg"))

    field_order = ["email", "language", "name", "municipality", "organisation", "themes", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_shared_fields()
        self.order_fields(self.field_order)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def is_bot(self):
        """True when the hidden field was filled in: only software does that."""
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


class PreferencesForm(_SubscriberFieldsMixin, forms.ModelForm):
    class Meta:
        model = Subscriber
        fields = ["language", "name", "municipality", "organisation", "themes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_shared_fields()
        self.fields["language"].initial = None
        self.fields["language"].label = _("In welke taal leest u de kwartaalupdate?")
        self.fields["themes"].label = _("Over welke thema's wilt u vooral lezen?")
        self.fields["name"].label = _("Uw naam")
        self.fields["municipality"].label = _("Voor welke gemeente werkt u?")
        self.fields["organisation"].label = _("Voor welke organisatie werkt u?")
