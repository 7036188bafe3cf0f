"""What every public form of the site shares: errors that screen readers and keyboards can reach.

A field with an error gets ``aria-describedby`` pointing at its message (Django already sets
``aria-invalid``), and ``error_links()`` gives the summary at the top of the form one link per
problem, to the field to act on. The templates are ``includes/form/*.html``. The view that takes
every such form (rate limit, honeypot, errors, thank-you page) is ``core.public_forms``.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"


# A text that is longer than its field allows, on every form.
TOO_LONG = _("Gebruik hoogstens %(limit_value)d tekens.")


def name_field():
    """A person's name, as every public form asks it."""
    return forms.CharField(
        label=_("Uw naam"),
        max_length=150,
        error_messages={"required": _("Vul uw naam in."), "max_length": TOO_LONG},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


def email_field(label):
    """An e-mail address field with the site's messages (the same on every form)."""
    return forms.EmailField(
        label=label,
        max_length=254,
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."),
            "max_length": _("Dit e-mailadres is te lang."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class HoneypotMixin(forms.Form):
    """A field people never see (``includes/form/honeypot.html``); only bots fill it in.

    ``PublicFormView`` answers a bot as if all went well and does nothing, so it learns nothing.
    """

    website = forms.CharField(required=False, label=_("Laat dit veld leeg"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def is_bot(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


class AccessibleErrorsMixin:
    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields and not isinstance(self.fields[name].widget, forms.RadioSelect):
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    def error_links(self):
        """``(anchor id, message)`` per error, for the summary at the top of the form.

        A group of radio buttons or checkboxes is linked by its first option, the field to act on.
        Problems of the whole form come first, then the fields in the order the form shows them
        (also for an error that ``clean()`` added to a field later).
        """
        links = [("", error) for error in self.non_field_errors()]
        for name in self.fields:
            errors = self.errors.get(name)
            if not errors:
                continue
            bound = self[name]
            multiple = isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
            anchor = f"{bound.auto_id}_0" if multiple else bound.auto_id
            links.append((anchor, errors[0]))
        return links
