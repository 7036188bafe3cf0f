"""The leernetwerk: intervision meetings for municipal civil servants, per theme."""

import datetime
from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.admin_forms import ChosenMediaPageForm
from core.caching import cached
from core.hooks import MEETING_PLACES_HOOK
from core.listing import ListingFilter
from core.models import BasePage, ListingPage
from core.sections import SectionIndexMixin

from ..blocks import ProgrammeItemBlock
from .common import THEMES_WIDGET, themes_field
from .filters import theme_filter
from .themes import ThemedCardsMixin, ThemeTaggedMixin


class Places(NamedTuple):
    """A meeting's places as registrations count them: those of the meeting in the main language,
    which its translations share (an English page may still show an older copy of the limit)."""

    capacity: int
    left: int
    waitlist: bool


def coming_meetings_places():
    """``{translation key: Places}`` of every coming meeting with a limit, kept until the content
    changes (a place taken or given back changes it too: ``registrations.signals``)."""

    def find():
        places = {}
        for answer in hooks.get_hooks(MEETING_PLACES_HOOK):
            places.update(answer())
        return places

    return cached("meeting-places", find)


# ``fn(meeting, request) -> HTML or None``: what the meeting's own page in the admin shows beside
# its fields. ``registrations`` answers with the counts, its links and what publishing would mail
# (this app may not import that one; see ``MeetingEditorPanel``).
MEETING_EDITOR_PANEL_HOOK = "leefbaarheid_meeting_editor_panel"


def programme_times(programme):
    """The times of a programme's items, in order (None for an item without one)."""
    return [child.value.get("time") for child in programme]


def shifted_time(time, delta):
    """``time`` moved by ``delta`` on the same day, or None when that would cross midnight."""
    moved = datetime.datetime.combine(datetime.date(2000, 1, 2), time) + delta
    return moved.time() if moved.date() == datetime.date(2000, 1, 2) else None


class MeetingPageForm(ChosenMediaPageForm):
    """The meeting's admin form: when the start time changes, the programme's times move with it.

    A programme is a list of times of day ("14:00 Welkom"). When an editor moves the meeting to
    another hour, the items move by the same amount of time, unless the editor unticks
    ``shift_programme`` or changed the programme's times in the same go (then their times are
    what they meant). An item that would cross midnight keeps its time; the panel at the top
    (``MeetingEditorPanel``) flags every item outside the meeting's hours.
    """

    shift_programme = forms.BooleanField(
        label=_("Tijden in het programma mee verschuiven"),
        required=False,
        initial=True,
        help_text=_(
            "Verandert u de begintijd, dan schuiven de tijden in het programma evenveel op. "
            "Een verplaatsing naar een andere dag verandert de tijden niet."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        old, new = self.instance.start, cleaned.get("start")
        programme = cleaned.get("programme")
        if not (old and new and programme and cleaned.get("shift_programme")):
            return cleaned
        initial = self.get_initial_for_field(self.fields["programme"], "programme")
        if initial is not None and programme_times(initial) != programme_times(programme):
            return cleaned  # the editor set the times themselves
        old_local, new_local = timezone.localtime(old), timezone.localtime(new)
        delta = datetime.datetime.combine(old_local.date(), new_local.time()) - datetime.datetime.combine(
            old_local.date(), old_local.time()
        )
        if delta:
            for child in programme:
                time = child.value.get("time")
                if time is not None and (moved := shifted_time(time, delta)) is not None:
                    child.value["time"] = moved
        return cleaned


class MeetingEditorPanel(Panel):
    """At the top of a meeting's page in the admin: its registrations at a glance, with the links
    an editor needs (from ``MEETING_EDITOR_PANEL_HOOK``), and programme items outside the
    meeting's hours. Shown once the meeting is saved and there is something to show."""

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = ""
            meeting = self.instance
            if meeting is None or meeting.pk is None:
                return
            parts = []
            if self.request is not None:  # e.g. comparing revisions binds panels without one
                parts = [fn(meeting, self.request) for fn in hooks.get_hooks(MEETING_EDITOR_PANEL_HOOK)]
            outside = meeting.programme_outside_hours()
            if outside:
                parts.append(
                    render_to_string(
                        "knowledge/admin/programme_outside_hours.html",
                        {"items": outside, "meeting": meeting},
                    )
                )
            self.content = mark_safe("".join(part for part in parts if part))  # noqa: S308 - rendered templates

        def is_shown(self):
            return bool(self.content)

        def render_html(self, parent_context=None):
            return self.content


class MeetingPage(ThemeTaggedMixin, BasePage):
    """One learning-network meeting. The online link is kept for registrants and never shown here."""

    theme_section = "upcoming_meetings"
    theme_section_order = ("start", "pk")

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("Op locatie")
        HYBRID = "hybrid", _("Op locatie en online")

    themes = themes_field("meetings")
    format = models.CharField(_("vorm"), max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    start = models.DateTimeField(_("begint"))
    end = models.DateTimeField(_("eindigt"))
    location_name = models.CharField(_("locatie"), max_length=150, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    online_link = models.URLField(
        _("link voor online deelname"),
        blank=True,
        help_text=_("Alleen aangemelde deelnemers krijgen deze link."),
    )
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), null=True, blank=True)
    has_waitlist = models.BooleanField(_("wachtlijst als het vol is"), default=True)
    registration_opens = models.DateTimeField(_("aanmelden kan vanaf"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("aanmelden kan tot"), null=True, blank=True)
    cancelled = models.BooleanField(
        _("gaat niet door"),
        default=False,
        help_text=_("Publiceer de pagina: wie zich heeft aangemeld, krijgt dan bericht."),
    )
    audience = models.TextField(_("voor wie"), blank=True)
    programme = StreamField([("item", ProgrammeItemBlock())], verbose_name=_("programma"), blank=True)
    report = RichTextField(_("verslag"), blank=True, help_text=_("Na afloop: wat is er besproken?"))

    base_form_class = MeetingPageForm

    content_panels = [
        MeetingEditorPanel(heading=_("Aanmeldingen")),
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=THEMES_WIDGET),
                FieldPanel("format"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("shift_programme"),
                FieldRowPanel([FieldPanel("location_name"), FieldPanel("address")]),
                FieldPanel("online_link"),
            ],
            heading=_("Wanneer en waar"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("has_waitlist")]),
                FieldRowPanel(
                    [
                        FieldPanel("registration_opens"),
                        FieldPanel("registration_closes"),
                    ]
                ),
                FieldPanel("audience"),
                FieldPanel("cancelled"),
            ],
            heading=_("Aanmelden"),
        ),
        FieldPanel("programme"),
        FieldPanel("report"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("audience"),
        index.SearchField("programme"),
        index.SearchField("report"),
        index.FilterField("start"),
        index.FilterField("locale_id"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("themes"),
        SynchronizedField("format"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("location_name"),
        SynchronizedField("address"),
        SynchronizedField("online_link"),
        SynchronizedField("capacity"),
        SynchronizedField("has_waitlist"),
        SynchronizedField("registration_opens"),
        SynchronizedField("registration_closes"),
        SynchronizedField("cancelled"),
        TranslatableField("audience"),
        TranslatableField("programme"),
        TranslatableField("report"),
    ]
    parent_page_types = ["knowledge.MeetingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    @classmethod
    def in_theme_section(cls, queryset):
        return cls.upcoming(queryset)

    @staticmethod
    def upcoming(queryset):
        """The meetings of ``queryset`` that have not ended yet."""
        return queryset.filter(end__gte=timezone.now())

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Het einde moet na het begin liggen.")
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            errors["registration_closes"] = _("Aanmelden moet sluiten nadat het opengaat.")
        if self.format in (self.Format.IN_PERSON, self.Format.HYBRID) and not self.location_name:
            errors["location_name"] = _("Vul de locatie in voor een bijeenkomst op locatie.")
        if errors:
            raise ValidationError(errors)

    def get_cache_key_components(self):
        # The page changes when registration opens or closes, without anyone publishing it.
        return [*super().get_cache_key_components(), self.registration_state]

    def answers_each_visitor(self, request):
        # While registration is open the page holds the registration form (with a CSRF token,
        # and places left that change with every registration): never a shared copy.
        return self.registration_is_open

    @property
    def is_past(self):
        return self.end < timezone.now()

    @classmethod
    def clock_moments(cls):
        """When time alone changes a meeting (``core.clock``): registration opens, closes, it ends."""
        rows = cls.objects.live().values_list("registration_opens", "registration_closes", "end")
        return [moment for row in rows for moment in row]

    @cached_property
    def places(self):
        """``Places`` (limit, places left, waitlist) as registrations count them, or None for a
        meeting without a limit or one nobody can register for here."""
        return coming_meetings_places().get(str(self.translation_key))

    def card_meta(self):
        line = date_format(timezone.localtime(self.start), "l j F Y, H:i")
        return f"{line} · {self.location_name}" if self.location_name else line

    def programme_outside_hours(self):
        """The programme's items whose time lies before the start or after the end (local time),
        as ``[(time, title)]``: after a move, times nobody moved along. [] for a meeting over
        more than one day (its programme's times can't be placed)."""
        if not (self.start and self.end and self.programme):
            return []
        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        if start.date() != end.date():
            return []
        return [
            (child.value["time"], child.value.get("title", ""))
            for child in self.programme
            if child.value.get("time") is not None
            and not start.time().replace(second=0, microsecond=0) <= child.value["time"] <= end.time()
        ]

    @property
    def registration_state(self):
        """Where registration stands: "cancelled", "past", "open", "not_yet_open" or "closed".

        A cancelled meeting stays "cancelled" after its date: it did not take place.
        """
        if self.cancelled:
            return "cancelled"
        if self.is_past:
            return "past"
        if self.registration_is_open:
            return "open"
        if self.registration_opens and self.registration_opens > timezone.now():
            return "not_yet_open"
        return "closed"

    @property
    def registration_is_open(self):
        now = timezone.now()
        if self.is_past or self.cancelled:
            return False
        if self.registration_opens and now < self.registration_opens:
            return False
        return not (self.registration_closes and now > self.registration_closes)


class MeetingIndexPage(SectionIndexMixin, ThemedCardsMixin, ListingPage):
    """The leernetwerk: upcoming meetings first; past meetings with their reports on request."""

    section_name = "meetings"
    section_slug = "leernetwerk"
    section_position = 40

    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.MeetingPage"]
    max_count_per_parent = 1
    listing_model = MeetingPage

    class Meta:
        verbose_name = _("leernetwerk")

    def get_listing_queryset(self, request):
        # Upcoming meetings first, soonest first; then past meetings, newest first.
        now = timezone.now()
        return (
            super()
            .get_listing_queryset(request)
            .alias(
                is_past=models.Case(models.When(end__lt=now, then=1), default=0),
                upcoming_start=models.Case(models.When(end__gte=now, then=models.F("start"))),
                past_start=models.Case(models.When(end__lt=now, then=models.F("start"))),
            )
            .order_by("is_past", "upcoming_start", "-past_start", "title")
        )

    def get_filters(self, request):
        def by_time(queryset, value):
            now = timezone.now()
            return queryset.filter(end__lt=now) if value == "past" else queryset.filter(end__gte=now)

        def count_by_time(queryset):
            now = timezone.now()
            return queryset.order_by().aggregate(
                upcoming=models.Count("pk", distinct=True, filter=models.Q(end__gte=now)),
                past=models.Count("pk", distinct=True, filter=models.Q(end__lt=now)),
            )

        return [
            # Coming meetings unless the reader asks for earlier ones (or all: ``?wanneer=alle``).
            ListingFilter(
                param="wanneer",
                label=_("Wanneer"),
                all_label=_("Alle bijeenkomsten"),
                choices=[
                    ("upcoming", _("Komende bijeenkomsten")),
                    ("past", _("Eerdere bijeenkomsten")),
                ],
                apply=by_time,
                count=count_by_time,
                default="upcoming",
            ),
            theme_filter(self.locale_id),
        ]
