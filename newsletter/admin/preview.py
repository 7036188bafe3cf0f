"""Preview an issue as one subscriber gets it, or as a chosen set of themes and a municipality.

The mail of a kwartaalupdate differs per reader only in its marks ("Uw thema: Eenzaamheid",
"Uw gemeente: Arnhem", ``newsletter.rendering``). Before sending, an editor wants to see that:
on "Bekijken als abonnee" they type a subscriber's e-mail address, or tick themes and pick a
municipality, and see the mail (the draft they are working on) exactly as that reader would,
beside its plain-text part.

- The form is a GET: looking changes nothing, and the address of the page can be shared with a
  colleague. A subscriber who reads the other language gets that language's issue (the
  translation of this one), or a clear message when there is none yet.
- The links to unsubscribe and to change preferences are samples, never the subscriber's own
  signed links: an editor must not be able to end someone's subscription from a preview.
- The mail is shown in an ``<iframe>`` from a second URL (``…/mail/``), so its own styles don't
  mix with the admin's; that URL may be framed by the site itself only.

Who may edit the issue may preview it: both editor roles. Others (a partner) are refused with
``PermissionDenied``, which Wagtail's admin answers with a redirect to the dashboard.
"""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from wagtail.admin import widgets as wagtailadmin_widgets

from knowledge.models import Municipality, ThemePage
from knowledge.models.organisations import SOURCE_LOCALE

from ..models import NewsletterIssuePage, Subscriber
from ..rendering import personalise, render_issue
from .issues import sample_links


class PreviewForm(forms.Form):
    """Whose mail to show: a subscriber (by address) or themes and a municipality."""

    email = forms.EmailField(
        label=gettext_lazy("E-mailadres van een abonnee"),
        required=False,
        help_text=gettext_lazy("U ziet de mail met de thema's, de gemeente en de taal van deze abonnee."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Thema's"),
        queryset=ThemePage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Gemeente"),
        queryset=Municipality.objects.all(),
        required=False,
        empty_label=gettext_lazy("Geen gemeente"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Subscribers follow the main-language theme pages (Subscriber.themes).
        self.fields["themes"].queryset = ThemePage.objects.live().filter(**SOURCE_LOCALE).order_by("path")

    def clean_email(self):
        address = self.cleaned_data["email"]
        if not address:
            return None
        subscriber = Subscriber.objects.filter(email=address.strip().lower()).first()
        if subscriber is None:
            raise forms.ValidationError(_("Er is geen abonnee met dit e-mailadres."))
        return subscriber


def _issue_for(request, page_id):
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if not issue.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return issue


def _in_language(issue, language):
    """The draft of ``issue`` in ``language``: itself, its translation, or ``None`` when there is none."""
    if issue.locale.language_code != language:
        issue = issue.get_translations().filter(locale__language_code=language).first()
        if issue is None:
            return None
    return issue.specific.get_latest_revision_as_object()


def preview_for(issue, form):
    """``{"issue", "subscriber", "themes", "municipality", "html", "text"}`` for a valid ``form``.

    Adds an error to the form and returns ``None`` when the subscriber reads a language this issue
    has no version in yet.
    """
    subscriber = form.cleaned_data["email"]
    if subscriber is not None:
        themes = list(subscriber.themes.order_by("path"))
        municipality = subscriber.municipality
        shown = _in_language(issue, subscriber.language)
        if shown is None:
            form.add_error(
                "email",
                _(
                    "Deze abonnee krijgt de kwartaalupdate in het %(language)s. Van dit nummer is "
                    "nog geen vertaling in die taal."
                )
                % {"language": subscriber.get_language_display().lower()},
            )
            return None
    else:
        themes = list(form.cleaned_data["themes"])
        municipality = form.cleaned_data["municipality"]
        shown = issue.get_latest_revision_as_object()
    rendered = render_issue(shown)
    preferences, unsubscribe = sample_links()
    html, text = personalise(
        rendered,
        preferences,
        unsubscribe,
        [str(theme.translation_key) for theme in themes],
        municipality.pk if municipality else None,
    )
    return {
        "issue": shown,
        "subscriber": subscriber,
        "themes": themes,
        "municipality": municipality,
        "html": html,
        "text": text,
    }


def preview_view(request, page_id):
    """The form, and once it is filled in, the mail as that reader gets it."""
    issue = _issue_for(request, page_id)
    form = PreviewForm(request.GET or None)
    preview = preview_for(issue, form) if form.is_bound and form.is_valid() else None
    mail_url = ""
    if preview is not None:
        mail_url = (
            reverse("newsletter_preview_subscriber_mail", args=[issue.pk])
            + "?"
            + urlencode(request.GET, doseq=True)
        )
    status = 400 if form.is_bound and preview is None else 200
    context = {"issue": issue, "form": form, "preview": preview, "mail_url": mail_url}
    return TemplateResponse(request, "newsletter/admin/preview_subscriber.html", context, status=status)


@xframe_options_sameorigin
def preview_mail_view(request, page_id):
    """The mail alone, for the ``<iframe>`` of ``preview_view``."""
    issue = _issue_for(request, page_id)
    form = PreviewForm(request.GET)
    preview = preview_for(issue, form) if form.is_valid() else None
    if preview is None:
        return HttpResponse(_("Kies eerst een abonnee of thema's."), status=400, content_type="text/plain")
    response = HttpResponse(preview["html"])
    response["Cache-Control"] = "private, no-store"
    return response


def urls():
    return [
        path("kwartaalupdate/<int:page_id>/als-abonnee/", preview_view, name="newsletter_preview_subscriber"),
        path(
            "kwartaalupdate/<int:page_id>/als-abonnee/mail/",
            preview_mail_view,
            name="newsletter_preview_subscriber_mail",
        ),
    ]


def header_buttons(page, user, view_name=None, next_url=None):
    """ "Bekijken als abonnee" on an issue, for those who may edit it."""
    if isinstance(page.specific_deferred, NewsletterIssuePage) and page.permissions_for_user(user).can_edit():
        yield wagtailadmin_widgets.Button(
            _("Bekijken als abonnee"),
            reverse("newsletter_preview_subscriber", args=[page.pk]),
            icon_name="view",
            priority=76,
        )
