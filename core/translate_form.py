"""wagtail-localize's *Translate* form, with the one language left to translate into ticked.

Its form (``SubmitTranslationForm``) starts with no language ticked, so on this two-language site
an editor has to tick "Engels" each time, and is told the field is required when they forget.
When exactly one language is left, this form ticks it. wagtail-localize's view looks the form up
in its module on every request, so putting this one there (``install``, from ``CoreConfig.ready``)
covers every way in: the page and snippet buttons, the explorer, the page header. A ``?select_locale=``
in the address (wagtail-localize's own way to choose one) still wins.
"""

from wagtail_localize.views import submit_translations

_ORIGINAL = submit_translations.SubmitTranslationForm


class SubmitTranslationForm(_ORIGINAL):
    def __init__(self, instance, *args, **kwargs):
        super().__init__(instance, *args, **kwargs)
        if self.is_bound or self.initial.get("locales"):
            return
        # The queryset was evaluated by the form above (``len()``): no further query.
        remaining = list(self.fields["locales"].queryset)
        if len(remaining) == 1:
            self.initial["locales"] = remaining


def install():
    submit_translations.SubmitTranslationForm = SubmitTranslationForm
