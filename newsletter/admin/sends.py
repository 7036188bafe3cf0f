"""Admin screens for the kwartaalupdate: sends.

On a live issue an editor who may publish it gets "Versturen": a confirmation page that says how
many subscribers will get it, with a button to send now and a field to send at a chosen moment.
After that the same address shows the progress (pending, sent, failed, skipped) with pause, resume
and cancel. Everything that changes state is a POST; everyone else gets 403.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin import widgets as wagtailadmin_widgets

from ..delivery import SendClosed, cancel, counts, pause, recipients, resume, start_send
from ..models import IssueSend, NewsletterIssuePage
from ..tasks import enqueue_send


class SendAtForm(forms.Form):
    send_after = forms.DateTimeField(
        label=gettext_lazy("Versturen op"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean_send_after(self):
        value = self.cleaned_data["send_after"]
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(_("Kies een moment in de toekomst, of verstuur nu."))
        return value


def _issue_for(request, page_id):
    """The live issue, if the user may publish it; 403 otherwise (sending is publishing)."""
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if not issue.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return issue


def _send_of(issue):
    return IssueSend.objects.filter(issue=issue).first()


def send_view(request, page_id):
    """GET: the confirmation (how many recipients) or, once started, the progress."""
    issue = _issue_for(request, page_id)
    send = _send_of(issue)
    context = {"issue": issue, "send": send}
    if send is None:
        context.update(
            recipient_count=recipients(issue).count(),
            form=SendAtForm(),
            live=issue.live,
        )
        return TemplateResponse(request, "newsletter/admin/send_confirm.html", context)
    context["counts"] = counts(send)
    return TemplateResponse(request, "newsletter/admin/send_progress.html", context)


@require_POST
def start_view(request, page_id):
    issue = _issue_for(request, page_id)
    if not issue.live:
        messages.error(request, _("Publiceer het nummer voordat u het verstuurt."))
        return redirect("newsletter_send", issue.pk)
    form = SendAtForm(request.POST)
    at_moment = "at" in request.POST
    if not form.is_valid() or (at_moment and form.cleaned_data["send_after"] is None):
        if at_moment and form.is_valid():
            form.add_error("send_after", _("Kies een moment."))
        return TemplateResponse(
            request,
            "newsletter/admin/send_confirm.html",
            {
                "issue": issue,
                "send": None,
                "recipient_count": recipients(issue).count(),
                "form": form,
                "live": True,
            },
            status=400,
        )
    send_after = form.cleaned_data["send_after"] if at_moment else None
    try:
        send = start_send(issue, send_after=send_after)
    except SendClosed:
        messages.error(request, _("Dit nummer is al verstuurd of de verzending is geannuleerd."))
        return redirect("newsletter_send", issue.pk)
    if enqueue_send(send):
        messages.success(
            request, _("De verzending is gestart.") if send_after is None else _("De verzending is gepland.")
        )
    else:
        messages.warning(
            request,
            _(
                "Gepland, maar deze omgeving kan taken niet uitstellen: start de verzending op dat moment "
                "met manage.py send_issue."
            ),
        )
    return redirect("newsletter_send", issue.pk)


def _change(request, page_id, action):
    issue = _issue_for(request, page_id)
    send = get_object_or_404(IssueSend, issue=issue)
    if action == "pause":
        done = pause(send)
        text = _("De verzending is gepauzeerd.")
    elif action == "resume":
        done = resume(send)
        if done:
            send.refresh_from_db()
            enqueue_send(send)
        text = _("De verzending gaat verder.")
    else:
        done = cancel(send)
        text = _("De verzending is geannuleerd.")
    if done:
        messages.success(request, text)
    else:
        messages.error(request, _("Dat kan niet in de huidige toestand van de verzending."))
    return redirect("newsletter_send", issue.pk)


@require_POST
def pause_view(request, page_id):
    return _change(request, page_id, "pause")


@require_POST
def resume_view(request, page_id):
    return _change(request, page_id, "resume")


@require_POST
def cancel_view(request, page_id):
    return _change(request, page_id, "cancel")


@hooks.register("register_admin_urls")
def register_send_urls():
    return [
        path("kwartaalupdate/<int:page_id>/versturen/", send_view, name="newsletter_send"),
        path("kwartaalupdate/<int:page_id>/versturen/start/", start_view, name="newsletter_send_start"),
        path("kwartaalupdate/<int:page_id>/versturen/pauzeren/", pause_view, name="newsletter_send_pause"),
        path("kwartaalupdate/<int:page_id>/versturen/hervatten/", resume_view, name="newsletter_send_resume"),
        path("kwartaalupdate/<int:page_id>/versturen/annuleren/", cancel_view, name="newsletter_send_cancel"),
    ]


@hooks.register("register_page_header_buttons")
def send_button(page, user, view_name=None, next_url=None):
    if not isinstance(page.specific_deferred, NewsletterIssuePage) or not page.live:
        return
    if not page.permissions_for_user(user).can_publish():
        return
    yield wagtailadmin_widgets.Button(
        _("Versturen"), reverse("newsletter_send", args=[page.pk]), icon_name="mail", priority=70
    )
