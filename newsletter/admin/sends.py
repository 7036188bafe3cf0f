"""Admin screens for the kwartaalupdate: sends.

On a live issue an editor who may publish it gets "Versturen":

- a confirmation page that says how many subscribers will get it, optionally only part of the
  list (by municipality and/or theme; "Ontvangers tellen" shows the number first), with a button
  to send now and a field to send at a chosen moment. The button names the number; if the number
  changed between counting and sending, the page asks again instead of sending;
- after that, the same address shows the progress: start and end, counts, and the addresses that
  failed or were skipped with the reason. While it is sending it refreshes itself (a
  ``<meta http-equiv="refresh">``, no JavaScript needed). Pause and resume are one click;
  cancelling goes through a page that says how many would not get the issue, and asks;
- afterwards "Versturen aan wie het nog niet kreeg" (after a cancel or failures) and "Versturen aan
  nieuwe abonnees" (who subscribed since). Nobody gets the issue twice: see ``newsletter.delivery``.

Everything that changes state is a POST answered with a redirect; who may not publish the issue
gets 403.
"""

from django import forms
from django.conf import settings
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

from knowledge.models import Municipality, ThemePage

from ..delivery import (
    NotReady,
    SendClosed,
    cancel,
    counts,
    newcomers,
    pause,
    recipients,
    rest_count,
    resume,
    send_to_newcomers,
    send_to_rest,
    start_send,
)
from ..models import Delivery, IssueSend, NewsletterIssuePage
from ..tasks import enqueue_send

# The progress page lists at most this many failed and skipped addresses; it says how many more.
PROBLEM_ROWS = 200
REFRESH_SECONDS = 5


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


class SegmentForm(forms.Form):
    """Part of the list: subscribers of these municipalities and/or following these themes."""

    municipalities = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Gemeenten"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Niets aangevinkt: alle gemeenten (en abonnees zonder gemeente)."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Thema's"),
        queryset=ThemePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Niets aangevinkt: iedereen, welke thema's ze ook volgen."),
    )

    def segment(self):
        """``{"municipalities": [pk], "themes": [pk]}`` of a valid form (empty lists left out)."""
        data = self.cleaned_data
        segment = {
            "municipalities": sorted(m.pk for m in data.get("municipalities") or []),
            "themes": sorted(t.pk for t in data.get("themes") or []),
        }
        return {key: ids for key, ids in segment.items() if ids}


def segment_description(segment):
    """The segment in words, for the confirmation and the progress page; ``""`` for the whole list."""
    parts = []
    if segment.get("municipalities"):
        names = Municipality.objects.filter(pk__in=segment["municipalities"]).order_by("name")
        parts.append(_("gemeenten: %(names)s") % {"names": ", ".join(m.name for m in names)})
    if segment.get("themes"):
        titles = ThemePage.objects.filter(pk__in=segment["themes"]).order_by("title")
        parts.append(_("thema's: %(names)s") % {"names": ", ".join(t.title for t in titles)})
    return "; ".join(parts)


def _issue_for(request, page_id):
    """The issue, if the user may publish it; 403 otherwise (sending is publishing)."""
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if not issue.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return issue


def _send_of(issue):
    return IssueSend.objects.filter(issue=issue).first()


def _confirmation(request, issue, segment_form, form, status=200, changed=False):
    segment = segment_form.segment() if segment_form.is_valid() else {}
    context = {
        "issue": issue,
        "send": None,
        "live": issue.live,
        # What keeps it from going out (``delivery.check_ready``): shown instead of the button.
        "problems": issue.problems(),
        "segment_form": segment_form,
        "segment": segment,
        "segment_text": segment_description(segment),
        "recipient_count": recipients(issue, segment).count(),
        "form": form,
        "count_changed": changed,
    }
    return TemplateResponse(request, "newsletter/admin/send_confirm.html", context, status=status)


def _problems(send):
    """Failed and skipped rows, newest trouble first, with the address and the reason."""
    rows = (
        send.deliveries.filter(status__in=[Delivery.Status.FAILED, Delivery.Status.SKIPPED])
        .select_related("subscriber")
        .only("status", "last_error", "attempts", "subscriber__email")
        .order_by("status", "subscriber__email")
    )
    return list(rows[:PROBLEM_ROWS])


def send_view(request, page_id):
    """GET: the confirmation (how many recipients, which part of the list) or the progress."""
    issue = _issue_for(request, page_id)
    send = _send_of(issue)
    if send is None:
        segment_form = SegmentForm(request.GET if "count" in request.GET else None)
        return _confirmation(request, issue, segment_form, SendAtForm())
    c = counts(send)
    problems = _problems(send)
    running = send.status in (IssueSend.Status.SENDING, IssueSend.Status.SCHEDULED)
    context = {
        "issue": issue,
        "send": send,
        "counts": c,
        "problems": problems,
        "more_problems": c["failed"] + c["skipped"] - len(problems),
        "refresh_seconds": REFRESH_SECONDS if running else None,
        "segment_text": segment_description(send.segment),
        "rest_count": rest_count(send),
        "newcomer_count": newcomers(send).count() if send.status == IssueSend.Status.DONE else 0,
    }
    return TemplateResponse(request, "newsletter/admin/send_progress.html", context)


@require_POST
def start_view(request, page_id):
    issue = _issue_for(request, page_id)
    if not issue.live:
        messages.error(request, _("Publiceer het nummer voordat u het verstuurt."))
        return redirect("newsletter_send", issue.pk)
    segment_form = SegmentForm(request.POST)
    form = SendAtForm(request.POST)
    at_moment = "at" in request.POST
    if (
        not segment_form.is_valid()
        or not form.is_valid()
        or (at_moment and form.cleaned_data["send_after"] is None)
    ):
        if at_moment and form.is_valid():
            form.add_error("send_after", _("Kies een moment."))
        return _confirmation(request, issue, segment_form, form, status=400)
    segment = segment_form.segment()
    # The editor confirmed a number: if it changed since (someone subscribed, a box was ticked
    # without counting again), show the new number and ask again rather than send.
    if request.POST.get("expected") != str(recipients(issue, segment).count()):
        return _confirmation(request, issue, segment_form, form, status=409, changed=True)
    send_after = form.cleaned_data["send_after"] if at_moment else None
    try:
        send = start_send(issue, send_after=send_after, segment=segment)
    except NotReady:
        return _confirmation(request, issue, segment_form, form, status=409)
    except SendClosed:
        messages.error(request, _("Dit nummer is al verstuurd of de verzending is geannuleerd."))
        return redirect("newsletter_send", issue.pk)
    _enqueue(
        request,
        send,
        _("De verzending is gestart.") if send_after is None else _("De verzending is gepland."),
    )
    return redirect("newsletter_send", issue.pk)


def _enqueue(request, send, text):
    if enqueue_send(send):
        messages.success(request, text)
    else:
        messages.warning(
            request,
            _(
                "Gepland, maar deze omgeving kan taken niet uitstellen: start de verzending op dat moment "
                "met manage.py send_issue."
            ),
        )


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
            _enqueue(request, send, _("De verzending gaat verder."))
            return redirect("newsletter_send", issue.pk)
        text = ""
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


def cancel_view(request, page_id):
    """GET: "Are you sure?" with how many would not get the issue; POST: cancel for good."""
    if request.method == "POST":
        return _change(request, page_id, "cancel")
    issue = _issue_for(request, page_id)
    send = get_object_or_404(IssueSend, issue=issue)
    if not send.is_open:
        messages.error(request, _("Dat kan niet in de huidige toestand van de verzending."))
        return redirect("newsletter_send", issue.pk)
    context = {"issue": issue, "send": send, "counts": counts(send)}
    return TemplateResponse(request, "newsletter/admin/send_cancel.html", context)


def _send_again(request, page_id, add, nobody, started):
    """POST: put recipients back on the send with ``add`` (``send_to_rest`` or ``send_to_newcomers``)
    and queue it; ``nobody`` and ``started`` are the messages when none or some were added."""
    issue = _issue_for(request, page_id)
    send = get_object_or_404(IssueSend, issue=issue)
    try:
        added = add(send)
    except NotReady as exc:
        messages.error(request, " ".join([_("Eerst aanpassen:"), *exc.problems]))
        return redirect("newsletter_send", issue.pk)
    except SendClosed:
        added = 0
    if not added:
        messages.error(request, nobody)
        return redirect("newsletter_send", issue.pk)
    send.refresh_from_db()
    _enqueue(request, send, started)
    return redirect("newsletter_send", issue.pk)


@require_POST
def rest_view(request, page_id):
    """Send to those a cancel or a failure left out; those already reached are not sent again."""
    return _send_again(
        request,
        page_id,
        send_to_rest,
        _("Er is niemand meer om dit nummer aan te versturen."),
        _("Het nummer gaat nu naar wie het nog niet kreeg."),
    )


@require_POST
def newcomers_view(request, page_id):
    """Send a finished issue to those who subscribed since (in the send's part of the list)."""
    return _send_again(
        request,
        page_id,
        send_to_newcomers,
        _("Er zijn geen nieuwe abonnees die dit nummer nog niet kregen."),
        _("Het nummer gaat nu naar de nieuwe abonnees."),
    )


@hooks.register("register_admin_urls")
def register_send_urls():
    return [
        path("kwartaalupdate/<int:page_id>/versturen/", send_view, name="newsletter_send"),
        path("kwartaalupdate/<int:page_id>/versturen/start/", start_view, name="newsletter_send_start"),
        path("kwartaalupdate/<int:page_id>/versturen/pauzeren/", pause_view, name="newsletter_send_pause"),
        path("kwartaalupdate/<int:page_id>/versturen/hervatten/", resume_view, name="newsletter_send_resume"),
        path("kwartaalupdate/<int:page_id>/versturen/annuleren/", cancel_view, name="newsletter_send_cancel"),
        path("kwartaalupdate/<int:page_id>/versturen/de-rest/", rest_view, name="newsletter_send_rest"),
        path(
            "kwartaalupdate/<int:page_id>/versturen/nieuwe-abonnees/",
            newcomers_view,
            name="newsletter_send_newcomers",
        ),
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
