"""What editors do with registrations beyond the list: add someone by hand, correct a
registration, find junk, remove it in one go, cancel, give a place, take attendance (and print the
list), mail the report.

Adding someone by hand goes through ``places.add_by_editor``: a place or the waitlist as the
public form decides, with the same mail and calendar invitation (``AddRegistrationView``).

Every one of them changes what registrants are told, so each is a page that says what will happen
(and to whom), with a button that POSTs; the work itself is in ``places`` and ``attendance``, under
the same locks and mail rules as the public side. All need the *change* permission on
registrations.

Removing junk is a Wagtail bulk action (``RemoveAsJunkBulkAction``, registered with the
``register_bulk_action`` hook): tick the rows in *Aanmeldingen* (after filtering on "not yet
confirmed", the date or the mail domain), choose *Verwijderen als ongewenst*, and confirm on the
page that lists them.
"""

import django_filters
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_list_or_404, get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from knowledge.models import MeetingPage

from . import attendance, forms, places
from .models import Registration

VIEWSET_URL_NAMESPACE = "meeting_registrations"


SEARCH_FIELDS = ["name", "email", "organisation"]


def registrations_url(meeting=None):
    url = reverse(f"{VIEWSET_URL_NAMESPACE}:index")
    return f"{url}?meeting={meeting.pk}" if meeting else url


def search(queryset, query):
    """What the list's search box does (Django's ``icontains`` on ``SEARCH_FIELDS``).

    Searching ``@voorbeeld.example`` finds every registration with an address at that domain.
    """
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(**{f"{field}__icontains": query})
    return queryset.filter(condition)


class RegistrationFilterSet(WagtailFilterSet):
    """The list's filters: meeting, status, municipality, when it was sent, and the mail domain.

    Junk from a bot shows up as many *Nog niet bevestigd* rows from the same hour, often with
    addresses at a few made-up domains.
    """

    created_at = django_filters.DateFromToRangeFilter(label=_("aangemeld op"), widget=DateRangePickerWidget)
    domain = django_filters.CharFilter(label=_("e-maildomein"), method="filter_domain")

    class Meta:
        model = Registration
        fields = ["meeting", "status", "municipality"]

    def filter_domain(self, queryset, name, value):
        domain = value.strip().lstrip("@").lower()
        return queryset.filter(email__endswith=f"@{domain}") if domain else queryset


class RegistrationAdminView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = Registration
    permission_required = "change"
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": registrations_url(), "label": _("Aanmeldingen")},
            {"url": "", "label": self.get_page_title()},
        ]


class RegistrationActionView(RegistrationAdminView):
    """GET: what the action does to this registration. POST: do it, and go back to the list."""

    template_name = "registrations/admin/confirm_action.html"
    allowed_status = ()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.registration = get_object_or_404(Registration.objects.select_related("meeting"), pk=kwargs["pk"])
        self.meeting = self.registration.meeting

    def cancel_url(self):
        return registrations_url(self.meeting)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            registration=self.registration,
            allowed=self.registration.status in self.allowed_status,
            places_left=places.places_left(self.meeting),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if self.registration.status not in self.allowed_status:
            messages.error(request, self.not_allowed_message())
        else:
            self.act()
        return redirect(registrations_url(self.meeting))


class CancelRegistrationView(RegistrationActionView):
    allowed_status = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)

    def get_page_title(self):
        return _("Aanmelding annuleren")

    def explanation(self):
        return _(
            "%(name)s krijgt een e-mail dat de organisatie de aanmelding heeft geannuleerd. "
            "Had %(name)s een plaats, dan krijgt de eerste op de wachtlijst die plaats."
        ) % {"name": self.registration.name}

    def button_label(self):
        return _("Ja, annuleer de aanmelding")

    def not_allowed_message(self):
        return _("Deze aanmelding was al afgemeld.")

    def act(self):
        promoted = places.cancel(self.registration, by_organiser=True)
        message = _("De aanmelding van %(name)s is geannuleerd.") % {"name": self.registration.name}
        if promoted:
            message += " " + _("%(name)s van de wachtlijst heeft de plaats gekregen.") % {
                "name": promoted.name
            }
        messages.success(self.request, message)


class PromoteRegistrationView(RegistrationActionView):
    allowed_status = (Registration.Status.WAITLISTED,)

    def get_page_title(self):
        return _("Plaats geven")

    def explanation(self):
        text = _("%(name)s krijgt een plaats en een e-mail met een uitnodiging voor de agenda.") % {
            "name": self.registration.name
        }
        if places.places_left(self.meeting) == 0:
            text += " " + _("De bijeenkomst is vol: er komt een plaats bij boven het aantal plaatsen.")
        return text

    def button_label(self):
        return _("Ja, geef een plaats")

    def not_allowed_message(self):
        return _("Alleen wie op de wachtlijst staat, kan een plaats krijgen.")

    def act(self):
        promoted, _left = places.promote(self.registration)
        if promoted:
            messages.success(
                self.request,
                _("%(name)s heeft een plaats gekregen.") % {"name": self.registration.name},
            )
        else:
            messages.error(self.request, _("De bijeenkomst is voorbij: er kan niemand meer bij."))


class MeetingAdminView(RegistrationAdminView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        meeting = get_object_or_404(MeetingPage, pk=kwargs["meeting_id"])
        self.meeting = places.source_meeting(meeting)

    def get_page_subtitle(self):
        return self.meeting.title


class AttendanceView(MeetingAdminView):
    """The confirmed registrations of one meeting, each with a tick for "was there"."""

    template_name = "registrations/admin/attendance.html"

    def get_page_title(self):
        return _("Presentielijst")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting,
            registrations=self.meeting.registrations.holding_a_place().select_related("municipality"),
            report_url=reverse(f"{VIEWSET_URL_NAMESPACE}:report", args=[self.meeting.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        present_ids = [value for value in request.POST.getlist("present") if value.isdigit()]
        present, absent = attendance.take_attendance(self.meeting, present_ids)
        messages.success(
            request,
            _("Presentie opgeslagen: %(present)s aanwezig, %(absent)s afwezig.")
            % {"present": present, "absent": absent},
        )
        return redirect(request.path)


class AttendanceListView(MeetingAdminView):
    """The attendance list to print and lay out at the door: who has a place, with room to sign.

    Needs only the *view* permission: it changes nothing. Works before the meeting too, unlike
    taking attendance. The admin's menus and header are hidden when printed (the template's
    print styles); the browser's own print command prints it.
    """

    permission_required = "view"
    template_name = "registrations/admin/attendance_list.html"

    def get_page_title(self):
        return _("Presentielijst")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting,
            registrations=self.meeting.registrations.holding_a_place()
            .select_related("municipality")
            .order_by("name", "pk"),
            waitlisted=self.meeting.registrations.waiting().count(),
            **kwargs,
        )


class ReportMailView(MeetingAdminView):
    """After the meeting: mail the report's link to those who came (each one once)."""

    template_name = "registrations/admin/report_mail.html"

    def get_page_title(self):
        return _("Verslag mailen")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting,
            not_ready=attendance.report_not_ready(self.meeting),
            counts=attendance.report_counts(self.meeting),
            attendance_url=reverse(f"{VIEWSET_URL_NAMESPACE}:attendance", args=[self.meeting.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        not_ready = attendance.report_not_ready(self.meeting)
        if not_ready:
            messages.error(request, not_ready)
            return redirect(request.path)
        queued = attendance.send_report(self.meeting)
        if queued:
            message = ngettext(
                "Het verslag gaat naar %(count)s deelnemer.",
                "Het verslag gaat naar %(count)s deelnemers.",
                queued,
            )
            messages.success(request, message % {"count": queued})
        else:
            messages.warning(request, _("Iedereen heeft het verslag al gekregen. Er is niets verstuurd."))
        return redirect(request.path)


class ConfirmPublishView(WagtailAdminTemplateMixin, TemplateView):
    """ "N mensen krijgen bericht": the step between "publish" and the mails a meeting's change sends.

    The page editor's publish (``wagtail_hooks.confirm_before_mailing``) saved the version and
    came here instead of publishing it. GET: what changed and who will be mailed. POST: publish
    that version (``Revision.publish``, as Wagtail's own publish does), which mails them
    (``places.meeting_published``). Needs the right to publish the page, and the version must
    still be its newest: a colleague's later change is never published unseen.
    """

    template_name = "registrations/admin/confirm_publish.html"
    header_icon = "mail"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(MeetingPage, pk=kwargs["meeting_id"])
        self.revision = get_object_or_404(self.page.revisions, pk=kwargs["revision_id"])

    def dispatch(self, request, *args, **kwargs):
        page_permissions = self.page.permissions_for_user(request.user)
        lock = self.page.get_lock()
        if not page_permissions.can_publish() or (lock is not None and lock.for_user(request.user)):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Publiceren en bericht sturen")

    def get_page_subtitle(self):
        return self.page.title

    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def is_newest(self):
        return self.revision.pk == self.page.latest_revision_id

    def get_context_data(self, **kwargs):
        changed = self.revision.as_object()
        return super().get_context_data(
            live=self.page,
            changed=changed,
            notice=places.notice(changed),
            edit_url=self.edit_url(),
            is_newest=self.is_newest(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.is_newest():
            messages.error(
                request,
                _("Er is intussen een nieuwere versie opgeslagen. Bekijk die en publiceer opnieuw."),
            )
            return redirect(self.edit_url())
        changed = self.revision.as_object()
        told = places.notice(changed).total
        self.revision.publish(user=request.user, changed=True)
        message = ngettext(
            "De pagina '%(title)s' is gepubliceerd. %(count)s persoon krijgt bericht.",
            "De pagina '%(title)s' is gepubliceerd. %(count)s mensen krijgen bericht.",
            told,
        ) % {"title": changed.title, "count": told}
        messages.success(request, message)
        return redirect(self.edit_url())


class AddRegistrationView(generic.CreateView):
    """Add someone who phoned or mailed: the place is decided as for the public form.

    ``?meeting=<id>`` (the link on the meeting's page in the admin) chooses the meeting. The
    answer says where the person landed and that they were mailed.
    """

    def get_initial(self):
        initial = super().get_initial()
        meeting_id = self.request.GET.get("meeting", "")
        if meeting_id.isdigit():
            initial["meeting"] = int(meeting_id)
        return initial

    def form_valid(self, form):
        self.form = form
        details = {name: value for name, value in form.cleaned_data.items() if name != "meeting"}
        outcome, registration = places.add_by_editor(form.cleaned_data["meeting"], **details)
        if outcome not in (places.Outcome.CONFIRMED, places.Outcome.WAITLISTED):
            form.add_error("meeting" if outcome != places.Outcome.ALREADY else "email", refusal(outcome))
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        self.object = registration
        log(registration, "wagtail.create", user=self.request.user)
        return self.save_action()

    def get_success_message(self, instance):
        return added_message(instance)

    def get_success_url(self):
        # Back to the meeting's own registrations, where the person just added shows.
        return registrations_url(self.object.meeting)


def added_message(registration):
    """What the editor is told after adding someone: where they landed, and that they got mail."""
    if registration.status == Registration.Status.WAITLISTED:
        return _(
            "De bijeenkomst is vol: %(name)s staat op de wachtlijst (plaats %(position)s) en krijgt "
            "daarover een e-mail."
        ) % {"name": registration.name, "position": registration.waitlist_position}
    return _("%(name)s is aangemeld en krijgt een bevestiging met een uitnodiging voor de agenda.") % {
        "name": registration.name
    }


def refusal(outcome):
    """Why ``places.add_by_editor`` stored nothing, in the editor's words."""
    if outcome == places.Outcome.FULL:
        return _(
            "De bijeenkomst is vol en heeft geen wachtlijst. Zet de wachtlijst aan of verhoog het "
            "aantal plaatsen op de pagina van de bijeenkomst."
        )
    if outcome == places.Outcome.ALREADY:
        return forms.ALREADY_MESSAGE
    return _("De bijeenkomst is voorbij of gaat niet door: er kan niemand meer bij.")


class EditRegistrationView(generic.EditView):
    """Correct a registration's details. A new address gets the mail of where it stands."""

    def form_valid(self, form):
        # The model stores addresses in lower case: "Anna@" for "anna@" is no new address.
        address_changed = form.cleaned_data["email"].strip().lower() != (form.initial.get("email") or "")
        response = super().form_valid(form)
        if address_changed and places.address_changed(self.object):
            messages.info(
                self.request,
                _("%(name)s krijgt de e-mail over de aanmelding opnieuw, op het nieuwe adres.")
                % {"name": self.object.name},
            )
        return response


class RemoveAsJunkBulkAction(PermissionCheckedMixin, BulkAction):
    """Tick registrations a bot made, and cancel them all at once without mailing them.

    The confirmation page lists every chosen registration; the POST cancels them through
    ``places.remove_as_junk``, which gives the places they held to the waitlist in its order (each
    promoted person gets the usual mail). Registrations that were cancelled already are listed
    apart and left alone.
    """

    display_name = _("Verwijderen als ongewenst")
    action_type = "junk"
    aria_label = _("De gekozen aanmeldingen verwijderen als ongewenst, zonder e-mail")
    template_name = "registrations/admin/confirm_junk.html"
    action_priority = 10
    models = [Registration]
    permission_policy = ModelPermissionPolicy(Registration)
    permission_required = "change"

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Ids come from the URL: anything but a number is ignored rather than an error.
        ids = [pk for pk in map(str, object_ids) if pk.isdigit()]
        return get_list_or_404(model.objects.select_related("meeting"), pk__in=ids)

    def get_all_objects_in_listing_query(self, parent_id):
        """ "Select all in the listing": what the list shows with its filters and search, not every
        registration there is (the list's query string comes along with ``id=all``)."""
        filters = RegistrationFilterSet(self.request.GET, queryset=Registration.objects.all())
        queryset = filters.qs if filters.is_valid() else Registration.objects.none()
        if query := self.request.GET.get("q", "").strip():
            queryset = search(queryset, query)
        return queryset.values_list("pk", flat=True)

    def check_perm(self, registration):
        # Cancelled ones need nothing: the page lists them apart, and the POST leaves them alone.
        return registration.status != Registration.Status.CANCELLED

    def object_context(self, registration):
        return {
            "item": registration,
            "edit_url": reverse(f"{VIEWSET_URL_NAMESPACE}:edit", args=[registration.pk]),
        }

    @classmethod
    def execute_action(cls, objects, **kwargs):
        removed, promoted = places.remove_as_junk(objects)
        return removed, len(promoted)

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = ngettext(
            "%(count)s aanmelding is verwijderd als ongewenst. Er is geen e-mail over verstuurd.",
            "%(count)s aanmeldingen zijn verwijderd als ongewenst. Er is geen e-mail over verstuurd.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
        if num_child_objects:
            message += " " + ngettext(
                "%(count)s persoon van de wachtlijst heeft een plaats gekregen.",
                "%(count)s personen van de wachtlijst hebben een plaats gekregen.",
                num_child_objects,
            ) % {"count": num_child_objects}
        return message
