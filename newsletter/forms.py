"""The public forms of the kwartaalupdate: subscribe, and change one's preferences.

Themes are the live Dutch theme pages (what a subscriber row points at), shown with their title in
the reader's language when a live translation exists. Both have the site's honeypot
(``core.forms.HoneypotMixin``), as every form ``core.public_forms.PublicFormView`` takes.
"""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.forms import AccessibleErrorsMixin, HoneypotMixin, email_field
from core.visibility import visible
from knowledge.models import Municipality, ThemePage

from .models import Subscriber


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


class _SubscriberFieldsMixin(AccessibleErrorsMixin):
    """Labels and sizes shared by both forms, so the two ask the same way, and accessible errors."""

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


class SubscribeForm(_SubscriberFieldsMixin, HoneypotMixin, forms.Form):
    email = email_field(_("Uw e-mailadres"))
    consent = forms.BooleanField(
        label=_("Ik wil de kwartaalupdate ontvangen en ga akkoord met de privacyverklaring."),
        error_messages={"required": _("Zet een vinkje als u de kwartaalupdate wilt ontvangen.")},
    )

    field_order = ["email", "language", "name", "municipality", "organisation", "themes", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_shared_fields()
        self.order_fields(self.field_order)


class FreshLinkForm(AccessibleErrorsMixin, HoneypotMixin, forms.Form):
    """An address that asks for a link that works: the preferences, or a new confirmation."""

    email = email_field(_("Uw e-mailadres"))


class PreferencesForm(_SubscriberFieldsMixin, HoneypotMixin, forms.ModelForm):
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
