"""Admin screens for the kwartaalupdate: putting an issue together and trying it out.

- On the archive page, "Kwartaalupdate samenstellen" asks for a quarter and a language and, on
  POST, makes a draft issue from that quarter's pages (``newsletter.assembly``), then opens it.
- On an issue, "Testmail versturen" sends the e-mail to addresses typed in, with "[Test]" before
  the subject, so an editor sees it in a real mail client before the real send. The links in a
  test mail are samples: a test recipient is no subscriber and gets no personal links.

Both only change anything on POST; GET shows the form. Who may not add issues to the archive, or
edit the issue, is turned away (PermissionDenied: Wagtail's admin sends them to the dashboard).
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin import widgets as wagtailadmin_widgets

from core import mail

from ..delivery import remember_test_addresses, remembered_test_addresses, send_test_mails
from ..models import NewsletterIndexPage, NewsletterIssuePage
from ..rendering import personalise, render_issue
from . import assembly  # noqa: F401  (registers the assembly screens and the menu item)

MAX_TEST_ADDRESSES = 10
TEST_PREFIX = "[Test] "


class TestSendForm(forms.Form):
    addresses = forms.CharField(
        label=gettext_lazy("E-mailadressen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Eén of meer adressen, gescheiden door komma's of op nieuwe regels. Hoogstens 10."
        ),
    )

    def clean_addresses(self):
        addresses = [part for part in re.split(r"[\s,;]+", self.cleaned_data["addresses"]) if part]
        if not addresses:
            raise ValidationError(_("Vul minstens één e-mailadres in."))
        if len(addresses) > MAX_TEST_ADDRESSES:
            raise ValidationError(_("Hoogstens %(max)d adressen per keer.") % {"max": MAX_TEST_ADDRESSES})
        wrong = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                wrong.append(address)
        if wrong:
            raise ValidationError(
                _("Dit is geen geldig e-mailadres: %(addresses)s") % {"addresses": ", ".join(wrong)}
            )
        return list(dict.fromkeys(addresses))


def assemble_view(request, page_id):
    """The archive's own "Kwartaalupdate samenstellen": the assembly screen in its language."""
    return assembly.assembly_view(request, archive_id=page_id)


def sample_links():
    """Links that look like a subscriber's, lead nowhere personal and cannot unsubscribe anyone."""
    sample = f"{settings.BASE_URL}/voorbeeld"
    return f"{sample}/voorkeuren/", f"{sample}/afmelden/"


def send_test(issue, addresses):
    """Send the issue's e-mail, one message per address; returns how many.

    As a subscriber without themes gets it: marking every themed item "Uw thema" would show the
    editor a mail nobody receives. *Bekijken als abonnee* shows a chosen subscriber's version.
    """
    rendered = render_issue(issue)
    preferences, unsubscribe = sample_links()
    html, text = personalise(rendered, preferences, unsubscribe)
    return send_test_mails(
        addresses,
        lambda address: mail.message(
            subject=TEST_PREFIX + rendered.subject,
            text=text,
            html=html,
            to=[address],
            language=rendered.language,
        ),
    )


def test_send_view(request, page_id):
    """GET: the form; POST: one test mail to the typed-in addresses, then back to the editor."""
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if not issue.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    issue = issue.get_latest_revision_as_object()  # the draft the editor is looking at
    initial = remembered_test_addresses(request.user) or request.user.email
    form = TestSendForm(request.POST or None, initial={"addresses": initial})
    if request.method == "POST" and form.is_valid():
        addresses = form.cleaned_data["addresses"]
        try:
            send_test(issue, addresses)
            remember_test_addresses(request.user, addresses)
        except OSError:
            form.add_error(None, _("De mailserver is niet bereikbaar. Probeer het later nog eens."))
        else:
            messages.success(
                request, _("Testmail verstuurd naar %(addresses)s.") % {"addresses": ", ".join(addresses)}
            )
            return redirect("wagtailadmin_pages:edit", issue.pk)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, "newsletter/admin/test_send.html", {"issue": issue, "form": form}, status=status
    )


@hooks.register("register_admin_urls")
def register_issue_urls():
    return [
        path("kwartaalupdate/archief/<int:page_id>/samenstellen/", assemble_view, name="newsletter_assemble"),
        path("kwartaalupdate/<int:page_id>/testmail/", test_send_view, name="newsletter_test_send"),
    ]


@hooks.register("register_page_header_buttons")
def issue_buttons(page, user, view_name=None, next_url=None):
    specific = page.specific_deferred
    if isinstance(specific, NewsletterIndexPage) and page.permissions_for_user(user).can_add_subpage():
        yield wagtailadmin_widgets.Button(
            _("Kwartaalupdate samenstellen"),
            reverse("newsletter_assemble", args=[page.pk]),
            icon_name="list-ul",
            priority=75,
        )
    if isinstance(specific, NewsletterIssuePage) and page.permissions_for_user(user).can_edit():
        yield wagtailadmin_widgets.Button(
            _("Testmail versturen"),
            reverse("newsletter_test_send", args=[page.pk]),
            icon_name="mail",
            priority=75,
        )
